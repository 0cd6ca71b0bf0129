// The operations page's procedures: queues, live processes, failed and dead-lettered tasks, the
// cache, the audit log, and the operator's actions. Each one needs the admin token; a
// researcher's session gets UNAUTHORIZED however it asks.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { emailSchema, findAccountByEmail, issueReset, RESET_HOURS } from '@sift/accounts';
import { mailLink } from '../mailLinks.ts';
import { adminProcedure, router } from '../trpc.ts';

const taskId = z.object({ id: z.uuid() });
const queueName = z.string().trim().min(1).max(200);

const noSuchTask = () => new TRPCError({ code: 'NOT_FOUND', message: 'No task has that id. It may have been removed.' });

export const opsRouter = router({
  /** Who the server admitted: lets the page check a stored token before showing anything. */
  session: adminProcedure.query(({ ctx }) => ({ operator: ctx.operator.name })),

  queues: adminProcedure.query(({ ctx }) => ctx.operations.queues()),

  processes: adminProcedure.query(({ ctx }) => ctx.operations.processes()),

  failedTasks: adminProcedure
    .input(z.object({ kind: queueName.optional(), limit: z.number().int().min(1).max(200).default(50) }).default({ limit: 50 }))
    .query(({ ctx, input }) => ctx.operations.failedTasks(input)),

  task: adminProcedure.input(taskId).query(async ({ ctx, input }) => (await ctx.operations.task(input.id)) ?? Promise.reject(noSuchTask())),

  retryTask: adminProcedure
    .input(taskId)
    .mutation(async ({ ctx, input }) => (await ctx.operations.retryTask(ctx.operator, input.id)) ?? Promise.reject(noSuchTask())),

  cancelTask: adminProcedure
    .input(taskId)
    .mutation(async ({ ctx, input }) => (await ctx.operations.cancelTask(ctx.operator, input.id)) ?? Promise.reject(noSuchTask())),

  redrive: adminProcedure.input(z.object({ queue: queueName })).mutation(({ ctx, input }) => ctx.operations.redrive(ctx.operator, input.queue)),

  cache: adminProcedure.query(({ ctx }) => ctx.operations.cache()),

  clearCache: adminProcedure
    .input(z.object({ prefix: z.string().min(1, 'Name the key prefix to clear, e.g. "dataset-order:".').max(200) }))
    .mutation(({ ctx, input }) => ctx.operations.clearCachePrefix(ctx.operator, input.prefix)),

  /**
   * A one-time password reset link for an account (valid RESET_HOURS hours): mailed to the
   * account's email when the server sends mail, and shown to the operator to hand over either way
   * (`mailed` says whether it went). Written to the audit log (the account, never the link).
   */
  issuePasswordReset: adminProcedure.input(z.object({ email: emailSchema })).mutation(async ({ ctx, input }) => {
    const account = await findAccountByEmail(ctx.db, input.email);
    if (!account) throw new TRPCError({ code: 'NOT_FOUND', message: 'No account has that email. Check the spelling with the person.' });
    const { token, expiresAt } = await issueReset(ctx.db, account.id);
    const path = `/#/reset/${token}`;
    const mailed = await mailLink(ctx, {
      to: account.email,
      subject: 'A link to set a new Sift password',
      text: [
        `Hello ${account.displayName},`,
        '',
        `An operator of Sift made a link that sets a new password for your account (${account.email}). It works once, within ${RESET_HOURS} hours:`,
        '',
        `${ctx.siteUrl}${path}`,
        '',
        'Using it signs your account out on every browser. If you did not ask for a new password, tell the operator and ignore this message.',
      ].join('\n'),
    });
    await ctx.operations.record(ctx.operator, 'issue-password-reset', account.email, { accountId: account.id, expiresAt: expiresAt.toISOString(), mailed });
    return { path, expiresAt: expiresAt.toISOString(), validHours: RESET_HOURS, mailed };
  }),

  actions: adminProcedure
    .input(z.object({ limit: z.number().int().min(1).max(500).default(50) }).default({ limit: 50 }))
    .query(({ ctx, input }) => ctx.operations.actions(input.limit)),
});
