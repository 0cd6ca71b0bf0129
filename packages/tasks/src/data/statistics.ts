// Planner statistics refreshed right after a bulk change (an import, a de-duplication run):
// until autovacuum gets round to it, the planner believes a table holds the handful of rows it
// last saw (it expected 100 of a project's 20,000 records) and plans every page for that.
import type { Db } from '@sift/db';

/** Tables a task rewrites in bulk; names are fixed here, never taken from input. */
export type BulkTable = 'literature_record' | 'duplicate_group' | 'duplicate_group_member' | 'possible_duplicate' | 'related_record';

/**
 * ANALYZE needs the table's owner (the role that ran the migrations); without it the statistics
 * are left to autovacuum and the task still succeeds.
 */
export async function analyzeTables(db: Db, tables: readonly BulkTable[], log: (message: string, fields?: Record<string, unknown>) => void): Promise<void> {
  try {
    await db.$executeRawUnsafe(`ANALYZE ${tables.join(', ')}`);
  } catch (error) {
    log('table statistics left to autovacuum', { tables, error: error instanceof Error ? error.message : String(error) });
  }
}
