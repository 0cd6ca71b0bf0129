// The clean data a spreadsheet task saves, and the reads the result view makes. Rows are
// written once, streamed in one bulk copy, as JSON arrays keyed by (task, row index); every later
// look is an indexed read, never a re-parse. Reads are scoped to the task's owner.
import { openBulkCopy, Prisma, type BulkCopy, type Db } from '@sift/db';
import type { CellNote, CellValue, ColumnProfile, ReadSummary } from '@sift/excel';
import type { PgCache } from '../cache.ts';
import { copyStatement, DATASET_ROW_COLUMNS } from './copyRows.ts';

const SORT_CACHE_SECONDS = 24 * 60 * 60;
/**
 * Text that is a number PostgreSQL's numeric holds: an exponent of up to 4 digits and up to
 * 1,000 characters (numeric keeps 131,072 digits before the point and 16,383 after it).
 */
const NUMERIC_TEXT = '^\\s*[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]{1,4})?\\s*$';
/** A number whose exponent has 5 digits or more ("1e999999"): beyond numeric, so it sorts as ±Infinity, or 0 when tiny. */
const HUGE_EXPONENT_TEXT = '^\\s*[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)[eE][-+]?[0-9]{5,}\\s*$';
const ZERO_OR_TINY_TEXT = '^\\s*[-+]?[0.]*[eE]|[eE]-';
const NEGATIVE_TEXT = '^\\s*-';
/** Elapsed time as the reader writes it ("36:00:00", "-01:30:00"; see @sift/excel's duration.ts), sorted by its seconds. */
const DURATION_TEXT = '^-?[0-9]{1,12}:[0-5][0-9]:[0-5][0-9]$';

export interface DatasetSummary {
  taskId: string;
  /** The upload the dataset was read from: reading another sheet starts a task on it. */
  uploadId: string;
  sheetName: string;
  sheets: ReadSummary['sheets'];
  columns: string[];
  rowCount: number;
  profile: ColumnProfile[];
  notes: CellNote[];
  noteCount: number;
}

export interface DatasetPageRequest {
  offset: number;
  limit: number;
  /** 0-based column to sort by; rows keep their file order otherwise and among equal values. */
  sort?: { column: number; direction: 'asc' | 'desc' } | undefined;
}

export interface DatasetPage {
  rows: CellValue[][];
  offset: number;
  rowCount: number;
}

export async function resetDataset(db: Db, taskId: string): Promise<void> {
  await db.dataset.deleteMany({ where: { taskId } });
}

export async function createDataset(db: Db, taskId: string, columns: string[]): Promise<void> {
  await db.dataset.create({ data: { taskId, sheetName: '', columns, rowCount: 0 } });
}

/** A bulk copy of a dataset's rows (laid out by datasetRows in copyRows.ts), committed as one: a failed attempt leaves none. */
export function copyDatasetRows(db: Db): Promise<BulkCopy> {
  return openBulkCopy(db, { copy: copyStatement('dataset_row', DATASET_ROW_COLUMNS) });
}

export async function finishDataset(db: Db, taskId: string, read: ReadSummary & { profile: ColumnProfile[] }): Promise<void> {
  await db.dataset.update({
    where: { taskId },
    data: {
      sheetName: read.sheetName,
      sheets: read.sheets as Prisma.InputJsonValue,
      rowCount: read.rowCount,
      profile: read.profile as unknown as Prisma.InputJsonValue,
      notes: read.notes as unknown as Prisma.InputJsonValue,
      noteCount: read.noteCount,
    },
  });
}

export async function getDatasetSummary(db: Db, ownerId: string, taskId: string): Promise<DatasetSummary | null> {
  const dataset = await db.dataset.findFirst({
    where: { taskId, task: { ownerId, state: 'ready', deletedAt: null } },
    include: { task: { select: { input: true } } },
  });
  if (!dataset) return null;
  return {
    taskId,
    uploadId: (dataset.task.input as { uploadId: string }).uploadId,
    sheetName: dataset.sheetName,
    sheets: dataset.sheets as DatasetSummary['sheets'],
    columns: dataset.columns as string[],
    rowCount: dataset.rowCount,
    profile: (dataset.profile ?? []) as unknown as ColumnProfile[],
    notes: dataset.notes as unknown as CellNote[],
    noteCount: dataset.noteCount,
  };
}

