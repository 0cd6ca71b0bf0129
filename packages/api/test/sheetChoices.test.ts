// A workbook whose first sheet cannot be read: the failed task still offers the workbook's other
// sheets (getSheetChoices), only to its owner, and reading one of them works.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildXlsx, sheetXml } from '@sift/excel/fixtures';
import { startHarness, type Harness } from '@sift/tasks/testing';
import { callerFor, codeOf } from './helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
/** A first sheet with a DOCTYPE (refused as built to attack readers), a good second one and a hidden third. */
const workbook = buildXlsx({
  sheets: [
    { name: 'Cover', xml: sheetXml(`<row r="1">${inline('A1', '&x;')}</row>`).replace('?>', '?><!DOCTYPE x [<!ENTITY x "boom">]>') },
    { name: 'Data', xml: sheetXml(`<row r="1">${inline('A1', 'id')}${inline('B1', 'arm')}</row><row r="2"><c r="A2"><v>1</v></c>${inline('B2', 'placebo')}</row>`) },
    { name: 'Lookup', state: 'hidden', xml: sheetXml(`<row r="1">${inline('A1', 'code')}</row>`) },
  ],
});

describe('a failed first sheet does not hide the others', () => {
  it('offers the sheets of the failed read, and another sheet reads as a new task', async () => {
    const alice = callerFor(h, 'alice');
    const upload = await h.upload('alice', 'trial.xlsx', workbook);
    const failed = await alice.createTask({ kind: 'spreadsheet', input: { uploadId: upload.id } });
    await h.waitFor('alice', failed.id, h.finished);
    expect(await alice.getTaskStatus({ id: failed.id })).toMatchObject({ state: 'error', error: { code: 'corrupt', message: expect.stringMatching(/DOCTYPE/) } });

    expect(await alice.getSheetChoices({ taskId: failed.id })).toEqual({
      uploadId: upload.id,
      failedSheet: 'Cover',
      sheets: [
        { name: 'Cover', hidden: false },
        { name: 'Data', hidden: false },
        { name: 'Lookup', hidden: true },
      ],
    });
    expect(await codeOf(callerFor(h, 'mallory').getSheetChoices({ taskId: failed.id }))).toBe('NOT_FOUND');

    const data = await alice.createTask({ kind: 'spreadsheet', input: { uploadId: upload.id, sheet: 'Data' } });
    await h.waitFor('alice', data.id, h.finished);
    expect(await alice.getTaskStatus({ id: data.id })).toMatchObject({ state: 'ready', result: { sheetName: 'Data', rowCount: 1, columnCount: 2 } });
    expect((await alice.getDatasetRows({ taskId: data.id })).rows).toEqual([[1, 'placebo']]);
    // A ready task, and a failed file that is no workbook, have no sheets to offer here.
    expect(await alice.getSheetChoices({ taskId: data.id })).toEqual({ uploadId: upload.id, sheets: [] });
    const csv = await h.upload('alice', 'empty.csv', new Uint8Array());
    const csvTask = await alice.createTask({ kind: 'spreadsheet', input: { uploadId: csv.id } });
    await h.waitFor('alice', csvTask.id, h.finished);
    expect(await alice.getSheetChoices({ taskId: csvTask.id })).toEqual({ uploadId: csv.id, sheets: [] });
  });

  it('a picked sheet that fails still names the sheets, with the one that failed', async () => {
    const bob = callerFor(h, 'bob');
    const upload = await h.upload('bob', 'trial.xlsx', workbook);
    const task = await bob.createTask({ kind: 'spreadsheet', input: { uploadId: upload.id, sheet: 'Cover' } });
    await h.waitFor('bob', task.id, h.finished);
    expect(await bob.getSheetChoices({ taskId: task.id })).toMatchObject({ failedSheet: 'Cover', sheets: expect.arrayContaining([{ name: 'Data', hidden: false }]) });
  });
});
