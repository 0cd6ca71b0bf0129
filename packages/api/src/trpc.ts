// tRPC setup: the request context (the owner, taken from the session cookie by the server, and
// the services) and the procedure builders. Every procedure acts for exactly one owner.
import { initTRPC, TRPCError } from '@trpc/server';
import { isDatabaseUnavailable, type Db } from '@sift/db';
import { TaskInputError, type PgCache, type TaskService } from '@sift/tasks';

export interface ApiServices {
  db: Db;
  tasks: TaskService;
  cache: PgCache;
  uploadLimitBytes: number;
  /** The LLM screener this server offers (models only, never the key); null when none is configured. */
  llm: { models: string[] } | null;
  /** Counts a task start against the owner's rate limit: seconds to wait when over it, else 0. */
  takeTaskStart: (ownerId: string) => number;
}

export interface Context extends ApiServices {
  ownerId: string;
}

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    // Unexpected errors keep their details in the server log, not in the browser.
    if (error.code !== 'INTERNAL_SERVER_ERROR') return shape;
    return { ...shape, message: 'Sift hit an unexpected error. Try again; if it keeps happening, tell the operator.' };
  },
});

/**
 * Errors with a meaning for the client, mapped once for every procedure: input the task layer
 * refuses (TaskInputError) is BAD_REQUEST with its message; a database outage is a clear,
 * retryable SERVICE_UNAVAILABLE (HTTP 503), not a hang or a stack trace.
 */
const knownErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof TaskInputError) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: result.error.cause.message, cause: result.error.cause });
  }
  if (!result.ok && isDatabaseUnavailable(result.error.cause)) {
    throw new TRPCError({
      code: 'SERVICE_UNAVAILABLE',
      message: 'Sift cannot reach its database right now. Your tasks are safe; this page keeps retrying.',
      cause: result.error.cause,
    });
  }
  return result;
});

/** Counts a task start against the owner's rate limit; over it, a TOO_MANY_REQUESTS that says how long to wait. */
export function admitTaskStart(ctx: Context): void {
  const wait = ctx.takeTaskStart(ctx.ownerId);
  if (wait) {
    throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: `You started many tasks in a short time. Wait ${wait} s, then try again.` });
  }
}

export const router = t.router;
export const mergeRouters = t.mergeRouters;
export const publicProcedure = t.procedure.use(knownErrors);
export const createCallerFactory = t.createCallerFactory;
