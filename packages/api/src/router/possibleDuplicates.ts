// The researcher's review of de-duplication's grey zone: the possible duplicates of a project, and
// "Merge" / "Keep apart" on one pair, each undoable. A merge, and undoing one, start a
// literature-dedup task (returned, so the page can follow it); a keep-apart holds at once.
// Members read the list; owners decide and undo (access.ts). Not a member: NOT_FOUND.
import { z } from 'zod';
import { decidePossibleDuplicate, listPossibleDuplicates, projectOf, undoPairDecision } from '@sift/tasks';
import { publicProcedure, router } from '../trpc.ts';
import { requireRole } from './access.ts';
import { offset } from './paging.ts';
import { notFound } from './task.ts';

const pair = z
  .tuple([z.uuid(), z.uuid()])
  .refine(([a, b]) => a !== b, { message: 'A possible duplicate is two different records: give the ids of both.' });

export const possibleDuplicatesRouter = router({
  listPossibleDuplicates: publicProcedure
    .input(z.object({ projectId: z.uuid(), offset, limit: z.number().int().min(1).max(100).default(20) }))
    .query(async ({ ctx, input }) => {
      return (await listPossibleDuplicates(ctx.db, ctx.ownerId, input)) ?? Promise.reject(notFound('Project'));
    }),

  /** "Merge" (one group from the next de-duplication on) or "Keep apart" (dismissed); replaces an earlier verdict on the pair. */
  decidePossibleDuplicate: publicProcedure
    .input(z.object({ recordIds: pair, verdict: z.enum(['merge', 'keep_apart']) }))
    .mutation(async ({ ctx, input }) => {
      await requireRole(ctx, await projectOf(ctx.db, { recordId: input.recordIds[0] }), 'owner');
      const decided = await decidePossibleDuplicate(ctx.db, ctx.ownerId, input.recordIds, input.verdict);
      if (!decided) throw notFound('Possible duplicate');
      const dedup = input.verdict === 'merge' ? await ctx.tasks.create(ctx.ownerId, { kind: 'literature-dedup', input: { projectId: decided.projectId } }) : null;
      return { verdict: input.verdict, dedup };
    }),

  /** Takes back a verdict: the pair is listed as undecided again (after a merge, once de-duplication has run). */
  undoPairDecision: publicProcedure.input(z.object({ recordIds: pair })).mutation(async ({ ctx, input }) => {
    await requireRole(ctx, await projectOf(ctx.db, { recordId: input.recordIds[0] }), 'owner');
    const undone = await undoPairDecision(ctx.db, ctx.ownerId, input.recordIds);
    if (!undone) throw notFound('Decision on this pair');
    const dedup = undone.verdict === 'merge' ? await ctx.tasks.create(ctx.ownerId, { kind: 'literature-dedup', input: { projectId: undone.projectId } }) : null;
    return { undone: undone.verdict, dedup };
  }),
});
