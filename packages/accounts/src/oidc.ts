// Accounts of people who sign in through their institution's OpenID Connect provider: found by
// the provider's issuer and its `sub` for the person (an email can be reassigned, a subject not),
// created on a first sign-in, or linked to the password account of the same email when the
// provider vouches for that address. The HTTP flow and the provider's tokens are apps/server's.
import type { Prisma } from '@sift/db';
import { AccountError, emailSchema, type AccountSummary } from './accounts.ts';

/** What Sift keeps of a provider's ID token: who said it, whom it names, and the address it vouches for. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string | undefined;
  emailVerified: boolean;
  name: string | undefined;
}

const summary = ({ id, email, displayName }: AccountSummary): AccountSummary => ({ id, email, displayName });

/**
 * The account this identity signs in to, made on its first sign-in. Runs inside the caller's
 * transaction, so the browser's work moves into the account in the same one (see `transferWork`).
 */
export async function findOrCreateOidcAccount(tx: Prisma.TransactionClient, identity: OidcIdentity): Promise<AccountSummary> {
  const known = await tx.account.findUnique({ where: { oidcIssuer_oidcSubject: { oidcIssuer: identity.issuer, oidcSubject: identity.subject } } });
  if (known) return summary(known);

  const email = emailSchema.safeParse(identity.email ?? '');
  if (!email.success) {
    throw new AccountError(
      'Your institution\'s sign-in did not share an email address, which Sift needs for your account. Ask its administrators to release the "email" claim to Sift, or create an account with a password.',
      'oidc-refused',
    );
  }
  const sameEmail = await tx.account.findUnique({ where: { email: email.data } });
  if (sameEmail) {
    // Linking hands the account to whoever the provider says owns the address: only when it checked.
    if (!identity.emailVerified) {
      throw new AccountError(
        `An account with ${email.data} already exists, and your institution's sign-in does not confirm that this address is yours. Sign in with its password instead (or ask an operator for a reset link).`,
        'oidc-refused',
      );
    }
    if (sameEmail.oidcSubject !== null) {
      throw new AccountError(
        `The account with ${email.data} is already linked to another institutional sign-in. Sign in with that one, or with the account's password.`,
        'oidc-refused',
      );
    }
    return summary(await tx.account.update({ where: { id: sameEmail.id }, data: { oidcIssuer: identity.issuer, oidcSubject: identity.subject } }));
  }
  const displayName = identity.name?.trim().slice(0, 100) || email.data.split('@')[0]!;
  return summary(await tx.account.create({ data: { email: email.data, displayName, oidcIssuer: identity.issuer, oidcSubject: identity.subject } }));
}
