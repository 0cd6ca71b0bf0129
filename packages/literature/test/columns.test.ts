import { describe, expect, it } from 'vitest';
import { mapColumns, recordsFromRows } from '../src/index.ts';

describe('mapColumns', () => {
  it('maps English headers exactly, including Scopus and Zotero names', () => {
    const guess = mapColumns(['Item Type', 'Publication Year', 'Author', 'Title', 'Publication Title', 'DOI', 'Abstract Note', 'Manual Tags']);
    expect(guess.mapping).toEqual({ publicationType: 0, year: 1, authors: 2, title: 3, journal: 4, doi: 5, abstract: 6, keywords: 7 });
    expect(guess.unsure).toEqual([]);
  });

  it('maps Chinese headers (标题/题名, 摘要, 作者, 年份/出版年, DOI, 期刊/刊名, 关键词)', () => {
    expect(mapColumns(['题名', '作者', '刊名', '出版年', '关键词', '摘要', 'DOI']).mapping).toEqual({ title: 0, authors: 1, journal: 2, year: 3, keywords: 4, abstract: 5, doi: 6 });
    expect(mapColumns(['标题', '期刊', '年份']).mapping).toEqual({ title: 0, journal: 1, year: 2 });
  });

  it('marks weak guesses and a missing title as unsure', () => {
    const guess = mapColumns(['Fulltitle', 'Date', 'Source']);
    expect(guess.mapping).toEqual({ title: 0, year: 1, journal: 2 });
    expect(guess.confidence).toEqual({ title: 0.6, year: 0.7, journal: 0.7 });
    expect(guess.unsure.sort()).toEqual(['journal', 'title', 'year']);
    expect(mapColumns(['Foo', 'Bar']).unsure).toEqual(['title']);
  });

  it('uses each column once: "Source title" is the journal, not the title', () => {
    expect(mapColumns(['Source title', 'Title']).mapping).toEqual({ journal: 0, title: 1 });
  });
});

describe('recordsFromRows (XLSX rows from @sift/excel)', () => {
  const headers = ['标题', '作者', '年份', '摘要', 'PMID'];
  it('turns typed cells into records, skips blank rows, reports rows with neither title nor abstract', () => {
    const rows = [
      ['Trial of X', 'Smith J., Doe A.B.', 2020, 'Abstract text', 31452104],
      [null, null, null, null, null],
      [null, '张三 李四', 2021, null, null],
      ['中文标题', '张三、李四', '2019年', null, null],
    ];
    const mapping = mapColumns(headers).mapping;
    const { records, report } = recordsFromRows(headers, rows, mapping, { sourceFile: 'sheet.xlsx' });
    expect(records.map((record) => [record.title, record.authors, record.year, record.pmid])).toEqual([
      ['Trial of X', ['Smith, J.', 'Doe, A.B.'], 2020, '31452104'],
      ['中文标题', ['张三', '李四'], 2019, null],
    ]);
    expect(records[0]?.sourceFile).toBe('sheet.xlsx');
    expect(JSON.parse(records[0]?.raw ?? '')).toMatchObject({ 标题: 'Trial of X', 年份: 2020 });
    expect(report).toEqual({ recordsRead: 2, withoutAbstract: 1, withoutDoi: 2, withoutYear: 0, skipped: [{ line: 4, reason: 'Row has no title and no abstract' }] });
  });

  it('splits author cells by their list style', () => {
    const rows = [['a', 'Smith, John'], ['b', 'Smith J, Doe A'], ['c', 'Smith, J; Doe, A'], ['d', 'World Health Organization']];
    const { records } = recordsFromRows(['Title', 'Authors'], rows, { title: 0, authors: 1 });
    expect(records.map((record) => record.authors)).toEqual([['Smith, John'], ['Smith, J', 'Doe, A'], ['Smith, J', 'Doe, A'], ['World Health Organization']]);
  });
});
