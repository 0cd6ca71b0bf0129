// The LLM as a second opinion on a built-in screening run: where it stands (what it would ask
// about, what it answered, the conflicts it raised) and starting it, a background task like any
// other. Members read it; owners start it (it spends the LLM's budget). Not a member: NOT_FOUND.
import { z } from 'zod';
import { secondOpinionStatus } from '@sift/tasks';
import { admitTaskStart, publicProcedure, router, type Context } from '../trpc.ts';
import { requireRole } from './access.ts';
import { notFound } from './task.ts';

const run = z.object({ projectId: z.uuid(), taskId: z.uuid() });

async function status(ctx: Context, input: z.infer<typeof run>) {
  const view = await secondOpinionStatus(ctx.db, ctx.ownerId, input);
  if (!view) throw notFound('Screening run');
  // The models that would answer; null when no LLM screener is configured on this server.
  return { ...view, llm: ctx.llm };
}

export const secondOpinionRouter = router({
  /** The records still to ask about, the answers so far and the conflicts they raised, the newest second-opinion task. */
  getSecondOpinion: publicProcedure.input(run).query(({ ctx, input }) => status(ctx, input)),

  /** Asks the LLM about the run's uncertain and low-ranked records, in the background; their answers that disagree become conflicts. */
  startSecondOpinion: publicProcedure.input(run).mutation(async ({ ctx, input }) => {
    await requireRole(ctx, input.projectId, 'owner');
    await status(ctx, input);
    await admitTaskStart(ctx);
    // The task refuses (BAD_REQUEST, saying how to configure one) when no LLM screener is configured, or the run is not a finished built-in one.
    return ctx.tasks.create(ctx.ownerId, { kind: 'screening-second-opinion', input: { projectId: input.projectId, runId: input.taskId } });
  }),
});
