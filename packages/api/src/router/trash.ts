// Delete with a way back: a spreadsheet card (its starter), one import of a project or a whole
// project (its owners) moves to the trash, hidden at once; the trash lists what each person may
// restore and when it will be purged.
import { z } from 'zod';
import { describeImportDeletion, listTrash, projectOf, restoreFromTrash, trashImport, trashProject, trashTask } from '@sift/tasks';
import { publicProcedure, router, type Context } from '../trpc.ts';
import { requireRole } from './access.ts';
import { notFound } from './task.ts';

const importId = z.uuid();

/** The import's project, once the asker is one of its owners (imports are the owners' to manage). */
async function ownedImport(ctx: Context, id: string): Promise<string> {
  const projectId = await projectOf(ctx.db, { importId: id });
  await requireRole(ctx, projectId, 'owner');
  return projectId!;
}

/** Finds the project's duplicates again after its records changed, as an import does when it is read. */
const findDuplicatesAgain = (ctx: Context, projectId: string) => ctx.tasks.create(ctx.ownerId, { kind: 'literature-dedup', input: { projectId } });

export const trashRouter = router({
  deleteTask: publicProcedure.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    if (!(await trashTask(ctx.db, ctx.ownerId, input.id))) throw notFound('Task');
    return { trashDays: ctx.trashDays };
  }),

  /** What deleting an import takes with it, for the confirmation: its records and the decisions made on them. */
  describeImportDeletion: publicProcedure.input(z.object({ importId })).query(async ({ ctx, input }) => {
    const deletion = await describeImportDeletion(ctx.db, await ownedImport(ctx, input.importId), input.importId);
    return deletion ?? Promise.reject(notFound('Import'));
  }),

  /**
   * One imported file of a project, for every member: its records leave the records table,
   * duplicates, screening, PRISMA and exports, and de-duplication runs again (the task returned).
   */
  deleteImport: publicProcedure.input(z.object({ importId })).mutation(async ({ ctx, input }) => {
    const projectId = await ownedImport(ctx, input.importId);
    if (!(await trashImport(ctx.db, projectId, input.importId))) throw notFound('Import');
    return { trashDays: ctx.trashDays, dedup: await findDuplicatesAgain(ctx, projectId) };
  }),

  /** The whole project, for every member: its files, records, duplicates, criteria, runs and decisions. */
  deleteProject: publicProcedure.input(z.object({ projectId: z.uuid() })).mutation(async ({ ctx, input }) => {
    await requireRole(ctx, input.projectId, 'owner');
    await trashProject(ctx.db, input.projectId);
    return { trashDays: ctx.trashDays };
  }),

  listTrash: publicProcedure.query(({ ctx }) => listTrash(ctx.db, ctx.ownerId, ctx.trashDays)),

  restoreFromTrash: publicProcedure.input(z.object({ kind: z.enum(['task', 'import', 'project']), id: z.uuid() })).mutation(async ({ ctx, input }) => {
    const restored = await restoreFromTrash(ctx.db, ctx.ownerId, input);
    if (!restored) throw notFound({ task: 'Deleted file', import: 'Deleted import', project: 'Deleted project' }[input.kind]);
    if (restored.rededup) await findDuplicatesAgain(ctx, restored.rededup);
    return { restored: true };
  }),
});
