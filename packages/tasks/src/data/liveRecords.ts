// Which records are in their project: those of imports not in the trash. Every read of a
// project's records (table, duplicates, screening, counts, PRISMA, exports, ranking) filters
// through here, so a deleted import's records leave the project at once and come back untouched,
// decisions and all, on restore.
import { Prisma } from '@sift/db';

/** The Prisma filter for a record whose import is not in the trash. */
export const liveRecord = { import: { deletedAt: null } } satisfies Prisma.LiteratureRecordWhereInput;

/** literature_record without the records of deleted imports, for a FROM or JOIN. */
export const liveRecords = Prisma.sql`(SELECT lr.* FROM literature_record lr JOIN literature_import li ON li.id = lr.import_id WHERE li.deleted_at IS NULL)`;

/**
 * True unless the record id (an SQL expression, e.g. `s.record_id`) is one of a deleted import.
 * Asked as "not hidden" rather than "live", so it costs nothing while no import is in the trash.
 */
export function isLive(recordId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`NOT EXISTS (
    SELECT 1 FROM literature_record hr JOIN literature_import hi ON hi.id = hr.import_id WHERE hr.id = ${recordId} AND hi.deleted_at IS NOT NULL)`;
}
