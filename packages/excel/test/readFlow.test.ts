import { beforeAll, describe, expect, it } from 'vitest';
import { expectedCell, makeMixedWorkbook } from '../src/fixtures.ts';
import { readSpreadsheet, type ReadProgress } from '../src/index.ts';
import { readAll, utf8, xlsxFromRows } from './helpers.ts';

let workbook: Uint8Array;
beforeAll(async () => {
  workbook = await makeMixedWorkbook(2500, 12);
});

function bigCsv(rows: number): Uint8Array {
  const lines = ['id,a,b'];
  for (let row = 0; row < rows; row++) lines.push(`${row},x${row},"q ${row}"`);
  return utf8(lines.join('\n'));
}

function expectSaneProgress(progress: ReadProgress[], rowCount: number): void {
  expect(progress.length).toBeGreaterThan(1);
  for (const [index, update] of progress.entries()) {
    expect(update.stage).toBe('reading sheet');
    expect(Number.isFinite(update.total)).toBe(true);
    expect(update.done).toBeLessThanOrEqual(update.total);
    if (index > 0) expect(update.done).toBeGreaterThanOrEqual((progress[index - 1] as ReadProgress).done);
  }
  expect(progress.at(-1)).toEqual({ done: rowCount, total: rowCount, stage: 'reading sheet' });
}

describe('batches, progress and back-pressure', () => {
  it('sends columns first, then batches of batchSize with running indexes', async () => {
    const events: string[] = [];
    await readSpreadsheet(workbook, {
      fileName: 'w.xlsx',
      batchSize: 700,
      onColumns: (columns) => {
        events.push(`columns:${columns.length}`);
      },
      onRows: (rows, firstIndex) => {
        events.push(`rows:${firstIndex}+${rows.length}`);
        expect(rows.every((row) => row.length === 12)).toBe(true);
      },
    });
    expect(events).toEqual(['columns:12', 'rows:0+700', 'rows:700+700', 'rows:1400+700', 'rows:2100+400']);
  });

  it('waits for each onRows before sending the next', async () => {
    let active = 0;
    let maxActive = 0;
    await readSpreadsheet(workbook, {
      fileName: 'w.xlsx',
      batchSize: 300,
      onColumns: async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
      },
      onRows: async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise((resolve) => setTimeout(resolve, 2));
        active--;
      },
    });
    expect(maxActive).toBe(1);
  });

  it('reports xlsx progress that never goes back and ends at done == total', async () => {
    const { progress, summary } = await readAll(workbook, 'w.xlsx', { batchSize: 250 });
    expect(summary.rowCount).toBe(2500);
    expectSaneProgress(progress, 2500);
    // The declared sheet size gives the real total from the first report on.
    expect(progress[0]?.total).toBe(2500);
  });

  it('reports exact CSV progress', async () => {
    const { progress, rows } = await readAll(bigCsv(5000), 'big.csv', { batchSize: 1000 });
    expect(rows[4999]).toEqual(['4999', 'x4999', 'q 4999']);
    expectSaneProgress(progress, 5000);
    expect(new Set(progress.map((update) => update.total))).toEqual(new Set([5000]));
  });

  it('ends at done == total when the declared size over-states the rows', async () => {
    const rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row><row r="2"><c r="A2"><v>1</v></c></row>';
    const { progress } = await readAll(xlsxFromRows(rows, 'A1:A900'), 'over.xlsx');
    expect(progress.at(-1)).toEqual({ done: 1, total: 1, stage: 'reading sheet' });
  });
});

describe('abort', () => {
  it.each([
    ['xlsx', 'w.xlsx'],
    ['csv', 'big.csv'],
  ])('stops a %s read between batches and rejects with the reason', async (_, fileName) => {
    const bytes = fileName.endsWith('.csv') ? bigCsv(20_000) : workbook;
    const controller = new AbortController();
    const reason = new Error('cancelled by the researcher');
    let batches = 0;
    const promise = readSpreadsheet(bytes, {
      fileName,
      batchSize: 100,
      signal: controller.signal,
      onColumns: () => {},
      onRows: () => {
        batches++;
        if (batches === 2) controller.abort(reason);
      },
    });
    await expect(promise).rejects.toBe(reason);
    expect(batches).toBe(2);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const promise = readSpreadsheet(workbook, { fileName: 'w.xlsx', signal: controller.signal, onColumns: () => {}, onRows: () => {} });
    await expect(promise).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('the 3,339 x 151 mixed workbook', () => {
  let mixed: Uint8Array;
  beforeAll(async () => {
    mixed = await makeMixedWorkbook(3339, 151);
  }, 120_000);

  it('reads every cell exactly (speed is measured by npm run bench, not here)', async () => {
    const { columns, rows, summary } = await readAll(mixed, 'patients.xlsx');
    expect(summary).toMatchObject({
      format: 'xlsx',
      sheetName: 'Patients',
      sheets: [
        { name: 'Patients', hidden: false },
        { name: 'Notes', hidden: false },
      ],
      rowCount: 3339,
      ignoredCells: 0,
      notes: [],
      noteCount: 0,
    });
    expect(columns).toHaveLength(151);
    expect(columns.slice(0, 11)).toEqual(['ID', 'integer 1', 'decimal 2', 'text 3', 'unicode 4', 'date 5', 'datetime 6', 'boolean 7', 'code 8', 'sparse 9', 'integer 10']);
    expect(rows).toHaveLength(3339);
    const mismatches: string[] = [];
    rows.forEach((row, r) => {
      expect(row).toHaveLength(151);
      row.forEach((cell, c) => {
        if (cell !== expectedCell(r, c)) mismatches.push(`${r},${c}: ${String(cell)} != ${String(expectedCell(r, c))}`);
      });
    });
    expect(mismatches.slice(0, 5)).toEqual([]);
    // The fixture really exercises each kind of value.
    const column = (c: number) => rows.map((row) => row[c]);
    expect(rows[3338]?.[0]).toBe(3339);
    expect(column(2).some((cell) => typeof cell === 'number' && !Number.isInteger(cell))).toBe(true);
    expect(column(4).some((cell) => typeof cell === 'string' && /[\u4e00-\u9fff]/.test(cell))).toBe(true);
    expect(column(4).some((cell) => typeof cell === 'string' && cell.includes('😀'))).toBe(true);
    expect(column(5).every((cell) => typeof cell === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(cell))).toBe(true);
    expect(column(6).every((cell) => typeof cell === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(cell))).toBe(true);
    expect(new Set(column(7))).toEqual(new Set([true, false]));
    expect(column(8).some((cell) => typeof cell === 'string' && /^00\d$/.test(cell))).toBe(true);
    expect(column(9)).toContain(null);
  });
});
