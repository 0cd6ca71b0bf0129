import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '@sift/tasks/testing';
import { callerFor as callerForOwner, codeOf } from './helpers.ts';

let h: Harness;
const callerFor = (ownerId: string) => callerForOwner(h, ownerId, { uploadLimitBytes: 1024 });

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const csv = new TextEncoder().encode('name,age\nAda,36\nGrace,45\n');

describe('tRPC router', () => {
  it('creates a spreadsheet task from an upload and serves its status, dataset and rows', async () => {
    const alice = callerFor('alice');
    const upload = await h.upload('alice', 'people.csv', csv);
    const created = await alice.createTask({ kind: 'spreadsheet', input: { uploadId: upload.id } });
    expect(created).toMatchObject({ state: 'queued', title: 'people.csv', kind: 'spreadsheet' });
    await h.waitFor('alice', created.id, h.finished);
    const status = await alice.getTaskStatus({ id: created.id });
    expect(status).toMatchObject({ state: 'ready', percent: 100, result: { rowCount: 2, columnCount: 2, sheetName: 'people' } });
    expect(await alice.getDataset({ taskId: created.id })).toMatchObject({
      taskId: created.id,
      uploadId: upload.id,
      sheetName: 'people',
      sheets: [{ name: 'people', hidden: false }],
      columns: ['name', 'age'],
      rowCount: 2,
      profile: [
        { name: 'name', type: 'text', missing: 0, distinct: 2 },
        { name: 'age', type: 'integer', min: 36, max: 45 },
      ],
      noteCount: 0,
    });
    expect(await alice.getDatasetRows({ taskId: created.id, offset: 1, limit: 10 })).toEqual({ rows: [['Grace', '45']], offset: 1, rowCount: 2 });
    const byAgeDescending = await alice.getDatasetRows({ taskId: created.id, sort: { column: 1, direction: 'desc' } });
    expect(byAgeDescending.rows).toEqual([['Grace', '45'], ['Ada', '36']]);
    expect((await alice.listTasks()).map((task) => task.id)).toContain(created.id);
    expect((await alice.listTasks({ kind: 'spreadsheet' })).map((task) => task.id)).toContain(created.id);
    expect((await alice.listTasks({ kind: 'literature-import' })).map((task) => task.id)).not.toContain(created.id);
  });

  it("answers NOT_FOUND for everything about another owner's task", async () => {
    const upload = await h.upload('alice', 'mine.csv', csv);
    const task = await callerFor('alice').createTask({ kind: 'spreadsheet', input: { uploadId: upload.id } });
    await h.waitFor('alice', task.id, h.finished);
    const mallory = callerFor('mallory');
    expect(await codeOf(mallory.getTaskStatus({ id: task.id }))).toBe('NOT_FOUND');
    expect(await codeOf(mallory.cancelTask({ id: task.id }))).toBe('NOT_FOUND');
    expect(await codeOf(mallory.getDataset({ taskId: task.id }))).toBe('NOT_FOUND');
    expect(await codeOf(mallory.getDatasetRows({ taskId: task.id }))).toBe('NOT_FOUND');
    expect((await mallory.listTasks()).map((listed) => listed.id)).not.toContain(task.id);
    // Nor can Mallory start a task on Alice's upload.
    expect(await codeOf(mallory.createTask({ kind: 'spreadsheet', input: { uploadId: upload.id } }))).toBe('BAD_REQUEST');
  });

  it('rejects malformed input before any work is queued', async () => {
    const bob = callerFor('bob');
    expect(await codeOf(bob.getTaskStatus({ id: 'not-a-uuid' }))).toBe('BAD_REQUEST');
    expect(await codeOf(bob.createTask({ kind: 'spreadsheet', input: { uploadId: crypto.randomUUID() } }))).toBe('BAD_REQUEST');
    // @ts-expect-error an unknown kind is a type error for typed clients, and a BAD_REQUEST for others
    expect(await codeOf(bob.createTask({ kind: 'nope', input: {} }))).toBe('BAD_REQUEST');
    expect(await bob.listTasks()).toEqual([]);
  });

  it('refuses task starts over the rate limit with TOO_MANY_REQUESTS and a wait time', async () => {
    const limited = callerForOwner(h, 'dave', { takeTaskStart: async () => 42 });
    const error = await limited.createTask({ kind: 'spreadsheet', input: { uploadId: crypto.randomUUID() } }).catch((caught: unknown) => caught);
    expect((error as TRPCError).code).toBe('TOO_MANY_REQUESTS');
    expect((error as TRPCError).message).toContain('Wait 42 s');
  });

  it('runs a failed task again on request, and refuses to rerun one that succeeded', async () => {
    const erin = callerFor('erin');
    const upload = await h.upload('erin', 'empty.csv', new Uint8Array());
    const task = await erin.createTask({ kind: 'spreadsheet', input: { uploadId: upload.id } });
    expect((await h.waitFor('erin', task.id, h.finished)).at(-1)).toMatchObject({ state: 'error', error: { code: 'empty' } });
    const retried = await erin.retryTask({ id: task.id });
    expect(retried).toMatchObject({ state: 'queued', error: null, processed: 0 });
    expect((await h.waitFor('erin', task.id, h.finished)).at(-1)?.state).toBe('error');
    expect((await h.db.task.findUniqueOrThrow({ where: { id: task.id } })).attempts).toBe(2);

    const good = await erin.createTask({ kind: 'spreadsheet', input: { uploadId: (await h.upload('erin', 'ok.csv', csv)).id } });
    await h.waitFor('erin', good.id, h.finished);
    expect(await codeOf(erin.retryTask({ id: good.id }))).toBe('BAD_REQUEST');
  });

  it('reports the upload limit the web app must respect', async () => {
    expect(await callerFor('carol').getSettings()).toEqual({ uploadLimitBytes: 1024, trashDays: 30, mail: false });
  });
});

describe('database outage', () => {
  it('answers SERVICE_UNAVAILABLE at once, with a message that says to wait, when Postgres is unreachable', async () => {
    const { createPrismaClient } = await import('@sift/db');
    const unreachable = createPrismaClient('postgresql://postgres:sift@127.0.0.1:1/sift');
    const caller = callerForOwner(h, 'alice', { db: unreachable });
    const started = Date.now();
    const error = await caller.getDataset({ taskId: crypto.randomUUID() }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('SERVICE_UNAVAILABLE');
    expect((error as TRPCError).message).toMatch(/cannot reach its database/);
    expect(Date.now() - started).toBeLessThan(5000);
    await unreachable.$disconnect();
  });

  it('answers SERVICE_UNAVAILABLE, saying nothing changed, when every database connection stays busy', async () => {
    const { createPrismaClient } = await import('@sift/db');
    const oneConnection = createPrismaClient(h.url, { max: 1, acquireTimeoutMs: 300 });
    let release = () => {};
    let held = () => {};
    const holding = new Promise<void>((resolve) => (held = resolve));
    const holder = oneConnection.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1`;
      held();
      await new Promise<void>((done) => (release = done));
    });
    await holding;
    const error = await callerForOwner(h, 'alice', { db: oneConnection }).getDataset({ taskId: crypto.randomUUID() }).catch((caught: unknown) => caught);
    release();
    await holder;
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('SERVICE_UNAVAILABLE');
    expect((error as TRPCError).message).toMatch(/too busy.*nothing was changed.*Try again/);
    await oneConnection.$disconnect();
  });
});
