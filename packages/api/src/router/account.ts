// Accounts: sign up, sign in and out (here or everywhere), the sessions list, and a password reset
// by a one-time link. Signing up or in takes this browser's work without an account into the
// account, in the same transaction as the account itself, so nothing is left behind or split.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import {
  AccountError, checkSignIn, closeAccount, createAccount, howToConfirm, listSessions, passwordSchema, REAUTHENTICATED_MINUTES, signInSchema, signUpSchema, startSession,
  useReset, type AccountSummary,
} from '@sift/accounts';
import type { Db, Prisma } from '@sift/db';
import { leaveEverything, transferWork, type TransferredWork } from '@sift/tasks';
import { accountProcedure, anyoneProcedure, router, type Context } from '../trpc.ts';

/** Starts a session for the account on this browser and sets its cookie. */
async function signInBrowser(ctx: Context, account: AccountSummary, claimed: TransferredWork) {
  const { token, expiresAt } = await startSession(ctx.db, account.id, ctx.userAgent);
  ctx.signInCookie.set(token, expiresAt);
  return { account, claimed };
}

/**
 * Finds or creates the account (`account`, in the transaction) and moves this browser's work into
 * it in the same transaction: password sign-up and sign-in here, and the OpenID Connect callback
 * (apps/server/src/oidc.ts), all carry work over this one way.
 */
export async function moveIntoAccount(
  db: Db,
  browserId: string,
  account: (tx: Prisma.TransactionClient) => Promise<AccountSummary>,
): Promise<{ account: AccountSummary; claimed: TransferredWork }> {
  return db.$transaction(async (tx) => {
    const found = await account(tx);
    return { account: found, claimed: await transferWork(tx, browserId, found.id) };
  });
}

function refuse(error: unknown): never {
  if (error instanceof AccountError) {
    throw new TRPCError({ code: error.reason === 'email-taken' ? 'CONFLICT' : 'BAD_REQUEST', message: error.message, cause: error });
  }
  throw error;
}

export const accountRouter = router({
  /**
   * Who is signed in on this browser (null: nobody), whether this server lets people work without
   * an account, the institutional sign-in it offers (null: none), and how the person confirms
   * closing the account (their password, or a fresh institutional sign-in; null when signed out).
   */
  getAccount: anyoneProcedure.query(async ({ ctx }) => ({
    account: ctx.signedIn?.account ?? null,
    signIn: ctx.signIn,
    oidc: ctx.oidc,
    confirm: ctx.signedIn ? await howToConfirm(ctx.db, ctx.signedIn.account.id, ctx.signedIn.sessionId) : null,
  })),

  signUp: anyoneProcedure.input(signUpSchema).mutation(async ({ ctx, input }) => {
    const { account, claimed } = await moveIntoAccount(ctx.db, ctx.browserId, (tx) => createAccount(tx, input)).catch(refuse);
    return signInBrowser(ctx, account, claimed);
  }),

  signIn: anyoneProcedure.input(signInSchema).mutation(async ({ ctx, input }) => {
    const wait = await ctx.takeSignInAttempt(input.email);
    if (wait) throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: `Too many sign-in attempts for this account. Wait ${Math.ceil(wait / 60)} min, then try again.` });
    const account = await checkSignIn(ctx.db, input);
    if (!account) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'That email and password do not match an account. Check both, or ask an operator for a password reset link.' });
    const { claimed } = await moveIntoAccount(ctx.db, ctx.browserId, async () => account);
    return signInBrowser(ctx, account, claimed);
  }),

  signOut: anyoneProcedure.mutation(async ({ ctx }) => {
    if (ctx.signedIn) await ctx.sessions.end(ctx.signedIn.sessionId);
    ctx.signInCookie.clear();
    return { signedOut: true };
  }),

  /** Ends every session of the account, on every browser, this one included. */
  signOutEverywhere: accountProcedure.mutation(async ({ ctx }) => {
    const ended = await ctx.sessions.endAll(ctx.signedIn.account.id);
    ctx.signInCookie.clear();
    return { ended };
  }),

  /**
   * Closes the account after the person proves it is them: the password again, or (an account
   * that signs in through its institution) an institutional sign-in on this browser within the
   * last REAUTHENTICATED_MINUTES minutes. Shared projects it solely owns go to
   * their longest-standing reviewer (`hand-over`) or to the trash (`delete`), as the person
   * chooses; projects only they work on and their files go to the trash (restorable by no one,
   * purged after the retention period). Their decisions stay in the audit trail, named.
   */
  deleteAccount: accountProcedure
    .input(z.object({ password: z.string().max(256).optional(), sharedProjects: z.enum(['hand-over', 'delete']) }))
    .mutation(async ({ ctx, input }) => {
      const { account } = ctx.signedIn;
      const confirm = await howToConfirm(ctx.db, account.id, ctx.signedIn.sessionId);
      if (input.password !== undefined) {
        if (!(await checkSignIn(ctx.db, { email: account.email, password: input.password }))) {
          throw new TRPCError({ code: 'UNAUTHORIZED', message: 'That is not your password. Enter it again to close your account.' });
        }
      } else if (!confirm.confirmedUntil) {
        const how = confirm.institution
          ? `Sign in with ${ctx.oidc?.name ?? 'your institution'} again on this page to confirm it is you, then close your account within ${REAUTHENTICATED_MINUTES} minutes.`
          : 'Enter your password to close your account.';
        throw new TRPCError({ code: 'UNAUTHORIZED', message: how });
      }
      const outcome = await ctx.db.$transaction(async (tx) => {
        const left = await leaveEverything(tx, account.id, input.sharedProjects);
        await closeAccount(tx, account.id);
        return left;
      });
      await ctx.sessions.endAll(account.id);
      ctx.signInCookie.clear();
      return outcome;
    }),

  listSessions: accountProcedure.query(({ ctx }) => listSessions(ctx.db, ctx.signedIn.account.id, ctx.signedIn.sessionId)),

  /** Sets a new password with a one-time link from an operator; every other session ends, and this browser is signed in. */
  resetPassword: anyoneProcedure.input(z.object({ token: z.string().min(20).max(100), password: passwordSchema })).mutation(async ({ ctx, input }) => {
    const account = await useReset(ctx.db, input.token, input.password).catch(refuse);
    await ctx.sessions.endAll(account.id); // this process's cache forgets them too
    return signInBrowser(ctx, account, { tasks: 0, uploads: 0, projects: 0, decisions: 0 });
  }),
});
