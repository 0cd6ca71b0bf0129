// Dual independent screening (issue 18): the project's setting (owners), the resolution of two
// reviewers' disagreement with a note and its undo (owners), and how the reviewers agree (kappa,
// raw agreement, each one's progress; owners, as it would tell a blind reviewer about the other).
// The conflicts themselves are the review table's Conflict tab (screening.ts), read from the owners' side.
import { z } from 'zod';
import { nameActors } from '@sift/accounts';
import { storableText } from '@sift/excel';
import { resolveConflict, runAgreement, saveScreeningSettings, undoResolution } from '@sift/tasks';
import { publicProcedure, router } from '../trpc.ts';
import { requireRole } from './access.ts';
import { rerankIfDue } from './ranking.ts';
import { found } from './task.ts';

const projectId = z.uuid();
const run = { projectId, taskId: z.uuid() };

export const dualScreeningRouter = router({
  /**
   * One reviewer per record (the default) or two independent ones, and whether reviewers see the
   * screener's suggestion. Back to one reviewer is refused while reviewers disagree on a record.
   */
  setScreeningSettings: publicProcedure
    .input(z.object({ projectId, screeningMode: z.enum(['single', 'dual']).optional(), hideScreener: z.boolean().optional() }))
    .mutation(async ({ ctx, input }) => {
      await requireRole(ctx, input.projectId, 'owner');
      const { projectId: id, ...settings } = input;
      const saved = await saveScreeningSettings(ctx.db, id, settings);
      // The decisions in force may have changed (consensus instead of newest): the ranking relearns.
      await rerankIfDue(ctx, id);
      return saved;
    }),

  /** Settles a record the two reviewers disagree on: the owner's decision, with the note that says why, is in force until undone. */
  resolveConflict: publicProcedure
    .input(
      z.object({
        ...run,
        recordId: z.uuid(),
        decision: z.enum(['include', 'exclude']),
        note: z.string().trim().min(1, 'Say why in a note: the resolution is part of the audit trail.').max(1000).transform(storableText),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await requireRole(ctx, input.projectId, 'owner');
      const resolved = found(await resolveConflict(ctx.db, ctx.ownerId, input), 'Screened record');
      await rerankIfDue(ctx, input.projectId);
      return resolved;
    }),

  /** Takes the newest resolution of a record back: the reviewers' decisions (and their conflict) stand again. */
  undoResolution: publicProcedure.input(z.object({ ...run, recordId: z.uuid() })).mutation(async ({ ctx, input }) => {
    await requireRole(ctx, input.projectId, 'owner');
    const undone = found(await undoResolution(ctx.db, ctx.ownerId, input), 'Resolution to undo');
    await rerankIfDue(ctx, input.projectId);
    return undone;
  }),

  /** Per pair of reviewers, on the records both decided: raw agreement and Cohen's kappa; and each reviewer's progress, by name. */
  getAgreement: publicProcedure.input(z.object(run)).query(async ({ ctx, input }) => {
    await requireRole(ctx, input.projectId, 'owner');
    const agreement = found(await runAgreement(ctx.db, ctx.ownerId, input), 'Screening run');
    const names = await nameActors(ctx.db, agreement.progress.map((entry) => entry.reviewer), ctx.ownerId);
    return {
      total: agreement.total,
      progress: agreement.progress.map((entry) => ({ ...entry, name: names.get(entry.reviewer)! })),
      pairs: agreement.pairs.map((pair) => ({ ...pair, names: pair.reviewers.map((id) => names.get(id)!) as [string, string] })),
    };
  }),
});
