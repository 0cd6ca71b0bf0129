// The polling rules: when the app asks the server again, and when it stops asking.
import { describe, expect, it } from 'vitest';
import { taskStatusInterval } from '../src/hooks/useTaskStatus.ts';
import { listInterval } from '../src/spreadsheets/TaskList.tsx';
import type { TaskStatus } from '../src/trpc.ts';

function status(overrides: Partial<TaskStatus>): TaskStatus {
  return {
    id: '00000000-0000-4000-8000-000000000000',
    kind: 'spreadsheet',
    title: 'data.xlsx',
    state: 'running',
    stage: 'reading sheet',
    processed: 10,
    total: 100,
    percent: 10,
    createdAt: '2026-01-01T00:00:00.000Z',
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: null,
    elapsedMs: 1000,
    etaMs: 9000,
    error: null,
    result: null,
    ...overrides,
  };
}

describe('taskStatusInterval', () => {
  it('stops once the task can no longer change', () => {
    expect(taskStatusInterval(status({ state: 'ready' }))).toBe(false);
    expect(taskStatusInterval(status({ state: 'error' }))).toBe(false);
    expect(taskStatusInterval(status({ state: 'cancelled' }))).toBe(false);
  });

  it('polls fast while a task has just started, and backs off as it runs long', () => {
    expect(taskStatusInterval(status({ elapsedMs: 0 }))).toBe(500);
    expect(taskStatusInterval(status({ elapsedMs: 29_999 }))).toBe(500);
    expect(taskStatusInterval(status({ elapsedMs: 30_000 }))).toBe(2000);
    expect(taskStatusInterval(status({ elapsedMs: 5 * 60_000 }))).toBe(5000);
  });

  it('checks a queued task once a second, and keeps asking before the first answer', () => {
    expect(taskStatusInterval(status({ state: 'queued', elapsedMs: null }))).toBe(1000);
    expect(taskStatusInterval(undefined)).toBe(1000);
  });

  it('keeps retrying through an outage, but stops for a task that no longer exists', () => {
    expect(taskStatusInterval(status({}), { data: { code: 'SERVICE_UNAVAILABLE' } })).toBe(3000);
    expect(taskStatusInterval(undefined, { data: null })).toBe(3000);
    expect(taskStatusInterval(status({}), { data: { code: 'NOT_FOUND' } })).toBe(false);
  });
});

describe('listInterval', () => {
  it('polls while anything is queued or running, and not otherwise', () => {
    expect(listInterval([status({ state: 'ready' }), status({ state: 'queued' })])).toBe(3000);
    expect(listInterval([status({ state: 'ready' }), status({ state: 'error' })])).toBe(false);
    expect(listInterval([])).toBe(false);
    expect(listInterval(undefined)).toBe(false);
  });
});
