import ExcelJS from 'exceljs';
import { makeRisExport, readFixtureFile } from '@sift/literature/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineTaskKind, taskKinds, createProject } from '../src/index.ts';
import { literatureImportTask } from '../src/kinds/literatureImport/index.ts';
import { startHarness, type Harness } from '../src/testing.ts';

/** The real import handler, made to fail once after saving everything: the retry must not duplicate records. */
const failsOnceAfterSaving = defineTaskKind({
  ...literatureImportTask,
  name: 'test-literature-import-fails-once',
  queue: { ...literatureImportTask.queue, retryDelaySeconds: 1 },
  async run(ctx) {
    const result = await literatureImportTask.run(ctx);
    if (ctx.attempt === 1) throw new Error('connection reset after saving');
    return result;
  },
});

/** The real import handler, its first attempt dying in the middle of the bulk copy: the retry must leave every record once. */
const foundByRetry: number[] = [];
const failsOnceMidCopy = defineTaskKind({
  ...literatureImportTask,
  name: 'test-literature-import-fails-mid-copy',
  queue: { ...literatureImportTask.queue, retryDelaySeconds: 1 },
  async run(ctx) {
    if (ctx.attempt > 1) {
      foundByRetry.push(await ctx.db.literatureRecord.count({ where: { import: { taskId: ctx.taskId } } }));
      return literatureImportTask.run(ctx);
    }
    const progress = (done: number, total: number, stage: string) => {
      if (stage === 'saving records' && done >= 1000) throw new Error('connection reset in the middle of the copy');
      ctx.progress(done, total, stage);
    };
    return literatureImportTask.run({ ...ctx, progress });
  },
});

let h: Harness;
const owner = 'reviewer';
let projectId: string;

beforeAll(async () => {
  h = await startHarness({ kinds: [...taskKinds, failsOnceAfterSaving, failsOnceMidCopy] });
  projectId = (await createProject(h.db, owner, { name: 'Delirium', question: 'Does early mobilisation prevent delirium?' })).id;
});
afterAll(() => h.stop());

async function importFile(fileName: string, bytes: Uint8Array, kind = 'literature-import') {
  const upload = await h.upload(owner, fileName, bytes);
  const task = await h.tasks.create(owner, { kind, input: { projectId, uploadId: upload.id } });
  const seen = await h.waitFor(owner, task.id, h.finished, 60_000);
  const row = await h.db.literatureImport.findUnique({ where: { taskId: task.id } });
  return { id: task.id, seen, last: seen.at(-1)!, row };
}

const ris = (lines: string[]) => new TextEncoder().encode(lines.join('\n'));

