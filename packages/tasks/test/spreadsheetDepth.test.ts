import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSpreadsheet, type CellValue } from '@sift/excel';
import { datasetCsv, datasetXlsx, getDatasetPage, getDatasetSummary, neutraliseFormula } from '../src/index.ts';
import { startHarness, type Harness } from '../src/testing.ts';

let h: Harness;
const owner = 'depth';
let uploadId: string;

/** Visits (first), Lookup (hidden), Labs: 120 rows of known values, including formula-like and Chinese text. */
async function makeWorkbook(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const visits = workbook.addWorksheet('Visits');
  visits.addRow(['patient', 'visit']);
  visits.addRow(['P1', 1]);
  const lookup = workbook.addWorksheet('Lookup');
  lookup.state = 'hidden';
  lookup.addRow(['code', 'label']);
  const labs = workbook.addWorksheet('Labs');
  labs.addRow(['id', 'glucose', 'note']);
  for (let i = 1; i <= 120; i++) labs.addRow([i, i % 10 === 0 ? null : 4 + (i % 7) * 0.5, i === 3 ? '=SUM(A1)' : i === 4 ? '血糖偏高' : `note ${i}`]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

async function readTask(sheet?: string) {
  const task = await h.tasks.create(owner, { kind: 'spreadsheet', input: { uploadId, ...(sheet ? { sheet } : {}) } });
  const last = (await h.waitFor(owner, task.id, h.finished)).at(-1)!;
  return { id: task.id, last };
}

beforeAll(async () => {
  h = await startHarness();
  uploadId = (await h.upload(owner, 'study.xlsx', await makeWorkbook())).id;
});
afterAll(() => h.stop());

describe('sheets', () => {
  it('reads the first sheet by default and lists every sheet in order, hidden ones marked', async () => {
    const { id, last } = await readTask();
    expect(last).toMatchObject({ state: 'ready', title: 'study.xlsx', result: { sheetName: 'Visits', rowCount: 1 } });
    const summary = await getDatasetSummary(h.db, owner, id);
    expect(summary?.sheets).toEqual([
      { name: 'Visits', hidden: false },
      { name: 'Lookup', hidden: true },
      { name: 'Labs', hidden: false },
    ]);
    expect(summary?.uploadId).toBe(uploadId);
  });

  it('reads the sheet the researcher picks, with its column profile', async () => {
    const { id, last } = await readTask('Labs');
    expect(last).toMatchObject({ state: 'ready', title: 'study.xlsx · Labs', result: { sheetName: 'Labs', rowCount: 120, columnCount: 3 } });
    const summary = await getDatasetSummary(h.db, owner, id);
    expect(summary?.columns).toEqual(['id', 'glucose', 'note']);
    const [idColumn, glucose, note] = summary!.profile;
    expect(idColumn).toMatchObject({ name: 'id', type: 'integer', missing: 0, distinct: 120, min: 1, max: 120 });
    expect(glucose).toMatchObject({ name: 'glucose', type: 'decimal', missing: 12, min: 4, max: 7 });
    expect(note).toMatchObject({ name: 'note', type: 'text', missing: 0 });
  });

  it('an unknown sheet ends in an error that names the sheets there are', async () => {
    const { last } = await readTask('Results');
    expect(last.state).toBe('error');
    expect(last.error?.code).toBe('no_sheet');
    expect(last.error?.message).toMatch(/Visits[\s\S]*Labs/);
  });
});

describe('preview and export', () => {
  let labsTask: string;
  beforeAll(async () => {
    labsTask = (await readTask('Labs')).id;
  });

  it('pages and sorts by a column on the server, missing values last', async () => {
    const page = await getDatasetPage(h, owner, labsTask, { offset: 50, limit: 25 });
    expect(page?.rows).toHaveLength(25);
    expect(page?.rows[0]?.[0]).toBe(51);
    const descending = await getDatasetPage(h, owner, labsTask, { offset: 0, limit: 3, sort: { column: 1, direction: 'desc' } });
    expect(descending?.rows.map((row) => row[1])).toEqual([7, 7, 7]);
    expect(descending?.rows.map((row) => row[0])).toEqual([6, 13, 27]); // ties keep file order
    const ascending = await getDatasetPage(h, owner, labsTask, { offset: 105, limit: 20, sort: { column: 1, direction: 'asc' } });
    expect(ascending?.rows.slice(-12).every((row) => row[1] === null)).toBe(true);
    expect(await getDatasetPage(h, 'someone-else', labsTask, { offset: 0, limit: 5 })).toBeNull();
  });

  it('exports CSV with a BOM, neutralised formulas and intact Chinese text', async () => {
    const csv = await datasetCsv(h.db, owner, labsTask);
    let text = '';
    for await (const chunk of csv!.chunks) text += chunk;
    expect(csv?.fileName).toBe('Labs.csv');
    expect(text.startsWith('\uFEFFid,glucose,note\r\n')).toBe(true);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(121);
    expect(lines[3]).toBe("3,5.5,'=SUM(A1)");
    expect(lines[4]).toBe('4,6,血糖偏高');
    expect(lines[10]).toBe('10,,note 10');
    expect(await datasetCsv(h.db, 'someone-else', labsTask)).toBeNull();
  });

  it('exports XLSX that reads back to the same rows', async () => {
    const xlsx = await datasetXlsx(h.db, owner, labsTask);
    const sink = new PassThrough();
    const parts: Buffer[] = [];
    sink.on('data', (part: Buffer) => parts.push(part));
    await xlsx!.write(sink);
    const rows: CellValue[][] = [];
    const read = await readSpreadsheet(Buffer.concat(parts), { fileName: xlsx!.fileName, onColumns: () => {}, onRows: (batch) => void rows.push(...batch) });
    expect(read.columns).toEqual(['id', 'glucose', 'note']);
    const original = await getDatasetPage(h, owner, labsTask, { offset: 0, limit: 500 });
    expect(rows).toEqual(original?.rows);
  });
});

describe('sorting text that holds numbers', () => {
  it('sorts CSV numbers numerically, not as text, and text after numbers', async () => {
    const csv = 'code,value\na,100\nb,9\nc,-2.5\nd,\ne,n/a\nf,45\n';
    const upload = await h.upload(owner, 'values.csv', new TextEncoder().encode(csv));
    const task = await h.tasks.create(owner, { kind: 'spreadsheet', input: { uploadId: upload.id } });
    await h.waitFor(owner, task.id, h.finished);
    const page = async (direction: 'asc' | 'desc') =>
      (await getDatasetPage(h, owner, task.id, { offset: 0, limit: 10, sort: { column: 1, direction } }))?.rows.map((row) => row[1]);
    expect(await page('asc')).toEqual(['-2.5', '9', '45', '100', 'n/a', null]);
    expect(await page('desc')).toEqual(['100', '45', '9', '-2.5', 'n/a', null]);
  });
});

describe('neutraliseFormula', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+cmd', "'+cmd"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['-5', '-5'],
    ['+1.5e3', '+1.5e3'],
    ['plain', 'plain'],
  ])('%j → %j', (value, expected) => expect(neutraliseFormula(value)).toBe(expected));

  it('leaves non-text values alone', () => {
    expect([neutraliseFormula(-5), neutraliseFormula(true), neutraliseFormula(null)]).toEqual([-5, true, null]);
  });
});
