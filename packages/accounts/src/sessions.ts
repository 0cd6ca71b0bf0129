// Sign-in sessions: one row per signed-in browser, found by its token's hash, sliding 30 days from
// last use, revocable one at a time or all at once. Lookups are cached per process for a few
// seconds because every status poll asks; a revocation clears this process's cache at once.
import type { Db } from '@sift/db';
import type { AccountSummary } from './accounts.ts';
import { hashToken, newToken } from './tokens.ts';

export const SESSION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
/** last_seen_at (and so the expiry) moves at most this often: not a write per request. */
const TOUCH_EVERY_MS = 60 * 60 * 1000;

export interface SignedIn {
  sessionId: string;
  account: AccountSummary;
}

export interface SessionListing {
  id: string;
  userAgent: string;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

export async function startSession(db: Db, accountId: string, userAgent: string): Promise<{ token: string; expiresAt: Date }> {
  const { token, tokenHash } = newToken();
  const expiresAt = new Date(Date.now() + SESSION_DAYS * DAY_MS);
  await db.signInSession.create({ data: { tokenHash, accountId, expiresAt, userAgent: userAgent.slice(0, 300) } });
  return { token, expiresAt };
}

export async function listSessions(db: Db, accountId: string, currentSessionId: string): Promise<SessionListing[]> {
  const sessions = await db.signInSession.findMany({
    where: { accountId, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { lastSeenAt: 'desc' },
  });
  return sessions.map((session) => ({
    id: session.id,
    userAgent: session.userAgent,
    createdAt: session.createdAt.toISOString(),
    lastSeenAt: session.lastSeenAt.toISOString(),
    current: session.id === currentSessionId,
  }));
}

export interface SessionResolver {
  /** The account a cookie token signs in, or null (unknown, expired or revoked). */
  resolve(token: string): Promise<SignedIn | null>;
  /** Ends one session (sign out). */
  end(sessionId: string): Promise<void>;
  /** Ends every session of the account (sign out everywhere, a password reset, account deletion). */
  endAll(accountId: string): Promise<number>;
}

/**
 * Another API process may keep a revoked session for up to `cacheMs` (5 s by default); this process
 * forgets it at once.
 */
export function createSessionResolver(db: Db, options: { cacheMs?: number } = {}): SessionResolver {
  const cacheMs = options.cacheMs ?? 5000;
  const cache = new Map<string, { at: number; signedIn: SignedIn | null }>();

  const forget = (match: (signedIn: SignedIn) => boolean) => {
    for (const [hash, entry] of cache) if (entry.signedIn && match(entry.signedIn)) cache.delete(hash);
  };

  return {
    async resolve(token) {
      const tokenHash = hashToken(token);
      const cached = cache.get(tokenHash);
      const now = Date.now();
      if (cached && now - cached.at < cacheMs) return cached.signedIn;
      const session = await db.signInSession.findUnique({ where: { tokenHash }, include: { account: true } });
      const live = session && !session.revokedAt && session.expiresAt.getTime() > now;
      const signedIn = live ? { sessionId: session.id, account: { id: session.account.id, email: session.account.email, displayName: session.account.displayName } } : null;
      if (live && now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
        await db.signInSession.update({ where: { id: session.id }, data: { lastSeenAt: new Date(now), expiresAt: new Date(now + SESSION_DAYS * DAY_MS) } });
      }
      if (cache.size > 10_000) cache.clear(); // bounded: tokens are per browser, and a miss costs one indexed read
      cache.set(tokenHash, { at: now, signedIn });
      return signedIn;
    },
    async end(sessionId) {
      await db.signInSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
      forget((signedIn) => signedIn.sessionId === sessionId);
    },
    async endAll(accountId) {
      const { count } = await db.signInSession.updateMany({ where: { accountId, revokedAt: null }, data: { revokedAt: new Date() } });
      forget((signedIn) => signedIn.account.id === accountId);
      return count;
    },
  };
}
