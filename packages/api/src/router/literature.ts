// Literature review procedures: projects, importing export files into them (a literature-import
// task per file), de-duplication (a literature-dedup task, started once the imports are done),
// and paged reads of records and duplicate groups. Members read; owners import, de-duplicate and
// split (access.ts); a project one is not a member of is NOT_FOUND.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { storableText } from '@sift/excel';
import {
  columnMappingSchema, createProject, findImportSource, findSameFileImport, getProject, listDuplicateGroups, listImports, listProjects, listRecords,
  projectOf, splitDuplicateGroup, undoSplit, type TaskStatus,
} from '@sift/tasks';
import { admitTaskStart, publicProcedure, router, type Context } from '../trpc.ts';
import { requireRole } from './access.ts';
import { offset } from './paging.ts';
import { notFound } from './task.ts';

const projectId = z.uuid();
const page = { offset, limit: z.number().int().min(1).max(200).default(50) };

/**
 * Starts a task on a project the asker owns, under the same per-person rate limit as createTask;
 * bad input (an upload that is not theirs) is BAD_REQUEST, through the router's error mapping.
 * `startFor`: whose task it is (a re-read runs for the person who imported the file).
 */
async function startTask(
  ctx: Context,
  id: string,
  request: { kind: 'literature-import' | 'literature-dedup'; input: Record<string, unknown> },
  startFor = ctx.ownerId,
): Promise<TaskStatus> {
  await requireRole(ctx, id, 'owner');
  await admitTaskStart(ctx);
  return ctx.tasks.create(startFor, request);
}

export const literatureRouter = router({
  createProject: publicProcedure
    .input(z.object({ name: z.string().trim().min(1).max(200).transform(storableText), question: z.string().trim().max(2000).default('').transform(storableText) }))
    .mutation(({ ctx, input }) => createProject(ctx.db, ctx.ownerId, input)),

  listProjects: publicProcedure.query(({ ctx }) => listProjects(ctx.db, ctx.ownerId)),

  getProject: publicProcedure.input(z.object({ projectId })).query(async ({ ctx, input }) => {
    return (await getProject(ctx.db, ctx.ownerId, input.projectId)) ?? Promise.reject(notFound('Project'));
  }),

  /**
   * Imports an uploaded export into the project. A file with the same bytes as one already imported
   * is refused (CONFLICT, naming the earlier import) unless `again` says the researcher means it:
   * its records would be counted twice among those identified.
   */
  importLiterature: publicProcedure.input(z.object({ projectId, uploadId: z.uuid(), again: z.boolean().default(false) })).mutation(async ({ ctx, input }) => {
    const { again, ...task } = input;
    await requireRole(ctx, input.projectId, 'owner');
    const earlier = again ? null : await findSameFileImport(ctx.db, input.projectId, input.uploadId);
    if (earlier) {
      const when = earlier.importedAt.slice(0, 10);
      throw new TRPCError({
        code: 'CONFLICT',
        message: `This file has the same content as “${earlier.fileName}”, imported into this project on ${when}. Importing it again would count its records twice.`,
      });
    }
    return startTask(ctx, input.projectId, { kind: 'literature-import', input: task });
  }),

  /**
   * Reads a CSV, TSV or Excel import's file again with the researcher's columns (field => 0-based
   * column of its header): a new literature-import task that replaces the import's records and
   * report, then finds the project's duplicates again.
   */
  remapImportColumns: publicProcedure.input(z.object({ importId: z.uuid(), columns: columnMappingSchema })).mutation(async ({ ctx, input }) => {
    await requireRole(ctx, await projectOf(ctx.db, { importId: input.importId }), 'owner');
    const source = await findImportSource(ctx.db, ctx.ownerId, input.importId);
    if (!source) throw notFound('Import');
    // The re-read runs for whoever imported the file (it reads their upload); every owner of the project follows it.
    const { importedBy, ...read } = source;
    return startTask(ctx, source.projectId, { kind: 'literature-import', input: { ...read, importId: input.importId, columns: input.columns } }, importedBy);
  }),

  /** Finds the project's duplicates afresh (call once its imports are ready); split groups stay split. */
  startDedup: publicProcedure.input(z.object({ projectId })).mutation(({ ctx, input }) => {
    return startTask(ctx, input.projectId, { kind: 'literature-dedup', input });
  }),

  listImports: publicProcedure.input(z.object({ projectId })).query(async ({ ctx, input }) => {
    return (await listImports(ctx.db, ctx.ownerId, input.projectId)) ?? Promise.reject(notFound('Project'));
  }),

  listRecords: publicProcedure
    .input(
      z.object({
        projectId,
        ...page,
        search: z.string().max(200).optional(),
        importId: z.uuid().optional(),
        sort: z.enum(['title', 'year', 'journal', 'firstAuthor']).optional(),
        direction: z.enum(['asc', 'desc']).default('asc'),
      }),
    )
    .query(async ({ ctx, input }) => {
      return (await listRecords(ctx.db, ctx.ownerId, input)) ?? Promise.reject(notFound('Project'));
    }),

  listDuplicateGroups: publicProcedure.input(z.object({ projectId, ...page })).query(async ({ ctx, input }) => {
    return (await listDuplicateGroups(ctx.db, ctx.ownerId, input)) ?? Promise.reject(notFound('Project'));
  }),

  /** Takes records out of a duplicate group; they are kept apart from its other records from now on. */
  splitDuplicateGroup: publicProcedure
    .input(z.object({ groupId: z.uuid(), recordIds: z.array(z.uuid()).min(1).max(1000) }))
    .mutation(async ({ ctx, input }) => {
      const projectId = (await projectOf(ctx.db, { groupId: input.groupId })) ?? (await projectOf(ctx.db, { recordId: input.recordIds[0]! }));
      await requireRole(ctx, projectId, 'owner');
      const split = await splitDuplicateGroup(ctx.db, ctx.ownerId, input.groupId, input.recordIds);
      if (!split) throw notFound('Duplicate group');
      return { groups: split.groups, splitId: split.splitId };
    }),

  /**
   * Undoes a split: its keep-apart pairs go and de-duplication runs again, so the records may be
   * grouped as before. Returns the de-duplication task to follow.
   */
  undoSplit: publicProcedure.input(z.object({ splitId: z.uuid() })).mutation(async ({ ctx, input }) => {
    await requireRole(ctx, await projectOf(ctx.db, { splitId: input.splitId }), 'owner');
    const undone = await undoSplit(ctx.db, ctx.ownerId, input.splitId);
    if (!undone) throw notFound('Split');
    return ctx.tasks.create(ctx.ownerId, { kind: 'literature-dedup', input: { projectId: undone.projectId } });
  }),
});
