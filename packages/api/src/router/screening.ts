// Screening procedures: the project's versioned criteria, starting a screening task (a batched
// task over the de-duplicated records), the review table with the researcher's own decisions
// and their audit trail, and the PRISMA 2020 flow of a run. Members read; reviewers decide; owners
// write criteria and start runs (access.ts); a project one is not a member of is NOT_FOUND.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { nameActors } from '@sift/accounts';
import { storableText } from '@sift/excel';
import { checkPrismaCounts, criteriaSchema, describeCriteria, renderPrismaSvg, studyDesignLabels, studyDesigns } from '@sift/screening';
import {
  latestCriteria, listCriteriaVersions, listScreenedRecords, listScreeningRuns, listUnscreenedRecords, prismaCounts, reviewHistory,
  reviewRecord, saveCriteria, undoReview,
} from '@sift/tasks';
import { admitTaskStart, publicProcedure, router } from '../trpc.ts';
import { requireRole } from './access.ts';
import { offset } from './paging.ts';
import { rerankIfDue } from './ranking.ts';
import { found } from './task.ts';

const projectId = z.uuid();
const run = { projectId, taskId: z.uuid() };

export const screeningRouter = router({
  /**
   * The current criteria (null before the first save), every version, the runs, the study designs
   * a criteria form offers, and which screeners this server offers.
   */
  getScreening: publicProcedure.input(z.object({ projectId })).query(async ({ ctx, input }) => {
    await requireRole(ctx, input.projectId, 'viewer');
    const [criteria, versions, runs] = await Promise.all([
      latestCriteria(ctx.db, input.projectId),
      listCriteriaVersions(ctx.db, input.projectId),
      listScreeningRuns(ctx.db, ctx.ownerId, input.projectId),
    ]);
    const designs = studyDesigns.map((value) => ({ value, label: studyDesignLabels[value] }));
    return { criteria, versions, runs, designs, llm: ctx.llm };
  }),

  /** Saves the criteria as a new version (unchanged criteria keep theirs); earlier runs keep their own version. */
  saveCriteria: publicProcedure.input(z.object({ projectId, criteria: criteriaSchema })).mutation(async ({ ctx, input }) => {
    await requireRole(ctx, input.projectId, 'owner');
    return saveCriteria(ctx.db, input.projectId, input.criteria);
  }),

  /**
   * What criteria (saved or not) will match before a run: per field and statement, its concepts,
   * their terms with the synonyms Sift adds marked, and what a match does. Pure: reads no data.
   */
  previewCriteria: publicProcedure.input(z.object({ criteria: criteriaSchema })).query(({ input }) => describeCriteria(input.criteria)),

  /** Screens the project's de-duplicated records against its current criteria. */
  startScreening: publicProcedure
    .input(z.object({ projectId, screener: z.enum(['builtin', 'llm']).default('builtin'), batchSize: z.number().int().min(10).max(5000).optional() }))
    .mutation(async ({ ctx, input }) => {
      await requireRole(ctx, input.projectId, 'owner');
      const criteria = await latestCriteria(ctx.db, input.projectId);
      if (!criteria) throw new TRPCError({ code: 'BAD_REQUEST', message: 'Write and save the screening criteria first.' });
      await admitTaskStart(ctx);
      const { projectId: id, screener, batchSize } = input;
      return ctx.tasks.create(ctx.ownerId, { kind: 'screening', input: { projectId: id, criteriaId: criteria.id, screener, ...(batchSize && { batchSize }) } });
    }),

  listScreenedRecords: publicProcedure
    .input(
      z.object({
        ...run,
        offset,
        limit: z.number().int().min(1).max(200).default(50),
        decision: z.enum(['include', 'exclude', 'uncertain', 'conflict', 'reviewed', 'undecided', 'sample', 'queue', 'awaiting', 'disagreement']).optional(),
        search: z.string().max(200).optional(),
        sort: z.enum(['title', 'year', 'confidence', 'decision', 'relevance']).optional(),
        direction: z.enum(['asc', 'desc']).default('asc'),
      }),
    )
    .query(async ({ ctx, input }) => {
      const page = found(await listScreenedRecords(ctx.db, ctx.ownerId, input), 'Screening run');
      // Owners in dual screening see each reviewer's decision, by name.
      const names = await nameActors(ctx.db, page.records.flatMap((record) => (record.votes ?? []).map((vote) => vote.reviewer)), ctx.ownerId);
      const records = page.records.map((record) => ({ ...record, votes: record.votes?.map((vote) => ({ ...vote, name: names.get(vote.reviewer)! })) ?? null }));
      return { ...page, records };
    }),

  /** The records a failed or cancelled run has not screened yet: what "Try again" will screen. */
  listUnscreenedRecords: publicProcedure
    .input(z.object({ ...run, limit: z.number().int().min(1).max(200).default(50) }))
    .query(async ({ ctx, input }) => found(await listUnscreenedRecords(ctx.db, ctx.ownerId, input), 'Screening run')),

  /**
   * The researcher's own decision on a record; it overrides the screener's and is kept with who,
   * when, before and after. In dual screening it is one of the two independent decisions.
   */
  reviewRecord: publicProcedure
    .input(z.object({ ...run, recordId: z.uuid(), decision: z.enum(['include', 'exclude', 'uncertain']), note: z.string().trim().max(1000).transform(storableText).optional() }))
    .mutation(async ({ ctx, input }) => {
      await requireRole(ctx, input.projectId, 'reviewer');
      const review = found(await reviewRecord(ctx.db, ctx.ownerId, input), 'Screened record');
      // Every few decisions the ranking learns again, in the background.
      await rerankIfDue(ctx, input.projectId);
      return review;
    }),

  /**
   * Undoes the researcher's newest decision on a record: it stays in the audit trail, marked
   * undone, and the decision before it is in force again. NOT_FOUND when there is nothing to undo.
   */
  undoReview: publicProcedure
    .input(z.object({ ...run, recordId: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      await requireRole(ctx, input.projectId, 'reviewer');
      const undone = found(await undoReview(ctx.db, ctx.ownerId, input), 'Decision to undo');
      await rerankIfDue(ctx, input.projectId);
      return undone;
    }),

  /** The audit trail of a record, each decision naming who made it (a display name, never a session id). */
  getReviewHistory: publicProcedure.input(z.object({ projectId, recordId: z.uuid() })).query(async ({ ctx, input }) => {
    const entries = found(await reviewHistory(ctx.db, ctx.ownerId, input.projectId, input.recordId), 'Project');
    const names = await nameActors(ctx.db, entries.map((entry) => entry.reviewer), ctx.ownerId);
    return entries.map(({ reviewer, ...entry }) => ({ ...entry, reviewerName: names.get(reviewer)! }));
  }),

  /** The PRISMA 2020 flow of a run: its counts (from the same queries as the table), any inconsistency, and the diagram as SVG. */
  getPrismaFlow: publicProcedure.input(z.object(run)).query(async ({ ctx, input }) => {
    const counts = found(await prismaCounts(ctx.db, ctx.ownerId, input.projectId, input.taskId), 'Screening run');
    return { counts, problems: checkPrismaCounts(counts), svg: renderPrismaSvg(counts) };
  }),
});
