// Whose work it is: moving everything one owner id holds (tasks, uploads, projects, decisions) to
// another in the caller's transaction. Used when a person who worked without an account creates
// one or signs in: the browser's work becomes the account's, all of it or none.
import type { Prisma } from '@sift/db';

export interface TransferredWork {
  tasks: number;
  uploads: number;
  projects: number;
  decisions: number;
}

export async function transferWork(tx: Prisma.TransactionClient, fromOwnerId: string, toOwnerId: string): Promise<TransferredWork> {
  if (fromOwnerId === toOwnerId) return { tasks: 0, uploads: 0, projects: 0, decisions: 0 };
  const where = { ownerId: fromOwnerId };
  const data = { ownerId: toOwnerId };
  const tasks = await tx.task.updateMany({ where, data });
  const uploads = await tx.upload.updateMany({ where, data });
  const projects = await tx.project.updateMany({ where, data });
  const decisions = await tx.screeningReview.updateMany({ where: { reviewer: fromOwnerId }, data: { reviewer: toOwnerId } });
  return { tasks: tasks.count, uploads: uploads.count, projects: projects.count, decisions: decisions.count };
}
