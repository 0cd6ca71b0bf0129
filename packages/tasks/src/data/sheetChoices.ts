// The sheets a researcher can turn to when a spreadsheet task failed: the reader lists the
// workbook's sheets before it reads one, and a failed task keeps that list as its result, so a
// broken or hostile sheet never hides the others. Scoped to the task's owner.
import { z } from 'zod';
import type { Db } from '@sift/db';

const failedRead = z.object({
  sheets: z.array(z.object({ name: z.string(), hidden: z.boolean() })),
  failedSheet: z.string().optional(),
});
const spreadsheetInput = z.object({ uploadId: z.string() });

export type SheetChoices = z.infer<typeof failedRead> & {
  /** The upload the workbook came from: picking a sheet starts a new task on it. */
  uploadId: string;
};

/**
 * Null when the task is not one of the owner's spreadsheet tasks. Its sheets are empty unless it
 * failed after listing them (a ready task shows its list with its dataset; a CSV has none).
 */
export async function getSheetChoices(db: Db, ownerId: string, taskId: string): Promise<SheetChoices | null> {
  const task = await db.task.findFirst({ where: { id: taskId, ownerId, kind: 'spreadsheet' }, select: { state: true, input: true, result: true } });
  if (!task) return null;
  const { uploadId } = spreadsheetInput.parse(task.input);
  const read = task.state === 'error' ? failedRead.safeParse(task.result) : undefined;
  return read?.success ? { ...read.data, uploadId } : { sheets: [], uploadId };
}
