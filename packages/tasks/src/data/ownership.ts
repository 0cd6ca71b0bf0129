// Whose work it is: moving everything one owner id holds (tasks, uploads, projects and their
// memberships, decisions) to another in the caller's transaction. Used when a person who worked
// without an account creates one or signs in: the browser's work becomes the account's, all of it
// or none.
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
  // Memberships follow; where the account is already a member too, it keeps its own row.
  await tx.$executeRaw`
    DELETE FROM project_member b USING project_member a
    WHERE b.member_id = ${fromOwnerId} AND a.member_id = ${toOwnerId} AND a.project_id = b.project_id`;
  await tx.projectMember.updateMany({ where: { memberId: fromOwnerId }, data: { memberId: toOwnerId } });
  const decisions = await tx.screeningReview.updateMany({ where: { reviewer: fromOwnerId }, data: { reviewer: toOwnerId } });
  return { tasks: tasks.count, uploads: uploads.count, projects: projects.count, decisions: decisions.count };
}
