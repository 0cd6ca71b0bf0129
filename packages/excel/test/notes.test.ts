import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildXlsx, readAll, sheetXml, xlsxFromRows } from './helpers.ts';

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const error = (ref: string, text: string) => `<c r="${ref}" t="e"><v>${text}</v></c>`;

describe('cells that cannot be read as written are missing values with a note', () => {
  it('error cells and formulas without a cached value (written by ExcelJS)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Values');
    sheet.addRow(['a', 'ratio', 'double', 'n']);
    sheet.addRow([{ error: '#N/A' }, { formula: '1/0', result: { error: '#DIV/0!' } }, { formula: 'D2*2' }, 1]);
    sheet.addRow(['x', { formula: 'D3/2', result: 1 }, { formula: 'D3*2', result: 4 }, 2]);
    const { rows, summary } = await readAll(new Uint8Array(await workbook.xlsx.writeBuffer()), 'notes.xlsx');
    expect(rows).toEqual([
      [null, null, null, 1],
      ['x', 1, 4, 2],
    ]);
    expect(summary.notes).toEqual([
      { row: 0, column: 'a', kind: 'error_value', detail: '#N/A' },
      { row: 0, column: 'ratio', kind: 'error_value', detail: '#DIV/0!' },
      { row: 0, column: 'double', kind: 'formula_without_value', detail: '=D2*2' },
    ]);
    expect(summary.noteCount).toBe(3);
  });

  it('places notes by data row and column name: header lower down, row gaps, prefixes, shared formulas', async () => {
    const rows =
      `<row r="3">${inline('B3', 'id')}${inline('C3', 'score')}</row>` +
      `<row r="4"><c r="B4"><v>1</v></c>${error('C4', '#VALUE!')}</row>` +
      `<row r="7"><c r="B7"><v>2</v></c><c r="C7"><f t="shared" ref="C7:C8" si="0">B7&amp;"x"</f></c></row>` +
      `<row r="8"><c r="B8"><v>3</v></c><c r="C8"><f t="shared" si="0"/></c></row>` +
      `<row r="9"><c r="B9"><v>4</v></c><c r="C9" t="str"><f>""</f><v></v></c></row>` +
      `<row r="10"><c r="B10"><v>5</v></c><c r="C10"><f>B10*2</f><v></v></c></row>`;
    const { rows: read, summary } = await readAll(xlsxFromRows(rows, 'B3:C10'), 'placed.xlsx');
    expect(read).toEqual([[1, null], [null, null], [null, null], [2, null], [3, null], [4, null], [5, null]]);
    expect(summary.notes).toEqual([
      { row: 0, column: 'score', kind: 'error_value', detail: '#VALUE!' },
      { row: 3, column: 'score', kind: 'formula_without_value', detail: '=B7&"x"' },
      { row: 4, column: 'score', kind: 'formula_without_value', detail: '(shared formula)' },
      // A number formula whose saved value is empty has none; a text formula's "" is its value.
      { row: 6, column: 'score', kind: 'formula_without_value', detail: '=B10*2' },
    ]);
  });

  it('keeps notes of blank rows in the middle and of the header (row -1), and drops those of trailing rows, which are not data', async () => {
    const rows =
      `<row r="1">${inline('A1', 'a')}${error('B1', '#REF!')}</row>` +
      `<row r="2"><c r="A2"><v>1</v></c></row>` +
      `<row r="3">${error('A3', '#N/A')}</row>` +
      `<row r="4"><c r="A4"><v>2</v></c></row>` +
      `<row r="5">${error('A5', '#NULL!')}${error('B5', '#NUM!')}</row>`;
    const { columns, rows: read, summary } = await readAll(xlsxFromRows(rows, 'A1:B5'), 'edges.xlsx');
    expect(columns).toEqual(['a', 'Column 2']);
    expect(read).toEqual([[1, null], [null, null], [2, null]]);
    expect(summary.notes).toEqual([
      { row: -1, column: 'Column 2', kind: 'error_value', detail: '#REF!' },
      { row: 1, column: 'a', kind: 'error_value', detail: '#N/A' },
    ]);
    expect(summary.noteCount).toBe(2);
  });

  it('keeps the first 1,000 notes and counts them all', async () => {
    const rows = [`<row r="1">${inline('A1', 'v')}</row>`];
    for (let r = 2; r <= 1501; r++) rows.push(`<row r="${r}">${error(`A${r}`, '#N/A')}<c r="B${r}"><v>${r}</v></c></row>`);
    const { summary } = await readAll(xlsxFromRows(rows.join(''), 'A1:B1501'), 'many.xlsx');
    expect(summary.rowCount).toBe(1500);
    expect(summary.noteCount).toBe(1500);
    expect(summary.notes).toHaveLength(1000);
    expect(summary.notes.at(-1)).toEqual({ row: 999, column: 'v', kind: 'error_value', detail: '#N/A' });
  });
});

