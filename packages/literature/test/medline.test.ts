import { describe, expect, it } from 'vitest';
import { parseLiterature } from '../src/index.ts';
import { fields, fixture, lineOf, parseFixture } from './helpers.ts';

describe('PubMed/MEDLINE', () => {
  it('reads continuation lines, structured abstracts, FAU/AU/CN authors, LID/AID DOIs, MeSH stars', () => {
    const { format, records, report } = parseFixture('pubmed.nbib');
    expect(format).toBe('medline');
    expect(report).toEqual({ recordsRead: 3, withoutAbstract: 2, withoutDoi: 1, withoutYear: 0, skipped: [] });
    expect(fields(records[0])).toEqual({
      title: 'Effect of early mobilisation on delirium in critically ill adults: a randomised controlled trial.',
      abstract:
        'BACKGROUND: Delirium is common in intensive care. METHODS: We randomly assigned 200 adults to early mobilisation or usual care. RESULTS: Delirium occurred in 21% versus 35% (p < 0.05). CONCLUSIONS: Early mobilisation reduced delirium.',
      authors: ['Müller, Hans-Peter', 'García-López, José', 'Smith, J', 'ICU Mobility Study Group'],
      year: 2019,
      journal: 'PloS one',
      volume: '14',
      issue: '8',
      pages: 'e0221183',
      doi: '10.1371/journal.pone.0221183',
      pmid: '31452104',
      keywords: ['early mobilisation', 'delirium', 'intensive care', 'Adult', 'Delirium/prevention & control', 'Humans'],
      language: 'eng',
      publicationType: 'Journal Article; Randomized Controlled Trial',
    });
    expect(records[0]?.sourceFile).toBe('pubmed.nbib');
    expect(records[0]?.raw.startsWith('PMID- 31452104\nOWN - NLM')).toBe(true);
    expect(records[0]?.raw.endsWith('      eCollection 2019.')).toBe(true);
  });

  it('unwraps bracketed translated titles, treats "AB  - NA" as no abstract, reads "2021 Winter"', () => {
    const { records } = parseFixture('pubmed.nbib');
    expect(fields(records[1])).toMatchObject({
      title: "Analysis of the α-synuclein level in patients with Parkinson's disease.",
      abstract: null,
      authors: ['Wang, Xiaoming', 'Li, Na'],
      year: 2020,
      pages: '201-5',
      doi: '10.3760/cma.j.issn.0376-2491.2020.03.008',
      language: 'chi',
    });
    expect(fields(records[2])).toMatchObject({ title: 'Erratum: Sleep quality in night-shift nurses.', year: 2021, doi: null, publicationType: 'Published Erratum' });
  });

  it('reads the same records from CRLF, lone-CR and BOM-prefixed files', () => {
    const text = fixture('pubmed.nbib');
    const expected = parseLiterature(text, 'a.nbib').records.map(fields);
    for (const variant of [text.replace(/\n/g, '\r\n'), text.replace(/\n/g, '\r'), `\uFEFF${text}`]) {
      const { records, report } = parseLiterature(variant, 'b.txt');
      expect(records.map(fields)).toEqual(expected);
      expect(report.skipped).toEqual([]);
    }
  });

  it('reports a truncated last record with its line and keeps the records before it', () => {
    const text = fixture('pubmed.nbib');
    const cut = text.slice(0, text.indexOf('LA  - eng\nJT  - Journal of Nursing'));
    const { records, report } = parseLiterature(cut, 'cut.nbib');
    expect(records.map((record) => record.pmid)).toEqual(['31452104', '32000001']);
    expect(report.skipped).toEqual([{ line: lineOf(text, 'PMID- 33000002'), reason: expect.stringMatching(/no "SO {2}- " line.*truncated/) }]);
  });

  it('reports stray text between records once per block, with its line', () => {
    const text = fixture('pubmed.nbib').replace('\nPMID- 33000002', '\n  stray note\ncontinues\n\nPMID- 33000002');
    const { records, report } = parseLiterature(text, 'pubmed.txt');
    expect(records).toHaveLength(3);
    expect(report.skipped).toEqual([{ line: lineOf(text, '  stray note'), reason: 'Text outside any record: "stray note"' }]);
  });

  it('joins a line PubMed broke after a hyphen as the source meant, and other lines with a space (issue 16)', () => {
    const text = 'PMID- 1\nTI  - A double-blind, placebo-\n      controlled trial of COVID-\n      19 care in older\n      adults - a pilot.\nDP  - 2020\nSO  - X.\n';
    expect(parseLiterature(text, 'pubmed.txt').records[0]?.title).toBe('A double-blind, placebo-controlled trial of COVID-19 care in older adults - a pilot.');
  });
});
