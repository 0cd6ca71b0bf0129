// Crash and redeploy recovery with real worker processes: `npm run worker`'s entry point, started
// as child processes against the test database, killed mid-task.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '@sift/tasks/testing';
import { killAll, startWorkerProcess, type WorkerProcess } from './workerProcess.ts';

let h: Harness;
const owner = 'recovery';
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  h = await startHarness({ workers: false }); // this process only creates and watches tasks
});
// Each test starts with no worker alive, so the one it starts is the one that takes its task.
afterEach(() => killAll(workers));
afterAll(() => h.stop());

function startWorker(): WorkerProcess {
  const worker = startWorkerProcess(h.url);
  workers.push(worker);
  return worker;
}

/** A CSV big enough that parsing and saving take several seconds. */
function bigCsv(rows: number): Uint8Array {
  const lines = ['id,arm,outcome,note'];
  for (let row = 0; row < rows; row++) lines.push(`${row},${row % 2 ? 'A' : 'B'},${row % 5},note ${row}`);
  return new TextEncoder().encode(lines.join('\n'));
}

async function startBigTask(rows: number) {
  const upload = await h.upload(owner, 'big.csv', bigCsv(rows));
  return h.tasks.create(owner, { kind: 'spreadsheet', input: { uploadId: upload.id } });
}

describe('recovery', () => {
  it('a worker killed mid-task (SIGKILL): a new worker finishes it, rows complete without duplicates, progress never goes back', async () => {
    const rows = 300_000;
    const task = await startBigTask(rows);
    const first = startWorker();
    const beforeKill = await h.waitFor(owner, task.id, (status) => status.processed > 20_000, 60_000);
    first.child.kill('SIGKILL');
    await first.exited;
    const killedAt = Date.now();
    startWorker();
    const afterKill = await h.waitFor(owner, task.id, h.finished, 90_000);
    const recoverySeconds = (Date.now() - killedAt) / 1000;
    console.log(`recovered from SIGKILL and finished in ${recoverySeconds.toFixed(1)} s (heartbeat 10 s + monitor 5 s + retry backoff)`);

    expect(afterKill.at(-1)).toMatchObject({ state: 'ready', result: { rowCount: rows } });
    expect(await h.db.datasetRow.count({ where: { taskId: task.id } })).toBe(rows);
    const seen = [...beforeKill, ...afterKill].map((status) => status.processed);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect((await h.db.task.findUniqueOrThrow({ where: { id: task.id } })).attempts).toBe(2);
  }, 150_000);

  it('a graceful redeploy (SIGTERM): the worker exits within its grace period, the task is released and finished by the next worker', async () => {
    const rows = 300_000;
    const task = await startBigTask(rows);
    const old = startWorker();
    await h.waitFor(owner, task.id, (status) => status.processed > 20_000, 60_000);
    const signalledAt = Date.now();
    old.child.kill('SIGTERM');
    expect(await old.exited).toBe(0);
    const exitSeconds = (Date.now() - signalledAt) / 1000;
    expect(exitSeconds).toBeLessThan(10);
    const released = await h.tasks.status(owner, task.id);
    expect(released?.state).toBe('queued'); // never left `running` with nobody working on it
    expect(released?.stage).toMatch(/waiting for a worker/);
    startWorker();
    const last = (await h.waitFor(owner, task.id, h.finished, 90_000)).at(-1);
    console.log(`SIGTERM: old worker exited in ${exitSeconds.toFixed(1)} s; task finished ${((Date.now() - signalledAt) / 1000).toFixed(1)} s after the signal`);
    expect(last).toMatchObject({ state: 'ready', result: { rowCount: rows } });
    expect(await h.db.datasetRow.count({ where: { taskId: task.id } })).toBe(rows);
  }, 150_000);
});
