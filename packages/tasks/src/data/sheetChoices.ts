// The sheets a researcher can turn to when a spreadsheet task failed: the reader lists the
// workbook's sheets before it reads one, and a failed task keeps that list as its result, so a
// broken or hostile sheet never hides the others. Scoped to the task's owner.
import { z } from 'zod';
import type { Db } from '@sift/db';

const failedRead = z.object({
  sheets: z.array(z.object({ name: z.string(), hidden: z.boolean() })),
  failedSheet: z.string().optional(),
});

export type SheetChoices = z.infer<typeof failedRead> & {
  /** The upload the workbook came from: picking a sheet starts a new task on it. */
  uploadId: string;
};

/** Null when the task is not the owner's failed spreadsheet task or its sheets were never listed (a CSV, a damaged zip). */
export async function getSheetChoices(db: Db, ownerId: string, taskId: string): Promise<SheetChoices | null> {
  const task = await db.task.findFirst({ where: { id: taskId, ownerId, kind: 'spreadsheet', state: 'error' }, select: { input: true, result: true } });
  const read = failedRead.safeParse(task?.result);
  const input = z.object({ uploadId: z.string() }).safeParse(task?.input);
  return read.success && input.success ? { ...read.data, uploadId: input.data.uploadId } : null;
}
