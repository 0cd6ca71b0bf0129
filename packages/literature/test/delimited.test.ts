import { describe, expect, it } from 'vitest';
import { parseLiterature } from '../src/index.ts';
import { fields, fixture, parseFixture } from './helpers.ts';

describe('CSV and TSV exports', () => {
  it('Scopus CSV: BOM, quoted multi-line abstract, author IDs dropped, article number or page start + end, placeholder abstract', () => {
    const { format, records, report, columns } = parseFixture('scopus.csv');
    expect(format).toBe('csv');
    expect(columns?.unsure).toEqual([]);
    expect(fields(records[0])).toEqual({
      title: 'Effect of early mobilisation on delirium in critically ill adults: A randomised controlled trial',
      abstract: 'Background: Delirium is common, "often" missed. Methods: 200 adults.',
      authors: ['Müller, Hans-Peter', 'García-López, José'],
      year: 2019,
      journal: 'PLoS ONE',
      volume: '14',
      issue: '8',
      pages: 'e0221183',
      doi: '10.1371/journal.pone.0221183',
      pmid: '31452104',
      keywords: ['delirium', 'early mobilisation'],
      language: 'English',
      publicationType: 'Article',
    });
    expect(fields(records[1])).toMatchObject({ title: 'Sleep quality in night-shift nurses', abstract: null, authors: ['Doe, Anne', 'Roe, Richard'], pages: '12-19' });
    expect(records[1]?.raw.startsWith('"Doe A., Roe R."')).toBe(true);
    expect(report).toEqual({ recordsRead: 2, withoutAbstract: 1, withoutDoi: 1, withoutYear: 0, skipped: [] });
  });

  it('a CSV cut inside a quoted field keeps the rows before it and reports the cut row with its line', () => {
    const text = `${fixture('scopus.csv')}"Cut A.","Cut, A (57190000005)","57190000005","A row cut off in the mid`;
    const { records, report } = parseLiterature(text, 'scopus.csv');
    expect(records).toHaveLength(2);
    expect(report.skipped).toEqual([{ line: 6, reason: expect.stringContaining('a quote opened here is never closed') }]);
  });

  it('Web of Science tab-delimited: tag headers, bare quotes inside unquoted fields, CRLF', () => {
    const { format, records } = parseFixture('wos-tab.txt');
    expect(format).toBe('csv');
    expect(fields(records[0])).toMatchObject({
      title: 'Effect of early mobilisation on delirium in critically ill adults: A randomised controlled trial',
      abstract: 'Background: "Delirium" is common.',
      authors: ['Muller, Hans-Peter', 'Garcia-Lopez, Jose'],
      year: 2019,
      doi: '10.1371/journal.pone.0221183',
      pmid: '31452104',
    });
  });

  it('CNKI: Chinese headers ("Title-题名"), semicolon-ended author and keyword lists', () => {
    const { records, columns } = parseFixture('cnki.csv');
    expect(columns?.unsure).toEqual([]);
    expect(fields(records[0])).toEqual({
      title: '帕金森病患者α-突触核蛋白水平分析',
      abstract: '目的 分析帕金森病患者α-突触核蛋白水平。',
      authors: ['张三', '李四'],
      year: 2020,
      journal: '中华医学杂志',
      volume: '100',
      issue: '3',
      pages: '201-205',
      doi: '10.3760/cma.j.issn.0376-2491.2020.03.008',
      pmid: null,
      keywords: ['帕金森病', 'α-突触核蛋白'],
      language: null,
      publicationType: null,
    });
  });

  it('without a title or abstract column, reports the header and imports nothing until the researcher maps columns', () => {
    const text = 'Name,Value\nfoo,bar\n';
    const guessed = parseLiterature(text, 'data.csv');
    expect(guessed.records).toEqual([]);
    expect(guessed.report.skipped).toEqual([{ line: 1, reason: 'No title or abstract column in the header (Name, Value): map the columns by hand' }]);
    const mapped = parseLiterature(text, 'data.csv', { columns: { title: 1 } });
    expect(mapped.records.map((record) => record.title)).toEqual(['bar']);
  });
});
