// What the web app needs to know about this server before it sends anything.
import { publicProcedure, router } from '../trpc.ts';

export const settingsRouter = router({
  getSettings: publicProcedure.query(({ ctx }) => ({ uploadLimitBytes: ctx.uploadLimitBytes, trashDays: ctx.trashDays })),
});
