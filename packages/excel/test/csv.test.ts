import { describe, expect, it } from 'vitest';
import { makeSampleCsv, SAMPLE_CSV_COLUMNS, SAMPLE_CSV_ROWS } from '../src/fixtures.ts';
import { gb18030, readAll, utf8 } from './helpers.ts';

function utf16(text: string, endian: 'le' | 'be', bom = true): Uint8Array {
  const bytes = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  const view = new DataView(bytes.buffer);
  const units = (bom ? '\uFEFF' : '') + text;
  for (let i = 0; i < units.length; i++) view.setUint16(i * 2, units.charCodeAt(i), endian === 'le');
  return bytes;
}

describe('CSV', () => {
  it('reads the sample fixture: quotes, an embedded newline, Unicode, empty => null', async () => {
    const { columns, rows, summary } = await readAll(makeSampleCsv(), 'uploads/sample.csv');
    expect(columns).toEqual(SAMPLE_CSV_COLUMNS);
    expect(rows).toEqual(SAMPLE_CSV_ROWS);
    expect(summary).toEqual({
      format: 'csv',
      sheetName: 'sample',
      sheets: [{ name: 'sample', hidden: false }],
      columns: SAMPLE_CSV_COLUMNS,
      rowCount: 3,
      ignoredCells: 0,
      notes: [],
      noteCount: 0,
    });
  });

  it.each([
    ['comma', 'a,b,c\n1,2,3\n'],
    ['tab', 'a\tb\tc\n1\t2\t3\n'],
    ['semicolon', 'a;b;c\n1;2;3\n'],
    ['pipe', 'a|b|c\n1|2|3\n'],
  ])('detects the %s delimiter', async (_, text) => {
    const { columns, rows } = await readAll(utf8(text), 'data.txt');
    expect(columns).toEqual(['a', 'b', 'c']);
    expect(rows).toEqual([['1', '2', '3']]);
  });

  it('is not fooled by delimiters inside quoted fields or decimal commas', async () => {
    const text = 'name;weight;note\n"Smith, J";72,5;"a;b"\n"Doe, A";80,1;x\n';
    const { columns, rows } = await readAll(utf8(text), 'eu.csv');
    expect(columns).toEqual(['name', 'weight', 'note']);
    expect(rows).toEqual([
      ['Smith, J', '72,5', 'a;b'],
      ['Doe, A', '80,1', 'x'],
    ]);
  });

  it('prefers tab for .tsv files', async () => {
    const { columns } = await readAll(utf8('a,1\tb,2\nc,3\td,4\n'), 'list.tsv');
    expect(columns).toEqual(['a,1', 'b,2']);
  });

  it('keeps values as strings (no type guessing) and leading zeros', async () => {
    const { rows } = await readAll(utf8('code,n,flag,date\n007,1.50,TRUE,2024-03-01\n'), 'types.csv');
    expect(rows).toEqual([['007', '1.50', 'TRUE', '2024-03-01']]);
  });

  it('handles quoted fields with newlines, doubled quotes, CRLF and a missing final newline', async () => {
    const text = 'id,text\r\n1,"first line\r\nsecond ""quoted"" line"\r\n2,"a,b"\r\n3,plain';
    const { rows } = await readAll(utf8(text), 'quoted.csv');
    expect(rows).toEqual([
      ['1', 'first line\r\nsecond "quoted" line'],
      ['2', 'a,b'],
      ['3', 'plain'],
    ]);
  });

  it('reads old Mac line endings (lone CR)', async () => {
    const { rows } = await readAll(utf8('a,b\r1,2\r3,4\r'), 'mac.csv');
    expect(rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('strips a UTF-8 byte-order mark', async () => {
    const { columns } = await readAll(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('name,age\nAna,3\n')]), 'bom.csv');
    expect(columns).toEqual(['name', 'age']);
  });

  it.each(['le', 'be'] as const)('decodes UTF-16 %s with a byte-order mark', async (endian) => {
    const { columns, rows } = await readAll(utf16('名前\t年齢\r\n王芳\t30\r\n', endian), 'export.txt');
    expect(columns).toEqual(['名前', '年齢']);
    expect(rows).toEqual([['王芳', '30']]);
  });

  it('decodes UTF-16 LE without a byte-order mark', async () => {
    const { rows } = await readAll(utf16('id,name\n1,Ana\n', 'le', false), 'nobom.csv');
    expect(rows).toEqual([['1', 'Ana']]);
  });

  it('falls back to Windows-1252 for files that are not UTF-8', async () => {
    const { rows } = await readAll(new Uint8Array([...utf8('name\n'), 0x5a, 0x6f, 0xeb, 0x0a]), 'latin.csv');
    expect(rows).toEqual([['Zoë']]);
  });

  it('decodes GBK/GB18030 (Excel\'s "CSV" on Chinese Windows): Chinese, fullwidth punctuation, a rare name character and an emoji', async () => {
    const text = '姓名,年龄,备注\r\n王芳,30,“血压正常”\r\n朱镕基,45,复查，见附件 😀\r\n';
    const bytes = gb18030(text);
    expect([...bytes.subarray(0, 4)]).toEqual([0xd0, 0xd5, 0xc3, 0xfb]); // 姓名, as GB2312 has it
    const { columns, rows } = await readAll(bytes, 'gbk.csv');
    expect(columns).toEqual(['姓名', '年龄', '备注']);
    expect(rows).toEqual([
      ['王芳', '30', '“血压正常”'],
      ['朱镕基', '45', '复查，见附件 😀'],
    ]);
  });

  it('decodes the hand-written GBK bytes of 中文', async () => {
    const bytes = new Uint8Array([...utf8('id,text\n1,'), 0xd6, 0xd0, 0xce, 0xc4, 0x0a]);
    const { rows } = await readAll(bytes, 'zh.csv');
    expect(rows).toEqual([['1', '中文']]);
  });

  it('keeps Western Windows-1252 text whose bytes also happen to form valid GBK pairs', async () => {
    // "Müller für" is FC 6C and FC 72 in Windows-1252: well-formed GBK, but rare characters, not Chinese text.
    const bytes = new Uint8Array([...utf8('name\nM'), 0xfc, ...utf8('ller f'), 0xfc, ...utf8('r\n')]);
    const { rows } = await readAll(bytes, 'de.csv');
    expect(rows).toEqual([['Müller für']]);
  });

  it('keeps a UTF-8 file UTF-8 when one stray byte is invalid, instead of garbling every other character', async () => {
    const good = utf8(`name,city\n${Array.from({ length: 120 }, (_, i) => `Zoë ${i},Kraków`).join('\n')}\n`);
    const bytes = new Uint8Array([...good, ...utf8('Ana,S'), 0xe3, ...utf8('o Paulo\n')]);
    const { rows } = await readAll(bytes, 'mostly.csv');
    expect(rows[0]).toEqual(['Zoë 0', 'Kraków']);
    expect(rows.at(-1)).toEqual(['Ana', 'S\uFFFDo Paulo']);
  });

  it('reads CRLF, LF and lone CR line endings mixed in one file', async () => {
    const { rows } = await readAll(utf8('a,b\r\n1,"x\ny"\n2,z\r3,w\r\n'), 'mixed.csv');
    expect(rows).toEqual([
      ['1', 'x\ny'],
      ['2', 'z'],
      ['3', 'w'],
    ]);
  });
});
