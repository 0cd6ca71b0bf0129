import { describe, expect, it } from 'vitest';
import { parseLiterature } from '../src/index.ts';
import { fields, fixture, lineOf, parseFixture } from './helpers.ts';

describe('BibTeX', () => {
  it('decodes TeX accents, math Greek, escapes and macros; drops braces and markup; normalises the DOI URL', () => {
    const { format, records } = parseFixture('refs.bib');
    expect(format).toBe('bibtex');
    expect(fields(records[0])).toEqual({
      title: 'Effect of Early Mobilisation on α-Synuclein and Delirium: a randomised trial',
      abstract: 'Background: 21% versus 35% & more.',
      authors: ['Müller, Hans-Peter', 'García-López, José', 'ICU Mobility Study Group'],
      year: 2019,
      journal: 'Journal of Clinical Tests',
      volume: '14',
      issue: '8',
      pages: '123-129',
      doi: '10.1371/journal.pone.0221183',
      pmid: '31452104',
      keywords: ['delirium', 'early mobilisation', 'intensive care'],
      language: 'english',
      publicationType: 'article',
    });
    expect(fields(records[1])).toMatchObject({ title: '帕金森病患者α-突触核蛋白水平分析', authors: ['Zhang, Wei', 'Smith, John'], journal: 'Proceedings of the Chinese Neurology Congress', year: 2020 });
  });

  it('reports an unclosed entry and a truncated last entry with their lines, keeping the good ones', () => {
    const text = fixture('refs.bib');
    const { records, report } = parseLiterature(text, 'refs.bib');
    expect(records).toHaveLength(2);
    expect(report.skipped).toEqual([
      { line: lineOf(text, '@article{Broken2021'), reason: `This entry's braces never close before the next entry at line ${lineOf(text, '@article{Last2022')}, so it was not imported` },
      { line: lineOf(text, '@article{Last2022'), reason: 'The file ends inside this entry (its braces never close): it looks truncated, so it was not imported' },
    ]);
  });

  it('reports an entry the library cannot read, with the line of the fault', () => {
    const text = '@article{ok, title = {Fine}}\n\n@article{bad,\n  title = {Unbalanced} junk junk,\n}\n';
    const { records, report } = parseLiterature(text, 'x.bib');
    expect(records.map((record) => record.title)).toEqual(['Fine']);
    expect(report.skipped).toHaveLength(1);
    expect(report.skipped[0]).toMatchObject({ line: 3, reason: expect.stringMatching(/^Could not read this BibTeX entry: .*line 4/) });
  });
});
