// Shared by the router tests: a caller acting for one owner over a real task layer, and the
// tRPC error code a call ends with.
import { TRPCError } from '@trpc/server';
import type { Harness } from '@sift/tasks/testing';
import { appRouter, createCallerFactory, type ApiServices } from '../src/index.ts';

const createCaller = createCallerFactory(appRouter);

export function callerFor(h: Harness, ownerId: string, overrides: Partial<ApiServices> = {}) {
  return createCaller({ ownerId, db: h.db, tasks: h.tasks, cache: h.cache, uploadLimitBytes: 1 << 20, llm: null, takeTaskStart: () => 0, ...overrides });
}

export type Caller = ReturnType<typeof callerFor>;

export async function codeOf(call: Promise<unknown>): Promise<string> {
  const error = await call.then(() => null, (caught: unknown) => caught);
  return error instanceof TRPCError ? error.code : `no TRPCError (${String(error)})`;
}
