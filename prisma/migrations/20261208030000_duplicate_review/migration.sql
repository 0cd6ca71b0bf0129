-- What de-duplication leaves for the researcher (issue 17): possible duplicates (alike titles a
-- guard on often-mangled fields kept apart) and related records (errata, retractions, comments,
-- conference abstracts and what they are about), both replaced whole by every literature-dedup run;
-- and the researcher's decisions on possible duplicates, which survive every run until undone.
-- AlterEnum
ALTER TYPE "DuplicateReason" ADD VALUE 'researcher';

-- CreateEnum
CREATE TYPE "PairVerdict" AS ENUM ('merge', 'keep_apart');

-- CreateEnum
CREATE TYPE "RelationKind" AS ENUM ('erratum', 'retraction', 'comment', 'conference_abstract');

-- CreateTable
CREATE TABLE "possible_duplicate" (
    "project_id" UUID NOT NULL,
    "record_a" UUID NOT NULL,
    "record_b" UUID NOT NULL,
    "similarity" DOUBLE PRECISION NOT NULL,
    "kept_apart_by" TEXT NOT NULL,
    "matched" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "differed" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "possible_duplicate_pkey" PRIMARY KEY ("record_a","record_b")
);

-- CreateTable
CREATE TABLE "pair_decision" (
    "project_id" UUID NOT NULL,
    "record_a" UUID NOT NULL,
    "record_b" UUID NOT NULL,
    "verdict" "PairVerdict" NOT NULL,
    "evidence" JSONB NOT NULL,
    "decided_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pair_decision_pkey" PRIMARY KEY ("record_a","record_b")
);

-- CreateTable
CREATE TABLE "related_record" (
    "project_id" UUID NOT NULL,
    "record_id" UUID NOT NULL,
    "related_id" UUID NOT NULL,
    "relation" "RelationKind" NOT NULL,
    "detail" TEXT NOT NULL,

    CONSTRAINT "related_record_pkey" PRIMARY KEY ("record_id","related_id")
);

-- CreateIndex
CREATE INDEX "possible_duplicate_project_id_idx" ON "possible_duplicate"("project_id");

-- CreateIndex
CREATE INDEX "possible_duplicate_record_b_idx" ON "possible_duplicate"("record_b");

-- CreateIndex
CREATE INDEX "pair_decision_project_id_idx" ON "pair_decision"("project_id");

-- CreateIndex
CREATE INDEX "pair_decision_record_b_idx" ON "pair_decision"("record_b");

-- CreateIndex
CREATE INDEX "related_record_project_id_idx" ON "related_record"("project_id");

-- CreateIndex
CREATE INDEX "related_record_related_id_idx" ON "related_record"("related_id");

-- AddForeignKey
ALTER TABLE "possible_duplicate" ADD CONSTRAINT "possible_duplicate_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "possible_duplicate" ADD CONSTRAINT "possible_duplicate_record_a_fkey" FOREIGN KEY ("record_a") REFERENCES "literature_record"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "possible_duplicate" ADD CONSTRAINT "possible_duplicate_record_b_fkey" FOREIGN KEY ("record_b") REFERENCES "literature_record"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pair_decision" ADD CONSTRAINT "pair_decision_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pair_decision" ADD CONSTRAINT "pair_decision_record_a_fkey" FOREIGN KEY ("record_a") REFERENCES "literature_record"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pair_decision" ADD CONSTRAINT "pair_decision_record_b_fkey" FOREIGN KEY ("record_b") REFERENCES "literature_record"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "related_record" ADD CONSTRAINT "related_record_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "related_record" ADD CONSTRAINT "related_record_record_id_fkey" FOREIGN KEY ("record_id") REFERENCES "literature_record"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "related_record" ADD CONSTRAINT "related_record_related_id_fkey" FOREIGN KEY ("related_id") REFERENCES "literature_record"("id") ON DELETE CASCADE ON UPDATE CASCADE;
