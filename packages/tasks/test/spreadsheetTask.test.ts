import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { readSpreadsheet, type CellValue } from '@sift/excel';
import { expectedCell, makeMixedWorkbook, mixedColumnName, xlsxFromRows } from '@sift/excel/fixtures';
import { datasetCsv, datasetXlsx, defineTaskKind, getDatasetPage, getDatasetSummary, taskKinds } from '../src/index.ts';
import { spreadsheetTask } from '../src/kinds/spreadsheet/index.ts';
import { startHarness, type Harness } from '../src/testing.ts';

/** The real spreadsheet handler, made to fail once after saving everything: the retry must not duplicate rows. */
const failsOnceAfterSaving = defineTaskKind({
  ...spreadsheetTask,
  name: 'test-spreadsheet-fails-once',
  queue: { ...spreadsheetTask.queue, retryDelaySeconds: 1 },
  async run(ctx) {
    const result = await spreadsheetTask.run(ctx);
    if (ctx.attempt === 1) throw new Error('connection reset after saving');
    return result;
  },
});

/** The real spreadsheet handler, its first attempt dying in the middle of the bulk copy. */
const foundByRetry: number[] = [];
const failsOnceMidCopy = defineTaskKind({
  ...spreadsheetTask,
  name: 'test-spreadsheet-fails-mid-copy',
  queue: { ...spreadsheetTask.queue, retryDelaySeconds: 1 },
  async run(ctx) {
    if (ctx.attempt > 1) {
      foundByRetry.push(await ctx.db.datasetRow.count({ where: { taskId: ctx.taskId } }));
      return spreadsheetTask.run(ctx);
    }
    const progress = (done: number, total: number, stage: string) => {
      if (done >= 1000) throw new Error('connection reset in the middle of the copy');
      ctx.progress(done, total, stage);
    };
    return spreadsheetTask.run({ ...ctx, progress });
  },
});

let h: Harness;
const owner = 'researcher';
let workbook: Uint8Array;

beforeAll(async () => {
  h = await startHarness({ kinds: [...taskKinds, failsOnceAfterSaving, failsOnceMidCopy] });
  workbook = await makeMixedWorkbook(3339, 151);
});
afterAll(() => h.stop());

async function runSpreadsheet(fileName: string, bytes: Uint8Array, kind = 'spreadsheet') {
  const upload = await h.upload(owner, fileName, bytes);
  const task = await h.tasks.create(owner, { kind, input: { uploadId: upload.id } });
  const seen = await h.waitFor(owner, task.id, h.finished, 60_000);
  return { id: task.id, seen, last: seen.at(-1)! };
}

