// What the web app needs to know about this server before it sends anything.
import { publicProcedure, router } from '../trpc.ts';

export const settingsRouter = router({
  /** `mail`: whether this server sends mail (SIFT_SMTP_URL), so an owner may invite by email. */
  getSettings: publicProcedure.query(({ ctx }) => ({ uploadLimitBytes: ctx.uploadLimitBytes, trashDays: ctx.trashDays, mail: ctx.mail !== null })),
});
