// Text and numbers no procedure may answer with a 500: lone surrogates and U+0000 in names and
// criteria (PostgreSQL refuses them), offsets and columns past any table, and sorting a
// column holding a number no numeric type holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildXlsx, sheetXml } from '@sift/excel/fixtures';
import { startHarness, type Harness } from '@sift/tasks/testing';
import { callerFor as callerForOwner, codeOf } from './helpers.ts';

let h: Harness;
const carol = () => callerForOwner(h, 'carol');

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

describe('lone surrogates and U+0000 in what a researcher sends', () => {
  it('reads a sheet whose name holds a lone surrogate, picked by that name (as U+FFFD)', async () => {
    const rows = `<row r="1">${inline('A1', 'x')}</row><row r="2"><c r="A2"><v>1</v></c></row>`;
    const bytes = buildXlsx({ sheets: [{ name: 'First', xml: sheetXml(rows, 'A1:A2') }, { name: 'Odd&#xD800;', xml: sheetXml(rows, 'A1:A2') }] });
    const upload = await h.upload('carol', 'odd.xlsx', bytes);
    const task = await carol().createTask({ kind: 'spreadsheet', input: { uploadId: upload.id, sheet: 'Odd\uD800' } });
    const done = (await h.waitFor('carol', task.id, h.finished)).at(-1);
    expect(done).toMatchObject({ state: 'ready', result: { sheetName: 'Odd\uFFFD', rowCount: 1 } });
    expect((await carol().getDataset({ taskId: task.id })).sheets.map((sheet) => sheet.name)).toEqual(['First', 'Odd\uFFFD']);
  });

  it('saves criteria holding lone surrogates and U+0000, with U+FFFD in their place', async () => {
    const project = await carol().createProject({ name: 'Review\uD800', question: 'a\u0000' });
    expect(project).toMatchObject({ name: 'Review\uFFFD', question: 'a\uFFFD' });
    const saved = await carol().saveCriteria({
      projectId: project.id,
      criteria: {
        population: 'adults\uD800', intervention: 'x\u0000y', comparator: '', outcomes: '\uDC00', designs: [],
        include: ['a\uDBFF'], exclude: [], yearFrom: null, yearTo: null, languages: ['en\uD800'],
      },
    });
    expect(saved.criteria).toMatchObject({ population: 'adults\uFFFD', intervention: 'x\uFFFDy', outcomes: '\uFFFD', include: ['a\uFFFD'], languages: ['en\uFFFD'] });
  });
});

describe('paging and sorting past any table', () => {
  let taskId: string;
  beforeAll(async () => {
    const csv = 'id,value\na,5\nb,1e999999\nc,-1e999999\nd,1e-999999\ne,text\nf,12\n';
    const upload = await h.upload('carol', 'huge.csv', new TextEncoder().encode(csv));
    taskId = (await carol().createTask({ kind: 'spreadsheet', input: { uploadId: upload.id } })).id;
    await h.waitFor('carol', taskId, h.finished);
  });

  it('answers BAD_REQUEST for an offset or sort column of 2^31 or more', async () => {
    expect(await codeOf(carol().getDatasetRows({ taskId, offset: 2 ** 31 }))).toBe('BAD_REQUEST');
    expect(await codeOf(carol().getDatasetRows({ taskId, sort: { column: 2 ** 31, direction: 'asc' } }))).toBe('BAD_REQUEST');
    expect(await codeOf(carol().listRecords({ projectId: crypto.randomUUID(), offset: 2 ** 31 }))).toBe('BAD_REQUEST');
    expect((await carol().getDatasetRows({ taskId, offset: 1_000_000 })).rows).toEqual([]);
  });

  it('sorts numbers past numeric (1e999999) as the infinities they are, and 1e-999999 as 0', async () => {
    const sorted = await carol().getDatasetRows({ taskId, sort: { column: 1, direction: 'asc' } });
    expect(sorted.rows.map((row) => row[0])).toEqual(['c', 'd', 'a', 'f', 'b', 'e']);
  });

  it('sorts durations by their length, not their text', async () => {
    const csv = 'id,stay\na,36:00:00\nb,100:00:00\nc,-01:30:00\nd,9:05:00\ne,\n';
    const upload = await h.upload('carol', 'stays.csv', new TextEncoder().encode(csv));
    const stays = (await carol().createTask({ kind: 'spreadsheet', input: { uploadId: upload.id } })).id;
    await h.waitFor('carol', stays, h.finished);
    expect((await carol().getDataset({ taskId: stays })).profile[1]).toMatchObject({ type: 'duration', min: '-01:30:00', max: '100:00:00' });
    const ascending = await carol().getDatasetRows({ taskId: stays, sort: { column: 1, direction: 'asc' } });
    expect(ascending.rows.map((row) => row[0])).toEqual(['c', 'd', 'a', 'b', 'e']);
    const descending = await carol().getDatasetRows({ taskId: stays, sort: { column: 1, direction: 'desc' } });
    expect(descending.rows.map((row) => row[0])).toEqual(['b', 'a', 'd', 'c', 'e']);
  });
});
