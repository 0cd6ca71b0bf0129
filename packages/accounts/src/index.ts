export {
  AccountError, checkSignIn, closeAccount, createAccount, displayNameSchema, emailSchema, findAccountByEmail, nameActors, passwordSchema, signInSchema, signUpSchema,
  type AccountSummary,
} from './accounts.ts';
export { createSessionResolver, listSessions, startSession, SESSION_DAYS, type SessionListing, type SessionResolver, type SignedIn } from './sessions.ts';
export { issueReset, useReset, RESET_HOURS } from './resets.ts';
export { hashToken, newToken } from './tokens.ts';
export { findOrCreateOidcAccount, type OidcIdentity } from './oidc.ts';
export { howToConfirm, markReauthenticated, REAUTHENTICATED_MINUTES, type Confirmation } from './confirmations.ts';
