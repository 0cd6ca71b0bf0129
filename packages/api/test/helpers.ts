// Shared by the router tests: a caller acting for one owner over a real task layer, and the
// tRPC error code a call ends with.
import { TRPCError } from '@trpc/server';
import type { Harness } from '@sift/tasks/testing';
import { appRouter, createCallerFactory, type ApiServices, type OpsAccess } from '../src/index.ts';

const createCaller = createCallerFactory(appRouter);

/** A caller for one owner; `ops` is what the server decided about the admin token (a researcher: refused). */
export function callerFor(h: Harness, ownerId: string, overrides: Partial<ApiServices> = {}, ops: OpsAccess = { state: 'refused' }) {
  return createCaller({
    ownerId,
    ops,
    db: h.db,
    tasks: h.tasks,
    cache: h.cache,
    operations: h.operations,
    uploadLimitBytes: 1 << 20,
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
