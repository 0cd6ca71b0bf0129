-- A fresh institutional sign-in on this browser confirms a step that would otherwise ask for a
-- password the account does not have (closing an account that signs in only through its
-- institution): when it last happened, for a few minutes' grace.
-- AlterTable
ALTER TABLE "sign_in_session" ADD COLUMN "reauthenticated_at" TIMESTAMPTZ(3);
