// Who may use the operations page: whoever presents SIFT_ADMIN_TOKEN. The page's API calls send it
// as a Bearer token; pg-boss's dashboard, a set of ordinary pages and links that cannot send a
// header, gets a short-lived HttpOnly cookie instead, derived from the token (so changing the
// token signs everyone out). A researcher's session cookie plays no part. Every comparison is
// constant-time, and an address that sent too many wrong tokens waits before it may try again.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OpsAccess } from '@sift/api';
import { createLimiter } from './rateLimits.ts';

export const DASHBOARD_PATH = '/ops/queues';
const DASHBOARD_COOKIE = 'sift_ops_dashboard';
const DASHBOARD_COOKIE_HOURS = 8;
const OPERATOR_HEADER = 'x-sift-operator';
/** Wrong tokens an address may send per window before every ops request from it waits. */
const WRONG_TOKENS_ALLOWED = 10;
const WRONG_TOKEN_WINDOW_MS = 15 * 60_000;

export interface OpsGate {
  /** For the ops API: the Bearer token, and the operator's name from the sign-in form. */
  fromBearer(request: FastifyRequest): OpsAccess;
  /** For the dashboard's pages: its cookie (or a Bearer token, for scripts). */
  fromDashboardCookie(request: FastifyRequest): OpsAccess;
  /** Lets this browser open the dashboard for the next few hours. */
  openDashboard(request: FastifyRequest, reply: FastifyReply): void;
  closeDashboard(reply: FastifyReply): void;
}

export function createOpsGate(adminToken: string | undefined): OpsGate {
  const admit = (request: FastifyRequest): OpsAccess => ({
    state: 'admitted',
    operator: { name: operatorName(request.headers[OPERATOR_HEADER]), address: request.ip },
  });

  const wrongTokens = createLimiter({ max: WRONG_TOKENS_ALLOWED, windowMs: WRONG_TOKEN_WINDOW_MS });

  function fromBearer(request: FastifyRequest): OpsAccess {
    if (!adminToken) return { state: 'off' };
    const [scheme, given] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !given) return { state: 'refused' };
    // Checked before the token, so guessing on costs the guesser time even when a guess is right.
    const wait = wrongTokens.exhausted(request.ip);
    if (wait) return { state: 'throttled', waitSeconds: wait };
    if (sameSecret(given, adminToken)) return admit(request);
    wrongTokens.take(request.ip);
    return { state: 'refused' };
  }

  /** `<expiry ms>.<HMAC of it under the admin token>` */
  const cookieValue = (expires: number) => `${expires}.${createHmac('sha256', adminToken ?? '').update(`dashboard:${expires}`).digest('base64url')}`;

  return {
    fromBearer,

    fromDashboardCookie(request) {
      const viaHeader = fromBearer(request);
      if (viaHeader.state !== 'refused') return viaHeader;
      if (request.headers.authorization) return viaHeader; // a wrong token does not fall back to the cookie
      const raw = request.cookies[DASHBOARD_COOKIE] ?? '';
      const expires = Number(raw.split('.')[0]);
      return Number.isSafeInteger(expires) && expires > Date.now() && sameSecret(raw, cookieValue(expires)) ? admit(request) : { state: 'refused' };
    },

    openDashboard(request, reply) {
      const expires = Date.now() + DASHBOARD_COOKIE_HOURS * 60 * 60 * 1000;
      reply.setCookie(DASHBOARD_COOKIE, cookieValue(expires), {
        path: DASHBOARD_PATH,
        httpOnly: true,
        sameSite: 'strict',
        secure: request.protocol === 'https',
        maxAge: DASHBOARD_COOKIE_HOURS * 60 * 60,
      });
    },

    closeDashboard(reply) {
      reply.clearCookie(DASHBOARD_COOKIE, { path: DASHBOARD_PATH });
    },
  };
}

/** Compares digests, so neither the contents nor the length of the secret leak through timing. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** The sign-in form's name, URI-encoded by the page so any script survives an HTTP header. */
function operatorName(header: string | string[] | undefined): string {
  const raw = (Array.isArray(header) ? header[0] : header) ?? '';
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    name = raw;
  }
  return name.trim().slice(0, 80) || 'unnamed operator';
}
