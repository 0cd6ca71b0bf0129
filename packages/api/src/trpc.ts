// tRPC setup: the request context (the owner, taken from the session cookie by the server, and
// the services) and the procedure builders. Every researcher procedure acts for exactly one
// owner; operations procedures act for an operator the server admitted with the admin token.
import { initTRPC, TRPCError } from '@trpc/server';
import type { SessionResolver, SignedIn } from '@sift/accounts';
import { isDatabaseBusy, isDatabaseUnavailable, type Db } from '@sift/db';
import { newErrorReference, TaskInputError, unexpectedErrorMessage, type Operations, type Operator, type PgCache, type TaskService } from '@sift/tasks';

/** Outgoing mail (SIFT_SMTP_URL): plain text to one address. Rejects when the mail server refuses or cannot be reached. */
export interface Mail {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

export interface ApiServices {
  db: Db;
  tasks: TaskService;
  cache: PgCache;
  uploadLimitBytes: number;
  /** How long deleted work stays restorable (SIFT_TRASH_DAYS). */
  trashDays: number;
  /** The LLM screener this server offers (models only, never the key); null when none is configured. */
  llm: { models: string[] } | null;
  /** Counts a task start against the owner's rate limit (kept in Postgres): seconds to wait when over it, else 0. */
  takeTaskStart: (ownerId: string) => Promise<number>;
  /** Counts a write (any mutation) against the client's rate limit (kept in Postgres): seconds to wait when over it, else 0. */
  takeWrite: () => Promise<number>;
  operations: Operations;
  sessions: SessionResolver;
  /** SIFT_SIGN_IN: `optional` lets people work without an account (in one browser); `required` refuses that. */
  signIn: 'optional' | 'required';
  /** Counts a sign-in attempt for an email (and the client's address): seconds to wait when over the limit, else 0. */
  takeSignInAttempt: (email: string) => Promise<number>;
  /** The institutional (OpenID Connect) sign-in this server offers, by the name its button shows; null when SIFT_OIDC_ISSUER is unset. */
  oidc: { name: string } | null;
  /** The mail this server sends (reset links, invitations); null when SIFT_SMTP_URL is unset. */
  mail: Mail | null;
}

/**
 * Whether this request may use the operations procedures: `off` when the server has no admin
 * token, `refused` without the right one (a researcher's session cookie is never enough).
 */
export type OpsAccess = { state: 'off' } | { state: 'refused' } | { state: 'throttled'; waitSeconds: number } | { state: 'admitted'; operator: Operator };

export const OPS_MESSAGES = {
  off: 'The operations page is off. To turn it on, set SIFT_ADMIN_TOKEN to a random string of 32 or more characters (for example the output of `openssl rand -hex 32`) in the server\'s environment, and restart the server.',
  refused: 'Sign in with the admin token (the server\'s SIFT_ADMIN_TOKEN) to use the operations page.',
  throttled: (waitSeconds: number) => `Too many wrong admin tokens came from this address. Wait ${Math.ceil(waitSeconds / 60)} min, then sign in again.`,
} as const;

export interface Context extends ApiServices {
  /** Whose work this request acts on: the signed-in account's id, else this browser's id. */
  ownerId: string;
  /** The account signed in on this request, or null for work without an account. */
  signedIn: SignedIn | null;
  /** This browser's id for work without an account; its work moves to the account on sign-up or sign-in. */
  browserId: string;
  /** The sign-in cookie of this response: set after a sign-in, cleared after a sign-out. */
  signInCookie: { set(token: string, expiresAt: Date): void; clear(): void };
  userAgent: string;
  ops: OpsAccess;
  /** The address researchers open (SIFT_PUBLIC_URL, else this request's), for links sent by mail. */
  siteUrl: string;
}

const references = new WeakMap<object, string>();

/**
 * The reference of an unexpected error: the same whether the formatter (what the browser sees)
 * or the server's onError (the log line) asks first, so the operator finds what a researcher quotes.
 */
export function errorReference(error: object): string {
  let reference = references.get(error);
  if (!reference) references.set(error, (reference = newErrorReference()));
  return reference;
}

export interface ValidationIssue {
  path: (string | number)[];
  message: string;
}

/** A failed input validation (zod's issues) as "field: message; …" and as a list, else null. */
function validationIssues(cause: unknown): { text: string; list: ValidationIssue[] } | null {
  const issues = (cause as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues) || !issues.length) return null;
  const list = issues.map((issue: { path?: PropertyKey[]; message?: string }) => ({
    path: (issue.path ?? []).map((part) => (typeof part === 'number' ? part : String(part))),
    message: issue.message ?? 'not valid',
  }));
  const lines = list.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
  return { text: [...new Set(lines)].join('; '), list };
}

