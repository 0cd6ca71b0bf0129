-- OpenID Connect sign-in (apps/server/src/oidc.ts, packages/accounts/src/oidc.ts): an account
-- signed in through an institution's provider is found by the provider's issuer and its `sub`
-- for the person, never by email (an address can be reassigned; the subject is not). Both stay
-- null on a password-only account.

-- AlterTable
ALTER TABLE "account" ADD COLUMN     "oidc_issuer" TEXT,
ADD COLUMN     "oidc_subject" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "account_oidc_issuer_oidc_subject_key" ON "account"("oidc_issuer", "oidc_subject");
