// Who a request acts for. Each browser gets a random id in a signed, HttpOnly cookie (its work
// without an account); a signed-in browser also holds a sign-in token (HttpOnly), and then acts for
// the account. The signing secret comes from SIFT_SESSION_SECRET, or is generated once and kept
// in the data folder so browser ids survive restarts.
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SessionResolver, SignedIn } from '@sift/accounts';

export const SESSION_COOKIE = 'sift_session';
export const SIGN_IN_COOKIE = 'sift_account';
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

declare module 'fastify' {
  interface FastifyRequest {
    /** Whose work the request acts on: the signed-in account's id, else the browser's id. */
    ownerId: string;
    /** This browser's id, for its work without an account. */
    browserId: string;
    signedIn: SignedIn | null;
  }
}

export async function loadSessionSecret(configured: string | undefined, dataDir: string): Promise<string> {
  if (configured) return configured;
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  await writeFile(file, secret, { mode: 0o600, flag: 'wx' }).catch(() => {}); // another process may have won
  return (await readFile(file, 'utf8')).trim();
}

/** Fills in the request's browser id, signed-in account (if any) and so its owner id. */
export async function identify(request: FastifyRequest, reply: FastifyReply, sessions: SessionResolver): Promise<void> {
  request.browserId = resolveBrowser(request, reply);
  const token = request.cookies[SIGN_IN_COOKIE];
  request.signedIn = token ? await sessions.resolve(token) : null;
  request.ownerId = request.signedIn?.account.id ?? request.browserId;
}

const cookieOptions = (request: FastifyRequest) => ({
  httpOnly: true,
  sameSite: 'lax' as const,
  // Over https (directly, or behind a proxy SIFT_TRUST_PROXY trusts) the cookie is never sent in clear.
  secure: request.protocol === 'https',
  path: '/',
});

/** The response's sign-in cookie, as the account procedures set and clear it. */
export function signInCookie(request: FastifyRequest, reply: FastifyReply) {
  return {
    set: (token: string, expires: Date) => void reply.setCookie(SIGN_IN_COOKIE, token, { ...cookieOptions(request), expires }),
    clear: () => void reply.clearCookie(SIGN_IN_COOKIE, cookieOptions(request)),
  };
}

function resolveBrowser(request: FastifyRequest, reply: FastifyReply): string {
  const raw = request.cookies[SESSION_COOKIE];
  if (raw) {
    const unsigned = request.unsignCookie(raw);
    if (unsigned.valid && unsigned.value) return unsigned.value;
  }
  const ownerId = randomUUID();
  reply.setCookie(SESSION_COOKIE, ownerId, { ...cookieOptions(request), signed: true, maxAge: ONE_YEAR_SECONDS });
  return ownerId;
}
