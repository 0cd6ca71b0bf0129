// The clean data a spreadsheet task saves, and the reads the result view makes. Rows are
// written once, in batches, as JSON arrays keyed by (task, row index); every later look is a
// primary-key range read, never a re-parse. Reads are scoped to the task's owner.
import type { Db } from '@sift/db';
import type { CellValue } from '@sift/excel';

export interface DatasetSummary {
  taskId: string;
  sheetName: string;
  columns: string[];
  rowCount: number;
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

export async function insertRows(db: Db, taskId: string, firstIndex: number, rows: CellValue[][]): Promise<void> {
  // One statement per batch: the batch travels as a single JSON parameter and is unnested in SQL.
  await db.$executeRaw`
    INSERT INTO dataset_row (task_id, index, "values")
    SELECT ${taskId}::uuid, ${firstIndex}::int + (ord - 1)::int, elem
    FROM jsonb_array_elements(${JSON.stringify(rows)}::jsonb) WITH ORDINALITY AS t(elem, ord)`;
}

export async function finishDataset(db: Db, taskId: string, sheetName: string, rowCount: number): Promise<void> {
  await db.dataset.update({ where: { taskId }, data: { sheetName, rowCount } });
}

export async function getDatasetSummary(db: Db, ownerId: string, taskId: string): Promise<DatasetSummary | null> {
  const dataset = await db.dataset.findFirst({ where: { taskId, task: { ownerId, state: 'ready' } } });
  if (!dataset) return null;
  return { taskId, sheetName: dataset.sheetName, columns: dataset.columns as string[], rowCount: dataset.rowCount };
}

export async function getDatasetPage(db: Db, ownerId: string, taskId: string, offset: number, limit: number): Promise<DatasetPage | null> {
  const summary = await getDatasetSummary(db, ownerId, taskId);
  if (!summary) return null;
  const rows = await db.datasetRow.findMany({
    where: { taskId, index: { gte: offset, lt: offset + limit } },
    orderBy: { index: 'asc' },
    select: { values: true },
  });
  return { rows: rows.map((row) => row.values as CellValue[]), offset, rowCount: summary.rowCount };
}
