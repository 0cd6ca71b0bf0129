-- The SHA-256 of an upload's bytes, computed while it streams in, so a second import of the same
-- file into a project can be noticed before its records are counted twice. Older uploads: null.
-- AlterTable
ALTER TABLE "upload" ADD COLUMN "sha256" TEXT;
