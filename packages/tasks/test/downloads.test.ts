// Property tests of the export writers every download goes through (dataset, screening): for any
// cell content, CSV parses back with a standard reader to the stored cells (formula starters
// guarded), and XLSX is well-formed XML that reads back to the stored cells.
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { readSpreadsheet, storableText, type CellValue } from '@sift/excel';
import { csvChunks, writeXlsx } from '../src/data/downloads.ts';
import { neutraliseFormula, xlsxSheetName } from '../src/data/exportText.ts';

const HOSTILE = [
  '\r', '\n', '\r\n', '"', '""', ',', ';', '\t', '\0', '\uD800', '\uDFFF', '\uDBFF\uDFFF', '\uFFFE', '\uFFFF', '\u0001', '\u001F',
  '=', '+', '-', '@', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20', ' ', '\u00A0', '\u3000', "'", "=cmd|' /C calc'!A0", 'Reviewed\n=1+1',
  '_x0041_', '_x000D_', '_xD800_', '1e5', '-5', '血糖', 'é',
];
const hostileText = fc.array(fc.oneof(fc.constantFrom(...HOSTILE), fc.char16bits(), fc.fullUnicode()), { maxLength: 10 }).map((parts) => parts.join(''));
// Within ±1e15: an integer of 16 digits or more reads back as its digits, text, on purpose (an ID
// from another program; the reader's number_as_text), so it would not read back as the number.
const number = fc
  .oneof(fc.integer(), fc.double({ min: -1e15, max: 1e15, minExcluded: true, maxExcluded: true, noNaN: true }))
  .map((value) => (Object.is(value, -0) ? 0 : value));
const cell: fc.Arbitrary<CellValue> = fc.oneof({ weight: 6, arbitrary: hostileText }, number, fc.boolean(), fc.constant(null));
const table = fc.integer({ min: 1, max: 4 }).chain((width) =>
  fc.record({
    columns: fc.array(hostileText, { minLength: width, maxLength: width }),
    rows: fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 6 }),
  }),
);

async function csvText(columns: string[], rows: CellValue[][]): Promise<string> {
  let text = '';
  for await (const chunk of csvChunks(columns, [rows])) text += chunk;
  return text;
}

/** What a reader must get back for a stored cell: the text as UTF-8 can carry it, guarded when it could run. */
const csvExpected = (value: CellValue) =>
  value === null ? '' : typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : String(neutraliseFormula(typeof value === 'string' ? storableText(value) : value));

// Stated apart from the guard's own rule: any cell a spreadsheet could run, whitespace first or not.
const RUNS_AS_FORMULA = /^[\s]*[=+\-@＝＋－＠]|^[\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

describe('CSV export', () => {
  it('round-trips any cell content through a standard CSV reader, one record per row, formulas guarded', async () => {
    await fc.assert(
      fc.asyncProperty(table, async ({ columns, rows }) => {
        const text = await csvText(columns, rows);
        expect(text.isWellFormed()).toBe(true);
        const records = parse(text, { bom: true, relax_column_count: false }) as string[][];
        expect(records).toEqual([columns, ...rows].map((row) => row.map(csvExpected)));
        for (const field of records.flat()) {
          if (RUNS_AS_FORMULA.test(field)) expect(PLAIN_NUMBER.test(field)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a line break inside its cell, so a formula after it never starts a line of its own', async () => {
    const text = await csvText(['id', 'note'], [[1, "Reviewed\n=cmd|' /C calc'!A0"], [2, 'a\rb'], [3, '  =1+1'], [4, '＝SUM(A1)']]);
    expect(parse(text, { bom: true })).toEqual([['id', 'note'], ['1', "Reviewed\n=cmd|' /C calc'!A0"], ['2', 'a\rb'], ['3', "'  =1+1"], ['4', "'＝SUM(A1)"]]);
    expect(text.split('\r\n')).toHaveLength(6);
  });
});

/** Every part of the package parsed by a strict XML 1.0 parser (saxes throws on a character XML cannot hold). */
function expectWellFormedParts(bytes: Uint8Array) {
  for (const [name, data] of Object.entries(unzipSync(bytes))) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    const parser = new SaxesParser();
    expect(() => parser.write(new TextDecoder().decode(data)).close(), name).not.toThrow();
  }
}

async function xlsxBytes(sheetName: string, columns: string[], rows: CellValue[][], durationColumns: number[] = []): Promise<Uint8Array> {
  const sink = new PassThrough();
  const parts: Buffer[] = [];
  sink.on('data', (part: Buffer) => parts.push(part));
  await writeXlsx(sink, sheetName, columns, [rows], durationColumns);
  return Buffer.concat(parts);
}

describe('XLSX export', () => {
  it('stays valid XML and reads back to the stored cells for any text, sheet name included', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 6 }), async (sheetName, rows) => {
        // Rows that read as blank are kept only between data rows, so the table is framed by two.
        const bytes = await xlsxBytes(sheetName, ['key', 'value'], [['row', 'row'], ...rows, ['end', 'end']]);
        expectWellFormedParts(bytes);
        const read: CellValue[][] = [];
        const summary = await readSpreadsheet(bytes, { fileName: 'export.xlsx', onColumns: () => {}, onRows: (batch) => void read.push(...batch) });
        expect(summary.sheetName).toBe(xlsxSheetName(sheetName));
        const stored = (value: CellValue) => (typeof value === 'string' ? storableText(value) || null : value);
        expect(read).toEqual([['row', 'row'], ...rows.map((row) => row.map(stored)), ['end', 'end']]);
      }),
      { numRuns: 60 },
    );
  });

  it('writes a duration column as Excel durations ([h]:mm:ss days) that read back as written; negative ones stay text', async () => {
    const rows: CellValue[][] = [['a', '36:00:00'], ['b', '-01:30:00'], ['c', null], ['d', '00:00:01'], ['e', 'n/a']];
    const bytes = await xlsxBytes('Stays', ['patient', 'time on ward'], rows, [1]);
    expectWellFormedParts(bytes);
    // What Excel opens: 1.5 days in a cell styled [h]:mm:ss, the header left unstyled.
    const parts = unzipSync(bytes);
    const xml = (name: string) => new TextDecoder().decode(parts[name]);
    expect(xml('xl/worksheets/sheet1.xml')).toContain('<c r="B2" s="1"><v>1.5</v></c>');
    expect(xml('xl/worksheets/sheet1.xml')).toContain('<c r="B3" s="1" t="str"><v>-01:30:00</v></c>');
    expect(xml('xl/worksheets/sheet1.xml')).toContain('<c r="B1" t="str"><v>time on ward</v></c>');
    // Excel's built-in format 46 is [h]:mm:ss.
    expect(xml('xl/styles.xml')).toContain('<xf numFmtId="46"');
    const read: CellValue[][] = [];
    await readSpreadsheet(bytes, { fileName: 'stays.xlsx', onColumns: () => {}, onRows: (batch) => void read.push(...batch) });
    expect(read).toEqual(rows);
  });

  it.each([
    ['a/b:c*d?[e]\\f', 'a_b_c_d__e__f'],
    ["'quoted'", 'quoted'],
    ['History', 'History data'],
    ['', 'Data'],
    ['x'.repeat(30) + '😀', 'x'.repeat(30)],
    ['\uFFFE\uD800', '_\uFFFD'],
  ])('names the sheet %j as %j, which Excel accepts', (name, expected) => expect(xlsxSheetName(name)).toBe(expected));
});
