// Reads of a ready spreadsheet task's clean data (its summary and pages of rows), and of a failed
// one's sheets, so another can be picked. All read what tasks saved; nothing here parses a file.
import { z } from 'zod';
import { getDatasetPage, getDatasetSummary, getSheetChoices } from '@sift/tasks';
import { publicProcedure, router } from '../trpc.ts';
import { columnIndex, offset } from './paging.ts';
import { notFound } from './task.ts';

const taskId = z.uuid();

export const datasetRouter = router({
  getDataset: publicProcedure.input(z.object({ taskId })).query(async ({ ctx, input }) => {
    return (await getDatasetSummary(ctx.db, ctx.ownerId, input.taskId)) ?? Promise.reject(notFound('Dataset'));
  }),

  /** A failed read's workbook sheets, so another can be picked; none when it failed before listing them (or did not fail). */
  getSheetChoices: publicProcedure.input(z.object({ taskId })).query(async ({ ctx, input }) => {
    return (await getSheetChoices(ctx.db, ctx.ownerId, input.taskId)) ?? Promise.reject(notFound('Spreadsheet task'));
  }),

  getDatasetRows: publicProcedure
    .input(
      z.object({
        taskId,
        offset,
        limit: z.number().int().min(1).max(500).default(50),
        sort: z.object({ column: columnIndex, direction: z.enum(['asc', 'desc']) }).optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const { taskId: id, ...page } = input;
      return (await getDatasetPage(ctx, ctx.ownerId, id, page)) ?? Promise.reject(notFound('Dataset'));
    }),
});