const t = initTRPC.context<Context>().create({
  // Stack traces (with the server's absolute paths) go to browsers only under `npm run dev`, not
  // under `npm start`, where NODE_ENV is usually unset and tRPC would otherwise send them.
  isDev: process.env.NODE_ENV === 'development',
  errorFormatter({ shape, error }) {
    // Input that fails its zod schema: the schema's messages in words, not the issues as JSON; the
    // issues (path and message each) ride along for forms that place them beside their fields.
    const issues = validationIssues(error.cause);
    if (error.code === 'BAD_REQUEST' && issues) return { ...shape, message: issues.text, data: { ...shape.data, issues: issues.list } };
    // Unexpected errors keep their details (Prisma's SQL, paths) in the server log, not in the browser.
    if (error.code !== 'INTERNAL_SERVER_ERROR') return shape;
    const reference = errorReference(error);
    return { ...shape, message: unexpectedErrorMessage(reference), data: { ...shape.data, reference } };
  },
});

/**
 * Errors with a meaning for the client, mapped once for every procedure: input the task layer
 * refuses (TaskInputError) is BAD_REQUEST with its message; a database outage, or a database
 * too busy to take the request in time, is a clear, retryable SERVICE_UNAVAILABLE (HTTP 503),
 * not a hang or a stack trace.
 */
const knownErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const { cause } = result.error;
  if (cause instanceof TaskInputError) throw new TRPCError({ code: 'BAD_REQUEST', message: cause.message, cause });
  const retryable = isDatabaseUnavailable(cause)
    ? 'Sift cannot reach its database right now. Your tasks are safe; this page keeps retrying.'
    : isDatabaseBusy(cause)
      ? 'Sift is too busy to take this right now, and nothing was changed. Try again in a few seconds.'
      : null;
  if (retryable) throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: retryable, cause });
  return result;
});

/** Counts a task start against the owner's rate limit; over it, a TOO_MANY_REQUESTS that says how long to wait. */
export async function admitTaskStart(ctx: Context): Promise<void> {
  const wait = await ctx.takeTaskStart(ctx.ownerId);
  if (wait) {
    throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: `You started many tasks in a short time. Wait ${wait} s, then try again.` });
  }
}

export const router = t.router;
export const mergeRouters = t.mergeRouters;
/**
 * Every mutation creates or changes something, so each counts against the client's write limit
 * (per session and per address): one script cannot create projects, criteria or decisions by the
 * thousand. Reads are not counted.
 */
const writeLimit = t.middleware(async ({ ctx, type, next }) => {
  if (type !== 'mutation') return next();
  const wait = await ctx.takeWrite();
  if (wait) throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: `You made many changes in a short time. Wait ${wait} s, then try again.` });
  return next();
});

/** Anyone, signed in or not, even where SIFT_SIGN_IN=required: signing up, in and out, and reading who is signed in. */
export const anyoneProcedure = t.procedure.use(knownErrors).use(writeLimit);

export const SIGN_IN_REQUIRED = 'Sign in to use Sift on this server: it keeps work in accounts, not in browsers.';

/**
 * A researcher's procedure: for the signed-in account, or for this browser's work where
 * SIFT_SIGN_IN=optional (the default); where sign-in is required, refused before the input is read.
 */
export const publicProcedure = anyoneProcedure.use(({ ctx, next }) => {
  if (ctx.signIn === 'required' && !ctx.signedIn) throw new TRPCError({ code: 'UNAUTHORIZED', message: SIGN_IN_REQUIRED });
  return next();
});

/** For the signed-in account only (its sessions, signing out everywhere). */
export const accountProcedure = anyoneProcedure.use(({ ctx, next }) => {
  if (!ctx.signedIn) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first.' });
  return next({ ctx: { signedIn: ctx.signedIn } });
});

/** Operations procedures: refused before their input is even read unless the server admitted an operator. */
export const adminProcedure = anyoneProcedure.use(({ ctx, next }) => {
  if (ctx.ops.state === 'off') throw new TRPCError({ code: 'FORBIDDEN', message: OPS_MESSAGES.off });
  if (ctx.ops.state === 'refused') throw new TRPCError({ code: 'UNAUTHORIZED', message: OPS_MESSAGES.refused });
  if (ctx.ops.state === 'throttled') throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: OPS_MESSAGES.throttled(ctx.ops.waitSeconds) });
  return next({ ctx: { operator: ctx.ops.operator } });
});
export const createCallerFactory = t.createCallerFactory;
