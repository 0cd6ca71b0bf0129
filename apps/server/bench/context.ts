// What every bench section gets: the settings of the run, where to add its figures, and a client
// for the server under test that keeps one browser session (its cookie) across calls.
import type { Config } from '../src/config.ts';
import type { Services } from '../src/services.ts';
import { waitUntil } from './measure.ts';
import type { Figure } from './figures.ts';

export interface BenchContext {
  quick: boolean;
  runs: number;
  add: (figure: Omit<Figure, 'group'>) => void;
  step: (message: string) => void;
  api: ApiClient;
  services: Services;
  config: Config;
}

export type ApiClient = ReturnType<typeof createApiClient>;

export function createApiClient(base: string) {
  let cookie = '';
  async function call(pathname: string, init: RequestInit = {}) {
    const response = await fetch(base + pathname, { ...init, headers: { ...(init.headers as Record<string, string>), cookie } });
    cookie = response.headers.get('set-cookie')?.split(';')[0] ?? cookie;
    if (!response.ok) throw new Error(`${pathname}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { result: { data: { id: string; state: string } } } & { uploadId: string };
  }
  const statusOf = async (taskId: string) => (await call(`/trpc/getTaskStatus?input=${encodeURIComponent(JSON.stringify({ id: taskId }))}`)).result.data;

  return {
    base,
    call,
    statusOf,
    /** Fetches with this session's cookie, without reading the body. */
    fetch: (pathname: string) => fetch(base + pathname, { headers: { cookie } }),

    /** Upload → createTask → poll until ready, through the HTTP API; the three durations and the task id. */
    async uploadToReady(bytes: Uint8Array, fileName: string) {
      let started = performance.now();
      const { uploadId } = await call(`/api/uploads?name=${fileName}`, { method: 'PUT', body: bytes, headers: { 'content-type': 'application/octet-stream' } });
      const upload = performance.now() - started;
      started = performance.now();
      const created = await call('/trpc/createTask', { method: 'POST', body: JSON.stringify({ kind: 'spreadsheet', input: { uploadId } }), headers: { 'content-type': 'application/json' } });
      const create = performance.now() - started;
      const taskId = created.result.data.id;
      await waitUntil(`task ${taskId} to be ready`, async () => {
        const { state } = await statusOf(taskId);
        if (state !== 'ready' && state !== 'queued' && state !== 'running') throw new Error(`task ended ${state}`);
        return state === 'ready';
      }, 600_000);
      return { upload, create, ready: performance.now() - started, taskId };
    },
  };
}

export const megabytes = (bytes: Uint8Array) => `${(bytes.length / 1024 / 1024).toFixed(1)} MB`;
