import { describe, expect, it } from 'vitest';
import type { CellValue } from '../src/index.ts';
import { SheetScanner, type CellContext } from '../src/xlsx/sheetScanner.ts';
import { columnLetters } from '../src/fixtures.ts';
import { sheetXml } from './helpers.ts';

const context: CellContext = { sharedStrings: ['zero', 'één', '😀 emoji'], replacedStrings: new Set(), styleFormats: ['number', 'date'], date1904: false };

const xml = sheetXml(
  '<row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>in &amp; line</t></is></c><c r="D1" s="1"><v>45352.5</v></c></row>' +
    '<row r="3"><c r="A3"><v>-1.5E-3</v></c><c r="B3" t="b"><v>0</v></c><c r="C3" t="e"><v>#N/A</v></c><c r="D3"><f>A3*2</f><v>-3E-3</v></c></row>' +
    '<row r="4"/><row r="5"><c r="B5" t="s"><v>2</v></c><c r="C5" t="str"><v>x&lt;y</v></c></row>',
  'A1:D5',
);

function scan(chunks: string[]): [number, CellValue[]][] {
  const rows: [number, CellValue[]][] = [];
  const scanner = new SheetScanner(context, (rowNumber, cells) => rows.push([rowNumber, cells]));
  for (const chunk of chunks) scanner.feed(chunk);
  expect(scanner.finished).toBe(true);
  return rows;
}

/** `text` in pieces of `size` characters. */
function chunked(text: string, size: number): string[] {
  return Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));
}

/** Rows with their notes, and the scanner's count of characters searched. */
function scanWithWork(chunks: string[]) {
  const rows: unknown[] = [];
  const scanner = new SheetScanner(context, (rowNumber, cells, notes) => rows.push([rowNumber, cells, notes]));
  for (const chunk of chunks) scanner.feed(chunk);
  expect(scanner.finished).toBe(true);
  return { rows, scannedChars: scanner.scannedChars };
}

/** One header-less row of `cells` inline strings of 200 characters each, as a worksheet. */
function longRowXml(cells: number): string {
  let row = '<row r="1" spans="1:16384">';
  for (let col = 0; col < cells; col++) row += `<c r="${columnLetters(col)}1" t="inlineStr"><is><t>${String(col).padStart(200, '.')}</t></is></c>`;
  return sheetXml(`${row}</row>`);
}

describe('SheetScanner', () => {
  it('reads rows and every kind of cell', () => {
    expect(scan([xml])).toEqual([
      [1, ['zero', 'één', 'in & line', '2024-03-01T12:00:00']],
      [3, [-0.0015, false, null, -0.003]],
      [4, []],
      [5, [null, '😀 emoji', 'x<y']],
    ]);
  });

  it('gives the same rows however the text is split into chunks', () => {
    const whole = scan([xml]);
    for (let cut = 1; cut < xml.length; cut++) {
      expect(scan([xml.slice(0, cut), xml.slice(cut)])).toEqual(whole);
    }
    expect(scan(xml.split(''))).toEqual(whole);
  });

  it('gives the same rows and notes in chunks of every size, with prefixed elements whose end tags straddle chunks', () => {
    const prefixed = sheetXml(
      '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>long &amp; text</x:t></x:is></x:c><x:c r="B1"><x:f>A1</x:f></x:c><x:c r="C1" t="e"><x:v>#REF!</x:v></x:c></x:row>' +
        '<x:row r="2"/><x:row r="3" spans="1:3"><x:c r="C3" t="s"><x:v>1</x:v></x:c></x:row>',
    ).replace(/<(\/?)sheetData>/g, '<$1x:sheetData>');
    for (const text of [xml, prefixed]) {
      const whole = scanWithWork([text]).rows;
      expect(whole.length).toBeGreaterThan(2);
      for (let size = 1; size <= text.length; size++) expect(scanWithWork(chunked(text, size)).rows, `chunks of ${size}`).toEqual(whole);
    }
  });

  it('searches each character of a long row a bounded number of times, however finely it is chunked', () => {
    // One row of 2,000 and one of 4,000 cells (0.46 and 0.93 M characters) fed in 1,000-character
    // chunks. Scanning the open row again on each chunk would search ~100 M and ~400 M characters.
    for (const cells of [2000, 4000]) {
      const text = longRowXml(cells);
      const { rows, scannedChars } = scanWithWork(chunked(text, 1000));
      expect(rows).toHaveLength(1);
      const [, values] = rows[0] as [number, string[]];
      expect(values).toHaveLength(cells);
      expect(values.at(-1)).toBe(String(cells - 1).padStart(200, '.'));
      expect(scannedChars).toBeLessThanOrEqual(3 * text.length);
    }
  });
});
