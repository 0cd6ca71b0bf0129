// The operations procedures behind the admin check: off without a token (and saying how to turn
// it on), refused for a researcher, and for an admitted operator they act and record who did it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '@sift/tasks/testing';
import { OPS_MESSAGES } from '../src/index.ts';
import { callerFor, codeOf } from './helpers.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const operatorCaller = () => callerFor(h, 'not-an-owner', {}, { state: 'admitted', operator: { name: 'dana', address: '192.0.2.1' } });

describe('ops procedures', () => {
  it('are off when the server has no admin token, and say how to turn them on', async () => {
    const caller = callerFor(h, 'someone', {}, { state: 'off' });
    const error = await caller.ops.queues().catch((caught: Error) => caught);
    expect(await codeOf(caller.ops.queues())).toBe('FORBIDDEN');
    expect((error as Error).message).toBe(OPS_MESSAGES.off);
    expect(OPS_MESSAGES.off).toMatch(/set SIFT_ADMIN_TOKEN .* restart the server/);
  });

  it('refuse a researcher before reading the input', async () => {
    const researcher = callerFor(h, 'someone');
    expect(await codeOf(researcher.ops.session())).toBe('UNAUTHORIZED');
    expect(await codeOf(researcher.ops.clearCache({ prefix: '' }))).toBe('UNAUTHORIZED');
  });

  it('act for an admitted operator on any owner\'s task, with clear answers for bad requests, and audit who acted', async () => {
    const operator = operatorCaller();
    expect(await operator.ops.session()).toEqual({ operator: 'dana' });
    const upload = await h.upload('alice', 'ok.csv', new TextEncoder().encode('a\n1\n'));
    const task = await h.tasks.create('alice', { kind: 'spreadsheet', input: { uploadId: upload.id } });
    await h.waitFor('alice', task.id, h.finished);

    expect((await operator.ops.task({ id: task.id })).ownerId).toBe('alice');
    expect(await codeOf(operator.ops.task({ id: crypto.randomUUID() }))).toBe('NOT_FOUND');
    expect(await codeOf(operator.ops.retryTask({ id: task.id }))).toBe('BAD_REQUEST'); // it is ready, not failed
    expect(await codeOf(operator.ops.cancelTask({ id: task.id }))).toBe('BAD_REQUEST');
    expect(await codeOf(operator.ops.clearCache({ prefix: '' }))).toBe('BAD_REQUEST');
    expect(await codeOf(operator.ops.redrive({ queue: 'no-such-queue' }))).toBe('BAD_REQUEST');

    await h.cache.set('dataset-order:x', [1]);
    expect(await operator.ops.clearCache({ prefix: 'dataset-order:' })).toEqual({ removed: 1 });
    expect(await operator.ops.actions({ limit: 1 })).toMatchObject([{ operator: 'dana', address: '192.0.2.1', action: 'clear-cache', target: 'dataset-order:' }]);
  });
});
