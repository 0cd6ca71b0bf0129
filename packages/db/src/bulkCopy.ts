// Bulk writes at Postgres speed: rows streamed into one table with COPY ... FROM STDIN, on a raw
// connection taken from the Prisma client's own pool, inside one transaction. Nothing is visible
// (or left behind by a crash) until commit, so a failed attempt leaves no partial rows. Writes
// resolve as soon as the stream has room, so the caller keeps producing while Postgres ingests.
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { poolOf, type Db } from './client.ts';

export interface Statement {
  text: string;
  values?: unknown[];
}

export interface CopyTarget {
  /** The COPY statement, e.g. `COPY dataset_row (task_id, index, "values") FROM STDIN`. */
  copy: string;
  /** Run in the same transaction before the copy. */
  before?: Statement[];
  /** Run in the same transaction after the copy, before commit. */
  after?: Statement[];
}

export interface BulkCopy {
  /** Queues rows in COPY text format; resolves once the stream has room for more (back-pressure). */
  write(chunk: Uint8Array | string): Promise<void>;
  /** Ends the copy, runs `after` and commits; resolves with the number of rows copied. */
  commit(): Promise<number>;
  /** Gives the copy up: the connection is closed, so Postgres rolls everything back. Safe to call twice. */
  abort(): void;
}

/** Bytes buffered before `write` waits: a few batches in flight, not a whole file. (4 MB) */
const HIGH_WATER_MARK = 4 * 1024 * 1024;

export async function openBulkCopy(db: Db, target: CopyTarget): Promise<BulkCopy> {
  const client = await poolOf(db).connect();
  // Kept so a failure between writes surfaces at the next write or at commit, never unhandled.
  let failure: unknown = null;
  let stream: ReturnType<typeof copyFrom> | null = null;
  // pg-pool hears a client's errors only while it is idle: a checked-out one whose server goes away
  // (a restart) emits 'error' to its holder, and with nobody listening that ends the process.
  const onConnectionError = (error: Error) => {
    failure ??= error;
    stream?.destroy(error);
  };
  client.on('error', onConnectionError);
  let open = true;
  const release = (error?: Error) => {
    if (!open) return;
    open = false;
    client.off('error', onConnectionError);
    client.release(error ?? false);
  };
  try {
    await client.query('BEGIN');
    for (const statement of target.before ?? []) await client.query(statement.text, statement.values);
  } catch (error) {
    release(error as Error);
    throw error;
  }
  const copying = client.query(copyFrom(target.copy, { highWaterMark: HIGH_WATER_MARK }));
  stream = copying;
  copying.on('error', (error) => (failure ??= error));
  return {
    async write(chunk) {
      if (failure) throw failure;
      if (!copying.write(chunk)) await once(copying, 'drain');
    },
    async commit() {
      try {
        copying.end();
        await finished(copying);
        if (failure) throw failure;
        for (const statement of target.after ?? []) await client.query(statement.text, statement.values);
        await client.query('COMMIT');
        release();
        return copying.rowCount;
      } catch (error) {
        release(error as Error);
        throw error;
      }
    },
    abort() {
      if (!open) return;
      copying.destroy();
      // Releasing with an error closes the connection: the server rolls the transaction back.
      release(new Error('bulk copy aborted'));
    },
  };
}