describe('long numeric IDs', () => {
  it('keeps integers of more than 15 digits as their exact digits, with a note; everything else stays a number', async () => {
    const values = [
      '12345678901234567890',
      '-98765432109876543210',
      '1234567890123456',
      '123456789012345',
      '9007199254740993',
      '1.2345678901234567E+19',
      '0.30000000000000004',
      '45352.416666666664',
    ];
    const header = values.map((_, i) => inline(`${String.fromCharCode(65 + i)}1`, `c${i}`)).join('');
    const cells = values.map((value, i) => `<c r="${String.fromCharCode(65 + i)}2"${i === 7 ? ' s="1"' : ''}><v>${value}</v></c>`).join('');
    const bytes = xlsxFromRows(`<row r="1">${header}</row><row r="2">${cells}</row>`, 'A1:H2', { numFmtIds: [0, 22] });
    const { rows, summary } = await readAll(bytes, 'ids.xlsx');
    expect(rows).toEqual([
      ['12345678901234567890', '-98765432109876543210', '1234567890123456', 123456789012345, '9007199254740993', 12345678901234567000, 0.30000000000000004, '2024-03-01T10:00:00'],
    ]);
    expect(summary.notes).toEqual([
      { row: 0, column: 'c0', kind: 'number_as_text', detail: '12345678901234567890' },
      { row: 0, column: 'c1', kind: 'number_as_text', detail: '-98765432109876543210' },
      { row: 0, column: 'c2', kind: 'number_as_text', detail: '1234567890123456' },
      { row: 0, column: 'c4', kind: 'number_as_text', detail: '9007199254740993' },
    ]);
  });
});

describe('characters and numbers that cannot be stored', () => {
  it('reads a lone surrogate or U+0000 as U+FFFD with a note, in every kind of text cell and in the sheet name', async () => {
    const rows =
      `<row r="1">${inline('A1', 'id')}${inline('B1', 'text')}</row>` +
      `<row r="2"><c r="A2"><v>1</v></c>${inline('B2', 'a&#xD800;b')}</row>` +
      `<row r="3"><c r="A3"><v>2</v></c><c r="B3" t="s"><v>0</v></c></row>` +
      `<row r="4"><c r="A4"><v>3</v></c><c r="B4" t="str"><f>A4</f><v>_xDC00_&#0;</v></c></row>` +
      `<row r="5"><c r="A5"><v>4</v></c>${inline('B5', '&#xD83D;&#xDE00; kept')}</row>`;
    const bytes = buildXlsx({ sheets: [{ name: 'Sheet&#xD800;', xml: sheetXml(rows, 'A1:B5') }], sharedStrings: ['shared &#xDFFF;'] });
    const { rows: read, summary } = await readAll(bytes, 'surrogates.xlsx');
    expect(read).toEqual([[1, 'a\uFFFDb'], [2, 'shared \uFFFD'], [3, '\uFFFD\uFFFD'], [4, '😀 kept']]);
    expect(summary.sheetName).toBe('Sheet\uFFFD');
    expect(summary.notes).toEqual([
      { row: 0, column: 'text', kind: 'character_replaced', detail: 'a\uFFFDb' },
      { row: 1, column: 'text', kind: 'character_replaced', detail: 'shared \uFFFD' },
      { row: 2, column: 'text', kind: 'character_replaced', detail: '\uFFFD\uFFFD' },
    ]);
  });

  it('keeps numbers a double cannot hold (1e309, NaN) missing, with a note', async () => {
    const rows = `<row r="1">${inline('A1', 'n')}</row><row r="2"><c r="A2"><v>1e309</v></c></row><row r="3"><c r="A3"><v>NaN</v></c></row><row r="4"><c r="A4"><v>-1E+400</v></c></row><row r="5"><c r="A5"><v>5</v></c></row>`;
    const { rows: read, summary } = await readAll(xlsxFromRows(rows, 'A1:A5'), 'overflow.xlsx');
    expect(read).toEqual([[null], [null], [null], [5]]);
    expect(summary.notes.map(({ row, kind, detail }) => [row, kind, detail])).toEqual([
      [0, 'number_out_of_range', '1e309'],
      [1, 'number_out_of_range', 'NaN'],
      [2, 'number_out_of_range', '-1E+400'],
    ]);
  });
});
