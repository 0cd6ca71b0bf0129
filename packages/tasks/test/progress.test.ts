import { describe, expect, it } from 'vitest';
import { createProgressReporter, type ProgressUpdate } from '../src/progress.ts';

describe('createProgressReporter', () => {
  it('writes at most once per interval however often a tight loop reports, and flushes the last value', async () => {
    const writes: ProgressUpdate[] = [];
    const reporter = createProgressReporter(async (update) => void writes.push(update), { intervalMs: 100 });
    const started = Date.now();
    let done = 0;
    while (Date.now() - started < 350) reporter.report(++done, 1_000_000_000, 'reading sheet');
    await reporter.flush();
    // ~350 ms at one write per 100 ms: the first immediate write, about three more, and the flush.
    expect(done).toBeGreaterThan(1000);
    expect(writes.length).toBeGreaterThanOrEqual(3);
    expect(writes.length).toBeLessThanOrEqual(6);
    expect(writes.at(-1)).toEqual({ done, total: 1_000_000_000, stage: 'reading sheet' });
  });

  it('writes a stage change at once and keeps writes in order', async () => {
    const writes: string[] = [];
    const reporter = createProgressReporter(
      async (update) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        writes.push(`${update.stage}:${update.done}`);
      },
      { intervalMs: 10_000 },
    );
    reporter.report(1, 10, 'loading file');
    reporter.report(2, 10, 'reading sheet');
    reporter.report(3, 10, 'reading sheet');
    reporter.report(10, 10, 'saving');
    await reporter.flush();
    expect(writes).toEqual(['loading file:1', 'reading sheet:2', 'saving:10']);
  });

  it('never reports a total below the count done', async () => {
    const writes: ProgressUpdate[] = [];
    const reporter = createProgressReporter(async (update) => void writes.push(update));
    reporter.report(50, 40, 'reading sheet');
    await reporter.flush();
    expect(writes).toEqual([{ done: 50, total: 50, stage: 'reading sheet' }]);
  });

  it('does not write the same progress twice', async () => {
    const writes: ProgressUpdate[] = [];
    const reporter = createProgressReporter(async (update) => void writes.push(update), { intervalMs: 0 });
    reporter.report(5, 10, 'saving');
    await reporter.flush();
    reporter.report(5, 10, 'saving');
    await reporter.flush();
    reporter.report(6, 10, 'saving');
    await reporter.flush();
    expect(writes).toEqual([{ done: 5, total: 10, stage: 'saving' }, { done: 6, total: 10, stage: 'saving' }]);
  });
});