describe('literature-import task', () => {
  it('imports a PubMed and an Embase RIS export with exact reports, progress in records and file order kept', async () => {
    const pubmed = await importFile('pubmed.nbib', await readFixtureFile('dedup/pubmed.nbib'));
    expect(pubmed.last).toMatchObject({ state: 'ready', title: 'pubmed.nbib', processed: 12, total: 12, result: { format: 'medline', recordsRead: 12, skipped: 0 } });
    expect(pubmed.row).toMatchObject({ fileName: 'pubmed.nbib', format: 'medline', report: { recordsRead: 12, withoutAbstract: 12, withoutDoi: 7, withoutYear: 0, skipped: [] } });
    const embase = await importFile('embase.ris', await readFixtureFile('dedup/embase.ris'));
    expect(embase.row).toMatchObject({ format: 'ris', report: { recordsRead: 9, withoutAbstract: 9, withoutDoi: 8, withoutYear: 0, skipped: [] } });
    const first = await h.db.literatureRecord.findUniqueOrThrow({ where: { importId_position: { importId: pubmed.row!.id, position: 0 } } });
    expect(first).toMatchObject({
      projectId,
      title: 'Effect of early mobilisation on delirium in critically ill adults: a randomised controlled trial.',
      authors: ['Müller, Hans-Peter', 'García-López, José'],
      year: 2019,
      doi: '10.1371/journal.pone.0221183',
      pmid: '31452104',
      titleKey: expect.stringMatching(/^effectofearlymobilisation/),
    });
    expect(first.raw).toMatch(/^PMID- 31452104/);
  });

  it('leaves nothing in the search index pending list, so the first searches after an import are fast', async () => {
    const records = Array.from({ length: 400 }, (_, i) => [`TY  - JOUR`, `TI  - Trial ${i} of early mobilisation in intensive care unit delirium prevention`, `AB  - Patients ${i} randomised.`, 'ER  - ', ''].join('\n'));
    const imported = await importFile('many.ris', ris(records));
    expect(imported.last).toMatchObject({ state: 'ready', result: { recordsRead: 400 } });
    const [merged] = await h.db.$queryRaw<{ pages: bigint }[]>`SELECT gin_clean_pending_list('literature_record_search_idx'::regclass) AS pages`;
    expect(merged?.pages).toBe(0n);
  });

  it('reports skipped text and a truncated last record with their lines, and imports the good records', async () => {
    const damaged = await importFile('damaged.ris', ris([
      'TY  - JOUR', 'TI  - Good one', 'PY  - 2020', 'DO  - 10.1000/one', 'ER  - ', '',
      'garbage line here', 'more garbage', '',
      'TY  - JOUR', 'TI  - Good two', 'AB  - Some abstract', 'ER  - ', '',
      'TY  - JOUR', 'TI  - Cut off', 'AU  - Smith, J',
    ]));
    expect(damaged.last).toMatchObject({ state: 'ready', result: { recordsRead: 2, skipped: 2 } });
    expect(damaged.row?.report).toEqual({
      recordsRead: 2,
      withoutAbstract: 1,
      withoutDoi: 1,
      withoutYear: 1,
      skipped: [
        { line: 7, reason: 'Text outside any record: "garbage line here"' },
        { line: 15, reason: expect.stringMatching(/ends inside this record.*truncated/) },
      ],
    });
    const titles = await h.db.literatureRecord.findMany({ where: { importId: damaged.row!.id }, orderBy: { position: 'asc' }, select: { title: true } });
    expect(titles).toEqual([{ title: 'Good one' }, { title: 'Good two' }]);
  });

  it('ends a file in no known format in error at once, saying what to export instead', async () => {
    const unknown = await importFile('notes.txt', new TextEncoder().encode('Dear colleague,\nplease find the papers attached.\n'));
    expect(unknown.last).toMatchObject({ state: 'error', error: { code: 'unknown_format' } });
    expect(unknown.last.error?.message).toMatch(/notes\.txt.*RIS/);
    expect((await h.db.task.findUniqueOrThrow({ where: { id: unknown.id } })).attempts).toBe(1);
    expect(unknown.row).toBeNull();
  });

  it('imports an Excel sheet with the guessed columns and reports the unsure guesses with their confidence', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Export');
    sheet.addRow(['Title', 'Authors', 'Year', 'Source', 'DOI']);
    sheet.addRow(['Sleep and delirium', 'Doe J; Roe K', 2021, 'Crit Care', '10.1000/sleep']);
    sheet.addRow([null, null, null, null, null]);
    sheet.addRow(['Statins in sepsis', 'Lee A', 2019, 'Lancet', null]);
    const xlsx = await importFile('export.xlsx', new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(xlsx.last).toMatchObject({ state: 'ready', result: { format: 'xlsx', recordsRead: 2, unsureColumns: ['journal'] } });
    expect(xlsx.row?.report).toMatchObject({
      recordsRead: 2,
      withoutDoi: 1,
      columns: { headers: ['Title', 'Authors', 'Year', 'Source', 'DOI'], mapping: { title: 0, authors: 1, year: 2, journal: 3, doi: 4 }, confidence: { title: 1, journal: 0.7 }, unsure: ['journal'] },
    });
    const records = await h.db.literatureRecord.findMany({ where: { importId: xlsx.row!.id }, orderBy: { position: 'asc' } });
    expect(records.map((record) => [record.title, record.authors, record.year, record.journal])).toEqual([
      ['Sleep and delirium', ['Doe, J', 'Roe, K'], 2021, 'Crit Care'],
      ['Statins in sepsis', ['Lee, A'], 2019, 'Lancet'],
    ]);
  });

  it('fails a sheet with no title or abstract column with the columns it found', async () => {
    const csv = await importFile('ids.csv', new TextEncoder().encode('id,score\n1,2\n'));
    expect(csv.last).toMatchObject({ state: 'error', error: { code: 'no_title_column', message: expect.stringMatching(/columns: id, score/) } });
  });

  it('a retried import keeps the records of the failed attempt without duplicating them', async () => {
    const retried = await importFile('retry.ris', await readFixtureFile('dedup/embase.ris'), 'test-literature-import-fails-once');
    expect(retried.last.state).toBe('ready');
    expect((await h.db.task.findUniqueOrThrow({ where: { id: retried.id } })).attempts).toBe(2);
    expect(await h.db.literatureImport.count({ where: { taskId: retried.id } })).toBe(1);
    expect(await h.db.literatureRecord.count({ where: { importId: retried.row!.id } })).toBe(9);
  });

  it('an attempt that dies in the middle of saving leaves no records behind, and its retry saves each record once', async () => {
    const retried = await importFile('midway.ris', new TextEncoder().encode(makeRisExport(2500)), 'test-literature-import-fails-mid-copy');
    expect(retried.last.state).toBe('ready');
    expect((await h.db.task.findUniqueOrThrow({ where: { id: retried.id } })).attempts).toBe(2);
    // The first attempt had streamed 1,000 records when it died: the retry found none of them stored.
    expect(foundByRetry).toEqual([0]);
    const positions = await h.db.literatureRecord.findMany({ where: { importId: retried.row!.id }, select: { position: true }, orderBy: { position: 'asc' } });
    expect(positions.map((record) => record.position)).toEqual(Array.from({ length: 2500 }, (_, index) => index));
  });

  it("a re-import with the researcher's columns replaces the import's records and report, and a retry of it does not duplicate them", async () => {
    const csv = new TextEncoder().encode('Heading,Summary,Date\nSleep and delirium,Sleep helped.,2021-05-01\nStatins in sepsis,,2019\n');
    const first = await importFile('columns.csv', csv);
    expect(first.row?.report).toMatchObject({ recordsRead: 1, columns: { mapping: { abstract: 1, year: 2 }, unsure: ['title', 'year'] } });
    const { uploadId } = (await h.db.task.findUniqueOrThrow({ where: { id: first.id } })).input as { uploadId: string };
    const again = await h.tasks.create(owner, {
      kind: 'test-literature-import-fails-once',
      input: { projectId, uploadId, importId: first.row!.id, columns: { title: 0, abstract: 1, year: 2 } },
    });
    const last = (await h.waitFor(owner, again.id, h.finished, 60_000)).at(-1)!;
    expect(last).toMatchObject({ state: 'ready', result: { importId: first.row!.id, recordsRead: 2, unsureColumns: [] } });
    expect((await h.db.task.findUniqueOrThrow({ where: { id: again.id } })).attempts).toBe(2);
    const row = await h.db.literatureImport.findUniqueOrThrow({ where: { id: first.row!.id } });
    expect(row).toMatchObject({ taskId: first.id, report: { recordsRead: 2, skipped: [], columns: { mapping: { title: 0, abstract: 1, year: 2 }, chosen: true } } });
    const records = await h.db.literatureRecord.findMany({ where: { importId: row.id }, orderBy: { position: 'asc' } });
    expect(records.map((record) => [record.position, record.title, record.year])).toEqual([
      [0, 'Sleep and delirium', 2021],
      [1, 'Statins in sepsis', 2019],
    ]);
  });

  it('refuses a project or an upload of another owner before queueing anything', async () => {
    const upload = await h.upload(owner, 'mine.ris', ris(['TY  - JOUR', 'TI  - Mine', 'ER  - ']));
    await expect(h.tasks.create('mallory', { kind: 'literature-import', input: { projectId, uploadId: upload.id } })).rejects.toThrow(/project was not found/);
    const own = await createProject(h.db, 'mallory', { name: 'Theirs', question: '' });
    await expect(h.tasks.create('mallory', { kind: 'literature-import', input: { projectId: own.id, uploadId: upload.id } })).rejects.toThrow(/upload was not found/);
    expect(await h.db.task.count({ where: { ownerId: 'mallory' } })).toBe(0);
  });
});
