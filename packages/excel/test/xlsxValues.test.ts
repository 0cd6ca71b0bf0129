import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readAll, sheetXml, buildXlsx, xlsxFromRows } from './helpers.ts';
import { formatKind } from '../src/xlsx/dates.ts';

async function excelJsWorkbook(fill: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Values');
  fill(sheet, workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('xlsx cell values (written by ExcelJS)', () => {
  it('keeps numbers, text with leading zeros, booleans and blanks', async () => {
    const bytes = await excelJsWorkbook((sheet) => {
      sheet.addRow(['n', 'code', 'flag', 'blank', 'text']);
      sheet.addRow([42, '007', true, null, '血压 😀 テスト']);
      sheet.addRow([-3.25, '0001234', false, null, 'naïve']);
    });
    const { columns, rows } = await readAll(bytes, 'values.xlsx');
    expect(columns).toEqual(['n', 'code', 'flag', 'blank', 'text']);
    expect(rows).toEqual([
      [42, '007', true, null, '血压 😀 テスト'],
      [-3.25, '0001234', false, null, 'naïve'],
    ]);
  });

  it('gives formula cells their cached result, never the formula text', async () => {
    const bytes = await excelJsWorkbook((sheet) => {
      sheet.addRow(['a', 'double', 'joined']);
      sheet.addRow([21, { formula: 'A2*2', result: 42 }, { formula: 'CONCAT("x","y")', result: 'xy' }]);
    });
    const { rows } = await readAll(bytes, 'formulas.xlsx');
    expect(rows).toEqual([[21, 42, 'xy']]);
  });

  it('turns error cells (#N/A, #DIV/0!) into null', async () => {
    const bytes = await excelJsWorkbook((sheet) => {
      sheet.addRow(['a', 'b', 'c']);
      sheet.addRow([{ error: '#N/A' }, { formula: '1/0', result: { error: '#DIV/0!' } }, 1]);
    });
    const { rows } = await readAll(bytes, 'errors.xlsx');
    expect(rows).toEqual([[null, null, 1]]);
  });

  it('joins rich text runs', async () => {
    const bytes = await excelJsWorkbook((sheet) => {
      sheet.addRow(['note']);
      sheet.addRow([{ richText: [{ text: 'Blood ', font: { bold: true } }, { text: 'pressure', font: { italic: true } }] }]);
    });
    const { rows } = await readAll(bytes, 'rich.xlsx');
    expect(rows).toEqual([['Blood pressure']]);
  });

  it('turns date-formatted cells into ISO strings, with the time only when there is one', async () => {
    const bytes = await excelJsWorkbook((sheet) => {
      sheet.addRow(['date', 'datetime']);
      const row = sheet.addRow([new Date(Date.UTC(2024, 2, 1)), new Date(Date.UTC(2024, 2, 1, 10, 30))]);
      row.getCell(2).numFmt = 'yyyy-mm-dd hh:mm';
    });
    const { rows } = await readAll(bytes, 'dates.xlsx');
    expect(rows).toEqual([['2024-03-01', '2024-03-01T10:30:00']]);
  });

  it('respects the 1904 date system', async () => {
    const bytes = await excelJsWorkbook((sheet, workbook) => {
      workbook.properties.date1904 = true;
      sheet.addRow(['date']);
      sheet.addRow([new Date(Date.UTC(2024, 2, 1))]);
    });
    const { rows } = await readAll(bytes, 'mac.xlsx');
    expect(rows).toEqual([['2024-03-01']]);
  });
});

describe('xlsx cell values (hand-written XML)', () => {
  it('reads 1904 serials four years and a day later than 1900 ones', async () => {
    // Serial 45352 is 2024-03-01 in the 1900 system and 2028-03-02 in the 1904 system.
    const rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>d</t></is></c></row><row r="2"><c r="A2" s="1"><v>45352</v></c></row>';
    const in1900 = await readAll(xlsxFromRows(rows, 'A1:A2', { numFmtIds: [0, 14] }), 'a.xlsx');
    const in1904 = await readAll(xlsxFromRows(rows, 'A1:A2', { numFmtIds: [0, 14], date1904: true }), 'b.xlsx');
    expect(in1900.rows).toEqual([['2024-03-01']]);
    expect(in1904.rows).toEqual([['2028-03-02']]);
  });

  it('recognises built-in and custom date formats, times of day and ISO date cells', async () => {
    const rows =
      '<row r="1"><c r="A1" t="inlineStr"><is><t>h</t></is></c></row>' +
      '<row r="2"><c r="A2" s="1"><v>45352</v></c><c r="B2" s="2"><v>45352.4375</v></c><c r="C2" s="3"><v>0.75</v></c>' +
      '<c r="D2" s="4"><v>45352.5</v></c><c r="E2" s="5"><v>45352</v></c><c r="F2" t="d"><v>2024-03-01T08:15:00Z</v></c><c r="G2" s="6"><v>0.5</v></c></row>';
    const bytes = xlsxFromRows(rows, 'A1:G2', {
      numFmtIds: [0, 14, 22, 20, 164, 165, 166],
      customFormats: { 164: 'dd/mm/yyyy hh:mm', 165: '#,##0.00 &quot;days&quot;', 166: '0.00%' },
    });
    const { rows: read } = await readAll(bytes, 'formats.xlsx');
    expect(read).toEqual([['2024-03-01', '2024-03-01T10:30:00', '18:00:00', '2024-03-01T12:00:00', 45352, '2024-03-01T08:15:00', 0.5]]);
  });

  it('reads elapsed-time formats as durations, negative ones too, and formats Excel cannot use as numbers', async () => {
    const cell = (ref: string, style: number, value: string) => `<c r="${ref}" s="${style}"><v>${value}</v></c>`;
    const rows =
      '<row r="1"><c r="A1" t="inlineStr"><is><t>h</t></is></c></row>' +
      `<row r="2">${cell('A2', 1, '1.5')}${cell('B2', 2, '1.5')}${cell('C2', 3, '0.0625')}${cell('D2', 4, '-0.0625')}${cell('E2', 5, '2')}${cell('F2', 6, '0.5')}${cell('G2', 7, '45352.25')}${cell('H2', 8, '3.25')}</row>`;
    const bytes = xlsxFromRows(rows, 'A1:H2', {
      numFmtIds: [0, 46, 164, 165, 166, 167, 168, 169, 170],
      customFormats: { 164: '[h]', 165: '[m]:ss', 166: '[h]:mm:ss', 167: '[s]', 168: 'HH[M]', 169: '[$-409]dd/mm/yyyy h:mm AM/PM', 170: '[Red]0.00;[Blue]-0.00' },
    });
    const { rows: read } = await readAll(bytes, 'durations.xlsx');
    expect(read).toEqual([['36:00:00', '36:00:00', '01:30:00', '-01:30:00', '48:00:00', 0.5, '2024-03-01T06:00:00', 3.25]]);
  });

  it.each([
    ['[h]:mm:ss', 'duration'], ['[mm]:ss', 'duration'], ['[s]', 'duration'], ['[H]:MM', 'duration'],
    ['HH[M]', 'number'], ['mm:[h]', 'number'], ['0.00 "h"', 'number'], ['#,##0\\ \\d', 'number'], ['[Red]0.00', 'number'], ['0.00E+00', 'number'], ['@', 'number'],
    ['yyyy-mm-dd', 'date'], ['h:mm AM/PM', 'date'], ['[$-F800]dddd, mmmm dd, yyyy', 'date'], ['mm:ss', 'date'], ['yyyy"年"m"月"d"日"', 'date'], ['General;[h]:mm', 'number'],
  ])('format %j shows numbers as a %s', (code, kind) => expect(formatKind(code)).toBe(kind));

  it('reads inline strings, rich inline strings, entities and _xHHHH_ escapes', async () => {
    const rows =
      '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1" t="inlineStr"><is><t>b</t></is></c><c r="C1" t="inlineStr"><is><t>c</t></is></c></row>' +
      '<row r="2"><c r="A2" t="inlineStr"><is><t xml:space="preserve"> 007 </t></is></c>' +
      '<c r="B2" t="inlineStr"><is><r><rPr><b/></rPr><t>Fish &amp; </t></r><r><t>chips</t></r></is></c>' +
      '<c r="C2" t="str"><v>line_x000D_\nbreak &lt;ok&gt;</v></c></row>';
    const { rows: read } = await readAll(xlsxFromRows(rows, 'A1:C2'), 'inline.xlsx');
    expect(read).toEqual([[' 007 ', 'Fish & chips', 'line\r\nbreak <ok>']]);
  });

  it('leaves phonetic guides out of shared strings and keeps rich runs', async () => {
    const sharedStrings =
      '<si><t>name</t></si>' +
      '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>' +
      '<si><r><t>Hb </t></r><r><rPr><vertAlign val="subscript"/></rPr><t>A1c</t></r></si>' +
      '<si/>';
    const rows =
      '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row>' +
      '<row r="3"><c r="A3" t="s"><v>2</v></c></row><row r="4"><c r="A4" t="s"><v>3</v></c></row><row r="5"><c r="A5"><v>1</v></c></row>';
    const { rows: read } = await readAll(xlsxFromRows(rows, 'A1:A5', { sharedStrings }), 'phonetic.xlsx');
    expect(read).toEqual([['東京'], ['Hb A1c'], [null], [1]]);
  });

  it('handles namespace-prefixed elements, omitted references and valueless cells', async () => {
    const xml =
      '<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:dimension ref="A1:C3"/><x:sheetData>' +
      '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>id</x:t></x:is></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>v</x:t></x:is></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>w</x:t></x:is></x:c></x:row>' +
      '<x:row><x:c><x:v>1</x:v></x:c><x:c s="0"/><x:c><x:v>2.5</x:v></x:c></x:row>' +
      '<x:row><x:c t="b"><x:v>1</x:v></x:c><x:c><x:f>SUM(A1:A2)</x:f></x:c><x:c t="s"><x:v/></x:c></x:row>' +
      '</x:sheetData></x:worksheet>';
    const { columns, rows } = await readAll(buildXlsx({ sheets: [{ name: 'Prefixed', xml }] }), 'prefixed.xlsx');
    expect(columns).toEqual(['id', 'v', 'w']);
    expect(rows).toEqual([
      [1, null, 2.5],
      [true, null, null],
    ]);
  });

  it('reads the first visible worksheet and lists every sheet', async () => {
    const first = sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>hidden</t></is></c></row>', 'A1');
    const second = sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>shown</t></is></c></row><row r="2"><c r="A2"><v>7</v></c></row>', 'A1:A2');
    const bytes = buildXlsx({ sheets: [{ name: 'Lookup', xml: first, state: 'hidden' }, { name: 'Data', xml: second }] });
    const { summary, rows } = await readAll(bytes, 'two.xlsx');
    expect(summary).toMatchObject({
      format: 'xlsx',
      sheetName: 'Data',
      sheets: [
        { name: 'Lookup', hidden: true },
        { name: 'Data', hidden: false },
      ],
      columns: ['shown'],
      rowCount: 1,
    });
    expect(rows).toEqual([[7]]);
  });

  it('reads a workbook whose name says .csv (sniffed as a zip)', async () => {
    const bytes = xlsxFromRows('<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row><row r="2"><c r="A2"><v>1</v></c></row>', 'A1:A2');
    const { summary, rows } = await readAll(bytes, 'misnamed.csv');
    expect(summary.format).toBe('xlsx');
    expect(rows).toEqual([[1]]);
  });
});
