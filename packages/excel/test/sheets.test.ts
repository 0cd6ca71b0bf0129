import { describe, expect, it } from 'vitest';
import { SpreadsheetError } from '../src/index.ts';
import { buildXlsx, readAll, sheetXml, utf8 } from './helpers.ts';

const table = (header: string, value: number) =>
  sheetXml(`<row r="1"><c r="A1" t="inlineStr"><is><t>${header}</t></is></c></row><row r="2"><c r="A2"><v>${value}</v></c></row>`, 'A1:A2');

const workbook = buildXlsx({
  sheets: [
    { name: 'Lookup', xml: table('code', 1), state: 'hidden' },
    { name: 'Chart1', xml: '<chartsheet/>', chart: true },
    { name: 'Visits', xml: table('visit', 2) },
    { name: 'Labs', xml: table('hb', 3) },
    { name: 'Secret', xml: table('key', 4), state: 'veryHidden' },
    { name: 'Blank', xml: sheetXml('') },
  ],
});

const ALL_SHEETS = [
  { name: 'Lookup', hidden: true },
  { name: 'Chart1', hidden: false },
  { name: 'Visits', hidden: false },
  { name: 'Labs', hidden: false },
  { name: 'Secret', hidden: true },
  { name: 'Blank', hidden: false },
];

async function failure(bytes: Uint8Array, fileName: string, sheet: string): Promise<SpreadsheetError> {
  const error: unknown = await readAll(bytes, fileName, { sheet }).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(SpreadsheetError);
  return error as SpreadsheetError;
}

describe('choosing the sheet', () => {
  it('reads the first visible worksheet by default and lists every sheet in workbook order, hidden ones marked', async () => {
    const { summary, columns, rows } = await readAll(workbook, 'book.xlsx');
    expect(summary.sheetName).toBe('Visits');
    expect(summary.sheets).toEqual(ALL_SHEETS);
    expect(columns).toEqual(['visit']);
    expect(rows).toEqual([[2]]);
  });

  it.each([
    ['Labs', 'Labs', 'hb', 3],
    ['labs', 'Labs', 'hb', 3],
    ['Lookup', 'Lookup', 'code', 1],
    ['Secret', 'Secret', 'key', 4],
  ])('reads the sheet named %s', async (sheet, sheetName, column, value) => {
    const { summary, columns, rows } = await readAll(workbook, 'book.xlsx', { sheet });
    expect(summary).toMatchObject({ sheetName, sheets: ALL_SHEETS, rowCount: 1 });
    expect(columns).toEqual([column]);
    expect(rows).toEqual([[value]]);
  });

  it("no_sheet: an unknown name, with a message that lists the workbook's sheets", async () => {
    const error = await failure(workbook, 'book.xlsx', 'Visit');
    expect(error.code).toBe('no_sheet');
    expect(error.message).toBe(
      'There is no sheet named "Visit" in this file. Its sheets are "Lookup" (hidden), "Chart1", "Visits", "Labs", "Secret" (hidden), "Blank": choose one of them.',
    );
  });

  it('no_sheet: a chart sheet, naming the worksheets instead', async () => {
    const error = await failure(workbook, 'book.xlsx', 'Chart1');
    expect(error.code).toBe('no_sheet');
    expect(error.message).toBe(
      'The sheet "Chart1" is a chart, not a table, so it has no rows to read. Choose one of the worksheets: "Lookup" (hidden), "Visits", "Labs", "Secret" (hidden), "Blank".',
    );
  });

  it('no_header: a chosen sheet that is empty while others have data', async () => {
    const error = await failure(workbook, 'book.xlsx', 'Blank');
    expect(error.code).toBe('no_header');
    expect(error.message).toMatch(/^The sheet "Blank" is empty, so there is no header row to read\. Choose the sheet that holds your table/);
  });

  it('a CSV file is one sheet named after the file, and can be chosen by that name only', async () => {
    const csv = utf8('a,b\n1,2\n');
    const { summary } = await readAll(csv, 'exports/visits 2024.csv', { sheet: 'Visits 2024' });
    expect(summary).toMatchObject({ sheetName: 'visits 2024', sheets: [{ name: 'visits 2024', hidden: false }] });
    const error = await failure(csv, 'visits.csv', 'Sheet1');
    expect(error.code).toBe('no_sheet');
    expect(error.message).toBe('There is no sheet named "Sheet1" in this file. Its sheets are "visits": choose one of them.');
  });
});
