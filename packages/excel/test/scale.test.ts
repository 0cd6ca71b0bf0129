// A whole 200,000 x 12 workbook, read and profiled as the parse thread does. Speed and
// memory are measured by `npm run memory` and `npm run bench`, never asserted here.
import { beforeAll, describe, expect, it } from 'vitest';
import { expectedCell, makeLargeWorkbook, mixedColumnName } from '../src/fixtures.ts';
import { createColumnProfiler, readSpreadsheet, type CellValue, type ColumnProfile, type ReadSummary } from '../src/index.ts';

const ROWS = 200_000;
const COLS = 12;
const expectedRow = (row: number) => Array.from({ length: COLS }, (_, col) => expectedCell(row, col));

let summary: ReadSummary;
let columns: string[] = [];
let profile: ColumnProfile[] = [];
const kept = new Map<number, CellValue[]>();
const checkedRows = [0, 1, 999, 1000, 123_456, ROWS - 2, ROWS - 1];
let wrongWidth = 0;

beforeAll(async () => {
  const bytes = makeLargeWorkbook(ROWS, COLS, { level: 1 });
  const profiler = { current: createColumnProfiler([]) };
  summary = await readSpreadsheet(bytes, {
    fileName: 'big.xlsx',
    batchSize: 500,
    onColumns: (names) => {
      columns = names;
      profiler.current = createColumnProfiler(names);
    },
    onRows: (rows, firstIndex) => {
      profiler.current.add(rows);
      rows.forEach((row, offset) => {
        if (row.length !== COLS) wrongWidth++;
        if (checkedRows.includes(firstIndex + offset)) kept.set(firstIndex + offset, row);
      });
    },
  });
  profile = profiler.current.result();
}, 300_000);

describe('a 200,000 x 12 workbook', () => {
  it('reads every row, with exact values at the start, middle and end', () => {
    expect(summary).toMatchObject({ format: 'xlsx', sheetName: 'Patients', rowCount: ROWS, ignoredCells: 0, noteCount: 0 });
    expect(columns).toEqual(Array.from({ length: COLS }, (_, col) => mixedColumnName(col)));
    expect(wrongWidth).toBe(0);
    for (const row of checkedRows) expect(kept.get(row)).toEqual(expectedRow(row));
    expect(kept.get(ROWS - 1)?.[0]).toBe(ROWS);
  });

  it('profiles every column while reading', () => {
    expect(profile.map((column) => column.type)).toEqual([
      'integer', 'integer', 'decimal', 'text', 'text', 'date', 'datetime', 'boolean', 'text', 'integer', 'integer', 'decimal',
    ]);
    expect(profile[0]).toMatchObject({ name: 'ID', missing: 0, min: 1, max: ROWS, mean: (ROWS + 1) / 2, distinct: ROWS, distinctCapped: false });
    expect(profile[8]).toMatchObject({ name: 'code 8', distinct: 1000, distinctCapped: false });
    let blanks = 0;
    for (let row = 0; row < ROWS; row++) if (expectedCell(row, 9) === null) blanks++;
    expect(blanks).toBeGreaterThan(0);
    expect(profile[9]).toMatchObject({ name: 'sparse 9', type: 'integer', missing: blanks, distinct: 50, min: 0, max: 49 });
  });
});
