// Task procedures: create one, read its status (one indexed read), list the owner's, cancel, retry.
// A task of a shared project is also readable by its members, and its owners may cancel or retry it.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { projectTask, roleAllows, taskKinds, type TaskKindName } from '@sift/tasks';
import { admitTaskStart, publicProcedure, router, type Context } from '../trpc.ts';

const [firstKind, ...otherKinds] = taskKinds.map((kind) => z.object({ kind: z.literal(kind.name), input: kind.input }));
const createTaskInput = z.discriminatedUnion('kind', [firstKind!, ...otherKinds]);
const taskId = z.object({ id: z.uuid() });
const taskKindName = z.enum(taskKinds.map((kind) => kind.name) as [TaskKindName, ...TaskKindName[]]);

export function notFound(what: string): TRPCError {
  return new TRPCError({ code: 'NOT_FOUND', message: `${what} not found. It may have been removed, or it is not yours to see.` });
}

/** The value a member-scoped read found, or NOT_FOUND naming `what` when it found none (null). */
export function found<T>(value: T | null, what: string): T {
  if (value === null) throw notFound(what);
  return value;
}

/** Who acts on a task not one's own: its starter's id, when the asker owns the task's project. */
async function starterForOwner(ctx: Context, id: string): Promise<string> {
  const shared = await projectTask(ctx.db, ctx.ownerId, id);
  if (!shared) throw notFound('Task');
  if (!roleAllows(shared.role, 'owner')) throw new TRPCError({ code: 'FORBIDDEN', message: "Only the project's owners can cancel or retry its tasks." });
  return shared.ownerId;
}

export const taskRouter = router({
  createTask: publicProcedure.input(createTaskInput).mutation(async ({ ctx, input }) => {
    await admitTaskStart(ctx);
    return ctx.tasks.create(ctx.ownerId, input);
  }),

  getTaskStatus: publicProcedure.input(taskId).query(async ({ ctx, input }) => {
    return (await ctx.tasks.status(ctx.ownerId, input.id)) ?? (await projectTask(ctx.db, ctx.ownerId, input.id))?.status ?? Promise.reject(notFound('Task'));
  }),

  listTasks: publicProcedure
    .input(z.object({ limit: z.number().int().min(1).max(200).default(50), kind: taskKindName.optional() }).default({ limit: 50 }))
    .query(({ ctx, input }) => ctx.tasks.list(ctx.ownerId, input)),

  cancelTask: publicProcedure.input(taskId).mutation(async ({ ctx, input }) => {
    return (await ctx.tasks.cancel(ctx.ownerId, input.id)) ?? (await ctx.tasks.cancel(await starterForOwner(ctx, input.id), input.id)) ?? Promise.reject(notFound('Task'));
  }),

  /** Runs a failed or cancelled task again (e.g. after the cause of a failure was fixed). */
  retryTask: publicProcedure.input(taskId).mutation(async ({ ctx, input }) => {
    await admitTaskStart(ctx);
    return (await ctx.tasks.retry(ctx.ownerId, input.id)) ?? (await ctx.tasks.retry(await starterForOwner(ctx, input.id), input.id)) ?? Promise.reject(notFound('Task'));
  }),
});
