// The process logger: JSON lines at the configured level, and the task's ids on every line
// logged while a job's work runs inside taskLogContext, however deep the call that logs.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { taskLogContext } from '@sift/tasks';
import { createLogger } from '../src/logger.ts';

function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { log: createLogger(level, sink), lines };
}

describe('logger', () => {
  it('writes JSON lines at the configured level only', () => {
    const { log, lines } = capture('warn');
    log.info('not at warn');
    log.warn({ queue: 'spreadsheet' }, 'backlog');
    expect(lines).toEqual([expect.objectContaining({ level: 40, msg: 'backlog', queue: 'spreadsheet', service: 'sift' })]);
  });

  it("adds the task's ids to every line logged inside its job, across awaits, and to no other line", async () => {
    const { log, lines } = capture('info');
    const deepInStorage = async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.info('chunk read');
    };
    await Promise.all([
      taskLogContext.run({ taskId: 'task-a', jobId: 'job-a', kind: 'spreadsheet', attempt: 1 }, deepInStorage),
      taskLogContext.run({ taskId: 'task-b', jobId: 'job-b', kind: 'literature-import', attempt: 2 }, deepInStorage),
    ]);
    log.info('between jobs');
    expect(lines.map(({ taskId, jobId, kind, attempt, msg }) => ({ taskId, jobId, kind, attempt, msg }))).toEqual([
      { taskId: 'task-a', jobId: 'job-a', kind: 'spreadsheet', attempt: 1, msg: 'chunk read' },
      { taskId: 'task-b', jobId: 'job-b', kind: 'literature-import', attempt: 2, msg: 'chunk read' },
      { taskId: undefined, jobId: undefined, kind: undefined, attempt: undefined, msg: 'between jobs' },
    ]);
  });
});
