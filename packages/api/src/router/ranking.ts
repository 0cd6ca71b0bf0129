// What to read next and when to stop: the relevance ranking of a project's records (learnt from
// the researcher's decisions, retrained every few decisions or on request) and a run's stopping
// rule (start the test, screen its random sample, apply the rule or undo it). Members read;
// reviewers re-rank and start the test; owners apply or undo the rule (access.ts).
import { z } from 'zod';
import { applyStoppingRule, rankingSummary, RERANK_EVERY, startStoppingTest, stoppingStatus, undoStoppingRule } from '@sift/tasks';
import { admitTaskStart, publicProcedure, router, type Context } from '../trpc.ts';
import { requireRole } from './access.ts';
import { found } from './task.ts';

const projectId = z.uuid();
const run = z.object({ projectId, taskId: z.uuid() });

/**
 * Starts a ranking when the researcher has made RERANK_EVERY decisions since the last one (or on
 * request), unless one is already waiting or running. Returns the ranking's state.
 */
export async function rerankIfDue(ctx: Context, id: string, options: { now?: boolean } = {}) {
  const summary = found(await rankingSummary(ctx.db, ctx.ownerId, id), 'Project');
  const due = options.now || summary.rankedAt === null || summary.labelsNow - summary.labels >= RERANK_EVERY;
  if (summary.running || !due) return summary;
  const task = await ctx.tasks.create(ctx.ownerId, { kind: 'screening-rank', input: { projectId: id } });
  return { ...summary, running: task };
}

export const rankingRouter = router({
  /** When the ranking last learnt, from how many decisions, how many there are now, and a ranking in progress. */
  getRanking: publicProcedure.input(z.object({ projectId })).query(async ({ ctx, input }) => found(await rankingSummary(ctx.db, ctx.ownerId, input.projectId), 'Project')),

  /** Learns from every decision now, instead of waiting for the next few. */
  rerank: publicProcedure.input(z.object({ projectId })).mutation(async ({ ctx, input }) => {
    await requireRole(ctx, input.projectId, 'reviewer');
    await admitTaskStart(ctx);
    return rerankIfDue(ctx, input.projectId, { now: true });
  }),

  /** The run's stopping test: decisions, includes, the random sample so far, the test and how many more records it needs. */
  getStopping: publicProcedure.input(run).query(async ({ ctx, input }) => found(await stoppingStatus(ctx.db, ctx.ownerId, input), 'Screening run')),

  /** Starts the test from the decisions made so far (in ranked order) and draws its random sample. */
  startStoppingTest: publicProcedure
    .input(run.extend({ recallTarget: z.number().min(0.5).max(0.99).default(0.95), confidence: z.number().min(0.5).max(0.99).default(0.95) }))
    .mutation(async ({ ctx, input }) => {
      await requireRole(ctx, input.projectId, 'reviewer');
      return found(await startStoppingTest(ctx.db, ctx.ownerId, input), 'Screening run');
    }),

  /** Excludes the records nobody read, once the test has passed; PRISMA and the exports carry the recall claim. */
  applyStoppingRule: publicProcedure.input(run).mutation(async ({ ctx, input }) => {
    await requireRole(ctx, input.projectId, 'owner');
    return found(await applyStoppingRule(ctx.db, ctx.ownerId, input), 'Screening run');
  }),

  /** Takes the rule back: those records wait for a decision again. */
  undoStoppingRule: publicProcedure.input(run).mutation(async ({ ctx, input }) => {
    await requireRole(ctx, input.projectId, 'owner');
    return found(await undoStoppingRule(ctx.db, ctx.ownerId, input), 'Screening run');
  }),
});
