// One-time password reset links, issued by an operator (there is no email round trip unless SMTP
// is set up): valid for a day, used once; using one sets the new password and ends every session.
import type { Db } from '@sift/db';
import { AccountError, type AccountSummary } from './accounts.ts';
import { hashPassword } from './passwords.ts';
import { hashToken, newToken } from './tokens.ts';

export const RESET_HOURS = 24;

export async function issueReset(db: Db, accountId: string): Promise<{ token: string; expiresAt: Date }> {
  const { token, tokenHash } = newToken();
  const expiresAt = new Date(Date.now() + RESET_HOURS * 60 * 60 * 1000);
  await db.passwordReset.create({ data: { tokenHash, accountId, expiresAt } });
  return { token, expiresAt };
}

/** Sets the password a reset link is for, spends the link and signs the account out everywhere, in one transaction. */
export async function useReset(db: Db, token: string, password: string): Promise<AccountSummary> {
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const now = new Date();
    const spent = await tx.passwordReset.updateMany({ where: { tokenHash: hashToken(token), usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (spent.count !== 1) {
      throw new AccountError('This reset link has been used or has expired. Ask an operator for a new one.', 'reset-invalid');
    }
    const reset = await tx.passwordReset.findUniqueOrThrow({ where: { tokenHash: hashToken(token) }, include: { account: true } });
    await tx.account.update({ where: { id: reset.accountId }, data: { passwordHash } });
    await tx.signInSession.updateMany({ where: { accountId: reset.accountId, revokedAt: null }, data: { revokedAt: now } });
    return { id: reset.account.id, email: reset.account.email, displayName: reset.account.displayName };
  });
}
