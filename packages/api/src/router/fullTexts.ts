// Full texts: a project's PDFs, each read by a full-text task (page by page) and matched to the
// record it is; a paper left ambiguous or unmatched is settled by hand. Members read the list and
// the pages; reviewers (who retrieve the papers) attach and match them; access.ts checks both.
import { z } from 'zod';
import { fullTextPage, fullTextProject, listFullTexts, setFullTextRecord } from '@sift/tasks';
import { admitTaskStart, publicProcedure, router } from '../trpc.ts';
import { requireRole } from './access.ts';
import { notFound } from './task.ts';

const fullTextId = z.uuid();

export const fullTextsRouter = router({
  /** Reads an uploaded PDF as a full text of the project: a task to follow; its result names the record it matched. */
  attachFullText: publicProcedure.input(z.object({ projectId: z.uuid(), uploadId: z.uuid() })).mutation(async ({ ctx, input }) => {
    await requireRole(ctx, input.projectId, 'reviewer');
    await admitTaskStart(ctx);
    return ctx.tasks.create(ctx.ownerId, { kind: 'full-text', input });
  }),

  /** The project's full texts, newest first: pages, text layer, the record each is, or the records it could be. */
  listFullTexts: publicProcedure.input(z.object({ projectId: z.uuid() })).query(async ({ ctx, input }) => {
    await requireRole(ctx, input.projectId, 'viewer');
    return (await listFullTexts(ctx.db, ctx.ownerId, input.projectId)) ?? Promise.reject(notFound('Project'));
  }),

  /** The researcher says which record a paper is, or (null) that it is none of them. */
  setFullTextRecord: publicProcedure.input(z.object({ fullTextId, recordId: z.uuid().nullable() })).mutation(async ({ ctx, input }) => {
    await requireRole(ctx, await fullTextProject(ctx.db, input.fullTextId), 'reviewer');
    await setFullTextRecord(ctx.db, input.fullTextId, input.recordId);
    return { fullTextId: input.fullTextId, recordId: input.recordId };
  }),

  /** One page's text, for reading a paper beside its record. */
  getFullTextPage: publicProcedure.input(z.object({ fullTextId, page: z.number().int().min(1).max(100_000) })).query(async ({ ctx, input }) => {
    await requireRole(ctx, await fullTextProject(ctx.db, input.fullTextId), 'viewer');
    return (await fullTextPage(ctx.db, input.fullTextId, input.page)) ?? Promise.reject(notFound('Page'));
  }),
});