describe('spreadsheet task', () => {
  it('reads a 3,339 x 151 mixed workbook into clean rows with the exact values', async () => {
    const { id, last, seen } = await runSpreadsheet('patients.xlsx', workbook);
    expect(last).toMatchObject({ state: 'ready', processed: 3339, total: 3339, result: { rowCount: 3339, columnCount: 151, sheetName: 'Patients' } });
    expect(seen.map((status) => status.processed)).toEqual(seen.map((status) => status.processed).sort((a, b) => a - b));
    const summary = await getDatasetSummary(h.db, owner, id);
    expect(summary?.columns).toHaveLength(151);
    expect(summary?.columns.slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, col) => mixedColumnName(col)));
    const page = await getDatasetPage(h, owner, id, { offset: 3330, limit: 50 });
    expect(page?.rows).toHaveLength(9);
    for (const [offset, row] of page!.rows.entries()) {
      expect(row).toEqual(Array.from({ length: 151 }, (_, col) => expectedCell(3330 + offset, col)));
    }
    expect(await h.db.datasetRow.count({ where: { taskId: id } })).toBe(3339);
  });

  it('ends a corrupt file in error with an actionable message, and keeps serving other tasks', async () => {
    const corrupt = await runSpreadsheet('broken.xlsx', workbook.slice(0, 2000));
    expect(corrupt.last.state).toBe('error');
    expect(corrupt.last.error?.code).toBe('corrupt');
    expect(corrupt.last.error?.message).toMatch(/xlsx/i);
    expect((await h.db.task.findUniqueOrThrow({ where: { id: corrupt.id } })).attempts).toBe(1);
    const empty = await runSpreadsheet('empty.csv', new Uint8Array());
    expect(empty.last).toMatchObject({ state: 'error', error: { code: 'empty' } });
    const good = await runSpreadsheet('fine.csv', new TextEncoder().encode('a,b\n1,2\n'));
    expect(good.last.state).toBe('ready');
  });

  it('a retried attempt replaces what the failed one saved: no duplicate rows', async () => {
    const { id, last } = await runSpreadsheet('retry.xlsx', await makeMixedWorkbook(500, 12), 'test-spreadsheet-fails-once');
    expect(last.state).toBe('ready');
    expect((await h.db.task.findUniqueOrThrow({ where: { id } })).attempts).toBe(2);
    expect(await h.db.datasetRow.count({ where: { taskId: id } })).toBe(500);
    expect((await getDatasetPage(h, owner, id, { offset: 499, limit: 5 }))?.rows[0]).toEqual(Array.from({ length: 12 }, (_, col) => expectedCell(499, col)));
  });

  it('an attempt that dies in the middle of saving leaves no rows behind, and its retry saves each row once', async () => {
    const { id, last } = await runSpreadsheet('midway.xlsx', await makeMixedWorkbook(2500, 12), 'test-spreadsheet-fails-mid-copy');
    expect(last.state).toBe('ready');
    expect((await h.db.task.findUniqueOrThrow({ where: { id } })).attempts).toBe(2);
    expect(foundByRetry).toEqual([0]);
    const indexes = await h.db.datasetRow.findMany({ where: { taskId: id }, select: { index: true }, orderBy: { index: 'asc' } });
    expect(indexes.map((row) => row.index)).toEqual(Array.from({ length: 2500 }, (_, index) => index));
    expect((await getDatasetPage(h, owner, id, { offset: 2499, limit: 1 }))?.rows[0]).toEqual(Array.from({ length: 12 }, (_, col) => expectedCell(2499, col)));
  });

  it('cancelling stops the parse thread and saves no more rows', async () => {
    const lines = ['id,a,b,c,d,e,f,g'];
    for (let row = 0; row < 200_000; row++) lines.push(`${row},${row * 2},x${row},${row % 7},y,z,${row / 3},w`);
    const upload = await h.upload(owner, 'big.csv', new TextEncoder().encode(lines.join('\n')));
    const task = await h.tasks.create(owner, { kind: 'spreadsheet', input: { uploadId: upload.id } });
    await h.waitFor(owner, task.id, (status) => status.processed > 0 || h.finished(status), 60_000);
    await h.tasks.cancel(owner, task.id);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // past the runner's cancellation poll
    const rowsAfterCancel = await h.db.datasetRow.count({ where: { taskId: task.id } });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await h.db.datasetRow.count({ where: { taskId: task.id } })).toBe(rowsAfterCancel);
    expect(rowsAfterCancel).toBeLessThan(200_000);
    expect((await h.tasks.status(owner, task.id))?.state).toBe('cancelled');
  });

  it('types an elapsed-time column as durations, and exports it so Excel and Sift read the same durations back', async () => {
    const text = (ref: string, value: string) => `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`;
    const stay = (row: number, days: string) => `<row r="${row}">${text(`A${row}`, `P${row}`)}<c r="B${row}" s="1"><v>${days}</v></c></row>`;
    // Style 1 is built-in format 46, [h]:mm:ss: 1.5 days shows as 36:00:00.
    const bytes = xlsxFromRows(`<row r="1">${text('A1', 'patient')}${text('B1', 'time on ward')}</row>${stay(2, '1.5')}${stay(3, '0.0625')}${stay(4, '-0.03125')}`, 'A1:B4', { numFmtIds: [0, 46] });
    const { id, last } = await runSpreadsheet('stays.xlsx', bytes);
    expect(last.state).toBe('ready');
    const summary = await getDatasetSummary(h.db, owner, id);
    expect(summary?.profile[1]).toMatchObject({ name: 'time on ward', type: 'duration', min: '-00:45:00', max: '36:00:00', mean: '12:15:00' });

    const csv = await datasetCsv(h.db, owner, id);
    let csvText = '';
    for await (const chunk of csv!.chunks) csvText += chunk;
    // A negative one starts with "-", so the formula guard marks it as text, as it does any such cell.
    expect(csvText).toBe("\uFEFFpatient,time on ward\r\nP2,36:00:00\r\nP3,01:30:00\r\nP4,'-00:45:00\r\n");

    const xlsx = await datasetXlsx(h.db, owner, id);
    const sink = new PassThrough();
    const parts: Buffer[] = [];
    sink.on('data', (part: Buffer) => parts.push(part));
    await xlsx!.write(sink);
    const rows: CellValue[][] = [];
    await readSpreadsheet(Buffer.concat(parts), { fileName: 'stays.xlsx', onColumns: () => {}, onRows: (batch) => void rows.push(...batch) });
    expect(rows).toEqual([['P2', '36:00:00'], ['P3', '01:30:00'], ['P4', '-00:45:00']]);
  });
});
