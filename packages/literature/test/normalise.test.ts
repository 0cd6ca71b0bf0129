import { describe, expect, it } from 'vitest';
import { journalsAgree, journalWords, noticeKind } from '../src/dedup/normalise.ts';
import { normaliseTitle } from '../src/index.ts';

describe('normaliseTitle', () => {
  it.each([
    ['case and punctuation', 'Effect of X on Y: A Randomised Trial', 'effect of x on y -- a randomised trial'],
    ['trailing period and brackets of a translated title', '[Effect of X on Y: a randomised trial].', 'Effect of X on Y: a randomised trial'],
    ['diacritics and letters NFKD keeps', 'Müller’s café study in Øresund', 'Mullers cafe study in Oresund'],
    ['HTML entities and tags', 'Effect of <i>E. coli</i> &amp; <sup>13</sup>C on growth', 'Effect of E. coli & 13C on growth'],
    ['Greek letters spelled out', 'TNF-α and β-blockers in μ-opioid receptors', 'TNF-alpha and beta-blockers in mu-opioid receptors'],
    ['"&" as "and"', 'Diet & exercise', 'Diet and exercise'],
    ['an Embase erratum citation', 'Erratum: Statin use (Diabetes Care (2022) 45 (400-408))', 'Erratum: statin use.'],
  ])('ignores %s', (_, a, b) => {
    expect(normaliseTitle(a)).toBe(normaliseTitle(b));
  });

  it('keeps what tells papers apart: part numbers, words, notice prefixes', () => {
    expect(normaliseTitle('Outcomes. Part I')).not.toBe(normaliseTitle('Outcomes. Part II'));
    expect(normaliseTitle('Erratum: Outcomes of surgery')).not.toBe(normaliseTitle('Outcomes of surgery'));
    expect(normaliseTitle('帕金森病患者α-突触核蛋白水平分析')).toBe('帕金森病患者alpha突触核蛋白水平分析');
    expect(normaliseTitle(null)).toBe('');
  });
});

describe('notices and journals', () => {
  it('knows errata, retractions and comments by title or publication type', () => {
    expect(noticeKind('Erratum: Effect of X', null)).toBe('erratum');
    expect(noticeKind('[Correction to: Effect of X]', null)).toBe('erratum');
    expect(noticeKind('Effect of X', 'Published Erratum')).toBe('erratum');
    expect(noticeKind('Retraction notice to "Effect of X"', null)).toBe('retraction');
    expect(noticeKind('Effect of X', 'Journal Article; Retracted Publication')).toBe('article');
    expect(noticeKind('Re: Effect of X', null)).toBe('comment');
    expect(noticeKind('Re-evaluation of X', null)).toBe('article');
  });

  it('matches journal abbreviations and acronyms, not different journals', () => {
    const agree = (a: string, b: string) => journalsAgree(journalWords(a), journalWords(b));
    expect(agree('J Clin Oncol', 'Journal of Clinical Oncology')).toBe(true);
    expect(agree('N Engl J Med', 'The New England journal of medicine')).toBe(true);
    expect(agree('JAMA', 'Journal of the American Medical Association')).toBe(true);
    expect(agree('PLOS ONE', 'PloS one')).toBe(true);
    expect(agree('Critical Care Medicine', 'PLoS ONE')).toBe(false);
    expect(agree('J Pain Res', 'Journal of Clinical Oncology')).toBe(false);
  });
});
