import { describe, expect, it } from 'vitest';
import { parseLiterature } from '../src/index.ts';
import { fields, fixture, lineOf } from './helpers.ts';

const ONE = ['TY  - JOUR', 'TI  - First paper', 'AU  - Doe, Anne', 'PY  - 2020', 'ER  - '].join('\n');
const TWO = ['TY  - JOUR', 'PY  - 2021', 'KW  - b; c', 'TI  - Second paper', 'KW  - a', 'AU  - Roe, R', 'AU  - Poe, E', 'ER  -'].join('\n');

describe('RIS quirks', () => {
  it('reads tags out of order and repeated tags, "ER  -" without its space, and no blank line between records', () => {
    const { records, report } = parseLiterature(`${ONE}\n${TWO}\n`, 'refs.ris');
    expect(report.skipped).toEqual([]);
    expect(records.map((record) => [record.title, record.year, record.authors, record.keywords])).toEqual([
      ['First paper', 2020, ['Doe, Anne'], []],
      ['Second paper', 2021, ['Roe, R', 'Poe, E'], ['b', 'c', 'a']],
    ]);
  });

  it('reads one space before the dash ("TY - JOUR") and a TY that arrives before the previous ER', () => {
    const text = ['TY - JOUR', 'TI - Loose spacing', 'TY  - JOUR', 'TI  - Next one', 'ER  - '].join('\n');
    expect(parseLiterature(text, 'x.ris').records.map((record) => record.title)).toEqual(['Loose spacing', 'Next one']);
  });

  it('gives the same records for CRLF, lone CR and a UTF-8 BOM, and keeps each record raw', () => {
    const text = fixture('ris/scopus.ris');
    const expected = parseLiterature(text, 'a.ris').records.map(fields);
    for (const variant of [text.replace(/\n/g, '\r\n'), text.replace(/\n/g, '\r'), `\uFEFF${text}`]) {
      expect(parseLiterature(variant, 'b.ris').records.map(fields)).toEqual(expected);
    }
    const crlf = parseLiterature(text.replace(/\n/g, '\r\n'), 'c.ris').records[0];
    expect(crlf?.raw.startsWith('TY  - JOUR\r\nAU  - Müller')).toBe(true);
    expect(crlf?.raw.endsWith('ER  - ')).toBe(true);
  });

  it('reports a truncated last record with its line and imports the rest', () => {
    const text = `${ONE}\n\n${TWO}\n\nTY  - JOUR\nTI  - Cut off mid-abs`;
    const { records, report } = parseLiterature(text, 'cut.ris');
    expect(records.map((record) => record.title)).toEqual(['First paper', 'Second paper']);
    expect(report.recordsRead).toBe(2);
    expect(report.skipped).toEqual([{ line: lineOf(text, 'TI  - Cut off') - 1, reason: expect.stringContaining('no "ER  -" line') }]);
  });

  it('reports garbage lines between records and records with neither title nor abstract, each with its line', () => {
    const text = `${ONE}\n<html>garbage</html>\nmore garbage\n\n${TWO}\nTY  - JOUR\nPY  - 2022\nER  - \n`;
    const { records, report } = parseLiterature(text, 'mixed.ris');
    expect(records).toHaveLength(2);
    expect(report.skipped).toEqual([
      { line: 6, reason: 'Text outside any record: "<html>garbage</html>"' },
      { line: lineOf(text, 'PY  - 2022') - 1, reason: 'Record has no title and no abstract' },
    ]);
  });

  it('counts records without abstract, DOI and year', () => {
    const { report } = parseLiterature(fixture('ris/wos.ris') + fixture('ris/zotero.ris'), 'both.ris');
    expect(report).toMatchObject({ recordsRead: 2, withoutAbstract: 1, withoutDoi: 0, withoutYear: 0 });
  });
});

describe('a garbage file', () => {
  it('imports nothing, throws nothing, and says what it skipped', () => {
    const text = '\u0000\u0001binary-ish junk\n\nmore junk without tags\n';
    const { records, report } = parseLiterature(text, 'export.ris');
    expect(records).toEqual([]);
    expect(report).toEqual({
      recordsRead: 0,
      withoutAbstract: 0,
      withoutDoi: 0,
      withoutYear: 0,
      skipped: [
        { line: 1, reason: 'Text outside any record: "\u0000\u0001binary-ish junk"' },
        { line: 3, reason: 'Text outside any record: "more junk without tags"' },
      ],
    });
  });
});
