// Accounts: creating one (email, display name, password) and checking a sign-in. Emails are
// compared lower-cased; a wrong password and an unknown email answer alike, in the same time.
import { Prisma, type Db } from '@sift/db';
import { z } from 'zod';
import { decoyHash, hashPassword, passwordMatches } from './passwords.ts';

export interface AccountSummary {
  id: string;
  email: string;
  displayName: string;
}

/** A refusal with a message for the person (taken email, weak password, wrong sign-in). */
export class AccountError extends Error {
  /** `oidc-refused`: an institutional sign-in that may not create or link an account (the message says why). */
  readonly reason: 'email-taken' | 'reset-invalid' | 'oidc-refused';
  constructor(message: string, reason: AccountError['reason']) {
    super(message);
    this.reason = reason;
  }
}

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email({ error: 'Enter an email address such as name@example.org.' }).max(254));
/** NIST SP 800-63B: length, not composition rules; 10 characters at least, and an upper bound for the hash's sake. */
export const passwordSchema = z
  .string()
  .min(10, { error: 'Choose a password of at least 10 characters.' })
  .max(256, { error: 'Choose a password of at most 256 characters.' });
export const displayNameSchema = z.string().trim().min(1, { error: 'Enter your name as your co-reviewers should see it.' }).max(100);

export const signUpSchema = z.object({ email: emailSchema, displayName: displayNameSchema, password: passwordSchema });
export const signInSchema = z.object({ email: emailSchema, password: z.string().max(256) });

const summary = ({ id, email, displayName }: AccountSummary): AccountSummary => ({ id, email, displayName });

export async function createAccount(db: Db | Prisma.TransactionClient, input: z.output<typeof signUpSchema>): Promise<AccountSummary> {
  const passwordHash = await hashPassword(input.password);
  try {
    return summary(await db.account.create({ data: { email: input.email, displayName: input.displayName, passwordHash } }));
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new AccountError('An account with this email already exists. Sign in instead, or ask an operator for a password reset link.', 'email-taken');
    }
    throw error;
  }
}

/** The account whose email and password these are, or null; the same time either way. */
export async function checkSignIn(db: Db, input: z.output<typeof signInSchema>): Promise<AccountSummary | null> {
  const account = await db.account.findUnique({ where: { email: input.email } });
  if (!account?.passwordHash) {
    await passwordMatches(await decoyHash(), input.password);
    return null;
  }
  return (await passwordMatches(account.passwordHash, input.password)) ? summary(account) : null;
}

export async function findAccountByEmail(db: Db, email: string): Promise<AccountSummary | null> {
  const account = await db.account.findUnique({ where: { email: email.trim().toLowerCase() } });
  return account && summary(account);
}

/**
 * How histories and exports name whoever acted: an account's display name; work done without an
 * account reads "you (no account)" to its own browser and "someone without an account" to others.
 */
export async function nameActors(db: Db, actorIds: string[], askingId: string): Promise<Map<string, string>> {
  const ids = [...new Set(actorIds)];
  const uuids = ids.filter((id) => z.uuid().safeParse(id).success);
  const accounts = uuids.length ? await db.account.findMany({ where: { id: { in: uuids } }, select: { id: true, displayName: true } }) : [];
  const byId = new Map(accounts.map((account) => [account.id, account.displayName]));
  return new Map(
    ids.map((id) => [id, byId.get(id) ?? (id === askingId ? 'you (no account)' : 'someone without an account')]),
  );
}

/**
 * Closes an account: it can no longer sign in (no password, an address nobody owns, every session
 * ended), while the decisions it made keep a readable name in the audit trail.
 */
export async function closeAccount(db: Db | Prisma.TransactionClient, accountId: string): Promise<void> {
  const account = await db.account.findUniqueOrThrow({ where: { id: accountId } });
  await db.account.update({
    where: { id: accountId },
    // No password and no institutional identity: nothing can sign in to it again.
    data: { email: `closed-${accountId}@invalid`, passwordHash: null, oidcIssuer: null, oidcSubject: null, displayName: `${account.displayName} (account closed)` },
  });
  await db.signInSession.updateMany({ where: { accountId, revokedAt: null }, data: { revokedAt: new Date() } });
}
