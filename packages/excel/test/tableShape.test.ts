import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { columnNames } from '../src/columns.ts';
import { readAll, utf8, xlsxFromRows } from './helpers.ts';

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const number = (ref: string, value: number) => `<c r="${ref}"><v>${value}</v></c>`;

describe('column names', () => {
  it('trims, names blanks by position, joins multi-line headers and makes repeats unique', () => {
    expect(columnNames(['  Age ', '', 'Age', 'Blood\r\npressure', 'Column 2', null, 2024], 8)).toEqual([
      'Age',
      'Column 2',
      'Age (2)',
      'Blood pressure',
      'Column 2 (2)',
      'Column 6',
      '2024',
      'Column 8',
    ]);
  });

  it('never reuses a name that a later header already has', () => {
    expect(columnNames(['Age', 'Age (2)', 'Age', 'Age'], 4)).toEqual(['Age', 'Age (2)', 'Age (3)', 'Age (4)']);
  });
});

describe('table shape (CSV)', () => {
  it('starts at the first non-empty row, keeps blank rows in the middle and drops trailing ones', async () => {
    const { columns, rows, summary } = await readAll(utf8('\n,,\nid,name\n1,a\n\n,\n2,b\n\n,,\n'), 'gaps.csv');
    expect(columns).toEqual(['id', 'name']);
    expect(rows).toEqual([['1', 'a'], [null, null], [null, null], ['2', 'b']]);
    expect(summary.rowCount).toBe(4);
  });

  it('pads short rows with null and names columns that only data rows reach "Column N"', async () => {
    const { columns, rows } = await readAll(utf8('id,name\n1\n2,b,extra,\n3,c\n'), 'wide.csv');
    expect(columns).toEqual(['id', 'name', 'Column 3']);
    expect(rows).toEqual([
      ['1', null, null],
      ['2', 'b', 'extra'],
      ['3', 'c', null],
    ]);
  });
});

describe('table shape (xlsx)', () => {
  it('extends the header to the declared <dimension>, keeps row gaps and drops trailing styled-only rows', async () => {
    const rows =
      `<row r="1">${inline('A1', 'id')}${inline('B1', 'name')}</row>` +
      `<row r="2">${number('A2', 1)}${inline('B2', 'a')}</row>` +
      `<row r="4">${number('A4', 2)}${number('D4', 9)}</row>` +
      '<row r="5"><c r="A5" s="0"/></row><row r="6" ht="20" customHeight="1"/>';
    const { columns, rows: read, summary } = await readAll(xlsxFromRows(rows, 'A1:D6'), 'gaps.xlsx');
    expect(columns).toEqual(['id', 'name', 'Column 3', 'Column 4']);
    expect(read).toEqual([
      [1, 'a', null, null],
      [null, null, null, null],
      [2, null, null, 9],
    ]);
    expect(summary).toMatchObject({ rowCount: 3, ignoredCells: 0 });
  });

  it('surveys a sheet without <dimension> so wider data rows still get columns', async () => {
    const rows = `<row r="2">${inline('B2', 'id')}</row><row r="3">${number('B3', 1)}${number('C3', 2)}</row>`;
    const { columns, rows: read } = await readAll(xlsxFromRows(rows), 'nodim.xlsx');
    expect(columns).toEqual(['id', 'Column 2']);
    expect(read).toEqual([[1, 2]]);
  });

  it('distrusts a lone "A1" dimension, and starts the table at its first used column', async () => {
    const rows = `<row r="3">${inline('C3', 'x')}${inline('D3', 'y')}</row><row r="4">${number('C4', 1)}${number('D4', 2)}</row>`;
    const { columns, rows: read } = await readAll(xlsxFromRows(rows, 'A1'), 'a1.xlsx');
    expect(columns).toEqual(['x', 'y']);
    expect(read).toEqual([[1, 2]]);
  });

  it('counts, rather than silently loses, cells outside a dimension that under-declares the sheet', async () => {
    const rows = `<row r="1">${inline('A1', 'x')}</row><row r="2">${number('A2', 1)}${number('C2', 5)}</row>`;
    const { columns, rows: read, summary } = await readAll(xlsxFromRows(rows, 'A1:A2'), 'liar.xlsx');
    expect(columns).toEqual(['x']);
    expect(read).toEqual([[1]]);
    expect(summary.ignoredCells).toBe(1);
  });

  it('reads a merged range as its value in the top-left cell and empty cells elsewhere, values not copied', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Merged');
    sheet.addRow(['Group', 'Visit', 'Score']);
    sheet.addRow(['Treatment', 1, 7]);
    sheet.addRow([null, 2, 8]);
    sheet.addRow(['Control', 'Both visits', null]);
    sheet.mergeCells('A2:A3');
    sheet.mergeCells('B4:C4');
    const { columns, rows } = await readAll(new Uint8Array(await workbook.xlsx.writeBuffer()), 'merged.xlsx');
    expect(columns).toEqual(['Group', 'Visit', 'Score']);
    expect(rows).toEqual([
      ['Treatment', 1, 7],
      [null, 2, 8],
      ['Control', 'Both visits', null],
    ]);
  });

  it('names the columns of a merged, multi-line header from its top-left cells', async () => {
    const rows =
      `<row r="1">${inline('A1', 'Blood\npressure')}<c r="B1" s="0"/>${inline('C1', 'Blood\npressure')}</row>` +
      `<row r="2">${number('A2', 120)}${number('B2', 80)}${number('C2', 118)}</row>`;
    const xml = xlsxFromRows(rows, 'A1:C2');
    const { columns } = await readAll(xml, 'header.xlsx');
    expect(columns).toEqual(['Blood pressure', 'Column 2', 'Blood pressure (2)']);
  });

  it('reads a sheet whose dimension claims the whole grid (A1:XFD1048576) from its real cells only', async () => {
    const rows =
      `<row r="2">${inline('B2', 'id')}${inline('C2', 'value')}</row>` +
      `<row r="3">${number('B3', 1)}${number('C3', 10)}</row>` +
      `<row r="5">${number('B5', 2)}</row>` +
      '<row r="1048576" s="1" customFormat="1"/>';
    const { columns, rows: read, summary, progress } = await readAll(xlsxFromRows(rows, 'A1:XFD1048576'), 'huge.xlsx');
    expect(columns).toEqual(['id', 'value']);
    expect(read).toEqual([[1, 10], [null, null], [2, null]]);
    expect(summary).toMatchObject({ rowCount: 3, ignoredCells: 0 });
    expect(progress.at(-1)).toEqual({ done: 3, total: 3, stage: 'reading sheet' });
  });

  it('checks a declared range wider than 1,024 columns by a survey, so a false <dimension> sizes nothing', async () => {
    const rows = `<row r="1">${inline('A1', 'id')}</row><row r="2">${number('A2', 1)}</row>`;
    const { columns, rows: read } = await readAll(xlsxFromRows(rows, 'A1:XFC1048575'), 'claims.xlsx');
    expect(columns).toEqual(['id']);
    expect(read).toEqual([[1]]);
  });

  it('ignores, and counts, cells without references that run past column XFD', async () => {
    const cells = (count: number) => Array.from({ length: count }, (_, i) => `<c><v>${i}</v></c>`).join('');
    const { columns, rows: read, summary } = await readAll(xlsxFromRows(`<row>${cells(16_390)}</row><row>${cells(16_390)}</row>`), 'past.xlsx');
    expect(columns).toHaveLength(16_384);
    expect(read[0]?.at(-1)).toBe(16_383);
    expect(summary.ignoredCells).toBe(12); // six in the header row, six in the data row
  });
});
