// `npm run worker`'s entry point as a real child process against a test database, with its
// structured log lines kept so a test can see what each process did.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const workerEntry = fileURLToPath(new URL('../src/worker.ts', import.meta.url));

export interface WorkerProcess {
  child: ChildProcess;
  /** Resolves once the process prints that it runs; rejects if it exits first. */
  ready: Promise<void>;
  exited: Promise<number | null>;
  /** The JSON log lines the process printed so far. */
  logLines(): Record<string, unknown>[];
}

export function startWorkerProcess(databaseUrl: string, env: Record<string, string> = {}): WorkerProcess {
  const child = spawn(process.execPath, [workerEntry], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', SIFT_SHUTDOWN_GRACE_SECONDS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', () => {
      if (output.includes('Sift worker running')) resolve();
    });
    void exited.then((code) => reject(new Error(`worker exited with ${code} before it was ready:\n${output}`)));
  });
  ready.catch(() => {}); // a test that never awaits `ready` must not see an unhandled rejection
  return {
    child,
    ready,
    exited,
    logLines: () =>
      output.split('\n').flatMap((line) => {
        if (!line.startsWith('{')) return [];
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return []; // a line cut by SIGKILL
        }
      }),
  };
}

/** Kills every process that is still alive and waits for them to exit. */
export async function killAll(workers: WorkerProcess[]): Promise<void> {
  const alive = workers.splice(0).filter(({ child }) => child.exitCode === null && child.signalCode === null);
  await Promise.all(alive.map(({ child, exited }) => (child.kill('SIGKILL'), exited)));
}
