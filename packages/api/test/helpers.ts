// Shared by the router tests: a caller acting for one owner over a real task layer, and the
// tRPC error code a call ends with.
import { TRPCError } from '@trpc/server';
import { createSessionResolver } from '@sift/accounts';
import type { Harness } from '@sift/tasks/testing';
import { appRouter, createCallerFactory, type Context, type OpsAccess } from '../src/index.ts';

const createCaller = createCallerFactory(appRouter);

/** A caller for one owner (a browser without an account unless `overrides` signs one in); `ops` is what the server decided about the admin token (a researcher: refused). */
export function callerFor(h: Harness, ownerId: string, overrides: Partial<Context> = {}, ops: OpsAccess = { state: 'refused' }) {
  return createCaller({
    ownerId,
    signedIn: null,
    browserId: ownerId,
    signInCookie: { set: () => {}, clear: () => {} },
    userAgent: 'test',
    sessions: createSessionResolver(h.db),
    signIn: 'optional',
    takeSignInAttempt: async () => 0,
    oidc: null,
    mail: null,
    siteUrl: 'http://sift.test',
    ops,
    db: h.db,
    tasks: h.tasks,
    cache: h.cache,
    operations: h.operations,
    uploadLimitBytes: 1 << 20,
    trashDays: 30,
    llm: null,
    takeTaskStart: async () => 0,
    takeWrite: async () => 0,
    ...overrides,
  });
}

export type Caller = ReturnType<typeof callerFor>;

export async function codeOf(call: Promise<unknown>): Promise<string> {
  const error = await call.then(() => null, (caught: unknown) => caught);
  return error instanceof TRPCError ? error.code : `no TRPCError (${String(error)})`;
}
