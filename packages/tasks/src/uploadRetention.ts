// How long uploaded bytes stay: an upload no task uses (never started, or its tasks deleted) and
// the chunks of an upload a crash cut off mid-stream (never completed) are orphans, deleted once
// older than the retention. An upload a task names stays as long as the task: "Try again", another
// sheet and re-mapping columns read it again. Deleted in batches so no statement holds many locks.
import type { Db } from '@sift/db';

const BATCH = 200;

/** Deletes orphan uploads (and their chunks, by cascade) created more than `olderThanMs` ago; returns how many. */
export async function deleteOrphanUploads(db: Db, olderThanMs: number): Promise<number> {
  const cutoff = new Date(Date.now() - olderThanMs);
  let removed = 0;
  for (;;) {
    const deleted = await db.$executeRaw`
      DELETE FROM upload WHERE id IN (
        SELECT u.id FROM upload u
        WHERE u.created_at < ${cutoff}
          AND (NOT u.complete OR NOT EXISTS (SELECT 1 FROM task t WHERE t.input->>'uploadId' = u.id::text))
        LIMIT ${BATCH})`;
    removed += deleted;
    if (deleted < BATCH) return removed;
  }
}

/** Bytes of every upload stored, the parts of unfinished ones included, for the global storage ceiling. */
export async function storedUploadBytes(db: Db): Promise<number> {
  const [row] = await db.$queryRaw<{ bytes: bigint | null }[]>`SELECT sum(size)::bigint AS bytes FROM upload`;
  return Number(row?.bytes ?? 0);
}
