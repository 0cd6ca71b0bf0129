import { describe, expect, it } from 'vitest';
import type { CellValue } from '../src/index.ts';
import { SheetScanner, type CellContext } from '../src/xlsx/sheetScanner.ts';
import { sheetXml } from './helpers.ts';

const context: CellContext = { sharedStrings: ['zero', 'één', '😀 emoji'], dateStyles: [false, true], date1904: false };

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
});
