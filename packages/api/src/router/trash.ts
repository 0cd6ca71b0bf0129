// Delete with a way back: a spreadsheet card (its starter) or a project (its owners) moves to the
// trash, hidden at once; the trash lists what each person may restore and when it will be purged.
import { z } from 'zod';
import { listTrash, restoreFromTrash, trashProject, trashTask } from '@sift/tasks';
import { publicProcedure, router } from '../trpc.ts';
import { requireRole } from './access.ts';
import { notFound } from './task.ts';

export const trashRouter = router({
  deleteTask: publicProcedure.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    if (!(await trashTask(ctx.db, ctx.ownerId, input.id))) throw notFound('Task');
    return { trashDays: ctx.trashDays };
  }),

  /** The whole project, for every member: its files, records, duplicates, criteria, runs and decisions. */
  deleteProject: publicProcedure.input(z.object({ projectId: z.uuid() })).mutation(async ({ ctx, input }) => {
    await requireRole(ctx, input.projectId, 'owner');
    await trashProject(ctx.db, input.projectId);
    return { trashDays: ctx.trashDays };
  }),

  listTrash: publicProcedure.query(({ ctx }) => listTrash(ctx.db, ctx.ownerId, ctx.trashDays)),

  restoreFromTrash: publicProcedure.input(z.object({ kind: z.enum(['task', 'project']), id: z.uuid() })).mutation(async ({ ctx, input }) => {
    if (!(await restoreFromTrash(ctx.db, ctx.ownerId, input))) throw notFound(input.kind === 'task' ? 'Deleted file' : 'Deleted project');
    return { restored: true };
  }),
});
