// Proving it is still you before a step that cannot be taken back (closing the account): the
// password again, or, for an account that signs in only through its institution, a fresh
// institutional sign-in on this very browser, which marks its session for a few minutes.
import type { Db } from '@sift/db';

/** How long a fresh institutional sign-in confirms a step on its browser. */
export const REAUTHENTICATED_MINUTES = 5;
const WINDOW_MS = REAUTHENTICATED_MINUTES * 60 * 1000;

/** How this account can confirm it is the person: with its password, through its institution, and until when a fresh institutional sign-in here holds. */
export interface Confirmation {
  password: boolean;
  institution: boolean;
  confirmedUntil: string | null;
}

export async function howToConfirm(db: Db, accountId: string, sessionId: string): Promise<Confirmation> {
  const [account, session] = await Promise.all([
    db.account.findUnique({ where: { id: accountId }, select: { passwordHash: true, oidcSubject: true } }),
    db.signInSession.findUnique({ where: { id: sessionId }, select: { reauthenticatedAt: true } }),
  ]);
  const until = session?.reauthenticatedAt ? session.reauthenticatedAt.getTime() + WINDOW_MS : 0;
  return {
    password: Boolean(account?.passwordHash),
    institution: Boolean(account?.oidcSubject),
    confirmedUntil: until > Date.now() ? new Date(until).toISOString() : null,
  };
}

/**
 * Marks the session as just confirmed by an institutional sign-in, when the identity the provider
 * vouched for (issuer and subject) is this account's; false when it is someone else's.
 */
export async function markReauthenticated(db: Db, session: { sessionId: string; accountId: string }, identity: { issuer: string; subject: string }): Promise<boolean> {
  const account = await db.account.findFirst({ where: { id: session.accountId, oidcIssuer: identity.issuer, oidcSubject: identity.subject }, select: { id: true } });
  if (!account) return false;
  const { count } = await db.signInSession.updateMany({
    where: { id: session.sessionId, accountId: session.accountId, revokedAt: null },
    data: { reauthenticatedAt: new Date() },
  });
  return count === 1;
}
