// Several Sift processes on one database, as real child processes: they start together on a
// fresh database, and they share the work without running any job twice.
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '@sift/db/testing';
import { startHarness } from '@sift/tasks/testing';
import { startWorkerProcess, type WorkerProcess } from './workerProcess.ts';

const workers: WorkerProcess[] = [];

function startWorker(databaseUrl: string): WorkerProcess {
  const worker = startWorkerProcess(databaseUrl, { SIFT_WORKER_CONCURRENCY: '2' });
  workers.push(worker);
  return worker;
}

describe('several processes on one database', () => {
  it('two processes starting at once on a fresh database both come up (migrations, pg-boss schema, queues)', async () => {
    const database = await createTestDatabase({ empty: true });
    try {
      const first = startWorker(database.url);
      const second = startWorker(database.url);
      await Promise.all([first.ready, second.ready]);
    } finally {
      await stopWorkers();
      await database.drop();
    }
  }, 90_000);

  it('two worker processes share the tasks and run each exactly once', async () => {
    const h = await startHarness({ workers: false });
    try {
      const workers = [startWorker(h.url), startWorker(h.url)];
      await Promise.all(workers.map((worker) => worker.ready));
      const ids: string[] = [];
      for (let i = 0; i < 12; i++) {
        const rows = ['n'];
        for (let row = 0; row < 20_000; row++) rows.push(String(row * i));
        const upload = await h.upload('owner', `file-${i}.csv`, new TextEncoder().encode(rows.join('\n')));
        ids.push((await h.tasks.create('owner', { kind: 'spreadsheet', input: { uploadId: upload.id } })).id);
      }
      for (const id of ids) expect((await h.waitFor('owner', id, h.finished, 90_000)).at(-1)?.state).toBe('ready');
      const tasks = await h.db.task.findMany({ where: { id: { in: ids } } });
      expect(tasks.map((task) => task.attempts)).toEqual(ids.map(() => 1));
      for (const id of ids) expect(await h.db.datasetRow.count({ where: { taskId: id } })).toBe(20_000);
      const jobs = await h.boss.findJobs('spreadsheet');
      expect(jobs.filter((job) => job.state === 'completed')).toHaveLength(12);
    } finally {
      await stopWorkers();
      await h.stop();
    }
  }, 180_000);
});

/** Stops this test's workers (gracefully) before its database goes away. */
async function stopWorkers() {
  await Promise.all(
    workers.splice(0).map(({ child, exited }) => {
      if (child.exitCode !== null || child.signalCode !== null) return undefined;
      child.kill('SIGTERM');
      return exited;
    }),
  );
}