export async function getDatasetPage(
  { db, cache }: { db: Db; cache: PgCache },
  ownerId: string,
  taskId: string,
  request: DatasetPageRequest,
): Promise<DatasetPage | null> {
  const owned = await db.dataset.findFirst({ where: { taskId, task: { ownerId, state: 'ready', deletedAt: null } }, select: { rowCount: true } });
  if (!owned) return null;
  const { offset, limit, sort } = request;
  if (!sort) {
    const rows = await db.datasetRow.findMany({
      where: { taskId, index: { gte: offset, lt: offset + limit } },
      orderBy: { index: 'asc' },
      select: { values: true },
    });
    return { rows: rows.map((row) => row.values as CellValue[]), offset, rowCount: owned.rowCount };
  }
  // A ready dataset never changes, so its order by a column is computed once and cached; each
  // page is then a primary-key read of the rows at those positions.
  const order = await cache.getOrSet(`dataset-order:${taskId}:${sort.column}:${sort.direction}`, SORT_CACHE_SECONDS, () =>
    sortedRowIndexes(db, taskId, sort),
  );
  const wanted = order.slice(offset, offset + limit);
  const rows = await db.datasetRow.findMany({ where: { taskId, index: { in: wanted } }, select: { index: true, values: true } });
  const byIndex = new Map(rows.map((row) => [row.index, row.values as CellValue[]]));
  return { rows: wanted.map((index) => byIndex.get(index) ?? []), offset, rowCount: owned.rowCount };
}

/**
 * Row positions in sorted order. Numbers, and text that is a number (every CSV value is text),
 * sort numerically and before other text, and so do durations, by their seconds ("100:00:00"
 * after "36:00:00"); the rest sorts as text (ISO dates included); missing values go last either
 * way; ties keep file order.
 */
async function sortedRowIndexes(db: Db, taskId: string, sort: NonNullable<DatasetPageRequest['sort']>): Promise<number[]> {
  const direction = sort.direction === 'desc' ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const cell = Prisma.sql`("values"->${sort.column}::int)`;
  const text = Prisma.sql`(${cell} #>> '{}')`;
  const unsigned = Prisma.sql`ltrim(${text}, '-')`;
  const seconds = Prisma.sql`(split_part(${unsigned}, ':', 1)::numeric * 3600 + split_part(${unsigned}, ':', 2)::numeric * 60 + split_part(${unsigned}, ':', 3)::numeric)`;
  const rows = await db.$queryRaw<{ index: number }[]>`
    SELECT index FROM dataset_row WHERE task_id = ${taskId}::uuid
    ORDER BY coalesce(${cell} = 'null'::jsonb, true),
      CASE WHEN jsonb_typeof(${cell}) = 'number' THEN (${cell})::text::numeric
           WHEN length(${text}) <= 1000 AND ${text} ~ ${NUMERIC_TEXT} THEN ${text}::numeric
           WHEN ${text} ~ ${DURATION_TEXT} THEN CASE WHEN ${text} ~ ${NEGATIVE_TEXT} THEN -${seconds} ELSE ${seconds} END
           WHEN ${text} ~ ${HUGE_EXPONENT_TEXT} THEN
             CASE WHEN ${text} ~ ${ZERO_OR_TINY_TEXT} THEN 0::numeric WHEN ${text} ~ ${NEGATIVE_TEXT} THEN '-Infinity'::numeric ELSE 'Infinity'::numeric END
      END ${direction} NULLS LAST,
      ${text} ${direction}, index`;
  return rows.map((row) => row.index);
}

/** Every row in file order, read in index-range batches so a large dataset never sits whole in memory. */
export async function* streamDatasetRows(db: Db, taskId: string, batchRows = 2000): AsyncGenerator<CellValue[][]> {
  for (let start = 0; ; start += batchRows) {
    const batch = await db.datasetRow.findMany({
      where: { taskId, index: { gte: start, lt: start + batchRows } },
      orderBy: { index: 'asc' },
      select: { values: true },
    });
    if (!batch.length) return;
    yield batch.map((row) => row.values as CellValue[]);
  }
}
