-- Dual independent screening (issue 18, item 3): a project screens with one reviewer per record
-- (as before, the default) or two independent ones, optionally blind to the screener too; and a
-- researcher's review is either their own decision or an owner's resolution of a disagreement.
-- CreateEnum
CREATE TYPE "ScreeningMode" AS ENUM ('single', 'dual');

-- CreateEnum
CREATE TYPE "ReviewKind" AS ENUM ('decision', 'resolution');

-- AlterTable
ALTER TABLE "project" ADD COLUMN "screening_mode" "ScreeningMode" NOT NULL DEFAULT 'single',
ADD COLUMN "hide_screener" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "screening_review" ADD COLUMN "kind" "ReviewKind" NOT NULL DEFAULT 'decision';
