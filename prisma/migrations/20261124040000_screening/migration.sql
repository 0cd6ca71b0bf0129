-- Batched tasks (a task fanned out into batch jobs) and screening: criteria versions, the
-- screeners' decisions and the researcher's own decisions with their audit trail.

-- CreateEnum
CREATE TYPE "BatchState" AS ENUM ('queued', 'running', 'done', 'failed');

-- CreateEnum
CREATE TYPE "Decision" AS ENUM ('include', 'exclude', 'uncertain', 'conflict');

-- CreateTable
CREATE TABLE "task_batch" (
    "task_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "items" INTEGER NOT NULL,
    "done" INTEGER NOT NULL DEFAULT 0,
    "state" "BatchState" NOT NULL DEFAULT 'queued',
    "payload" JSONB NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "job_id" UUID,
    "error_message" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "task_batch_pkey" PRIMARY KEY ("task_id","seq")
);

-- CreateTable
CREATE TABLE "review_criteria" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "criteria" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "review_criteria_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "screening_decision" (
    "task_id" UUID NOT NULL,
    "record_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "criteria_id" UUID NOT NULL,
    "decision" "Decision" NOT NULL,
    "reason" TEXT NOT NULL,
    "criterion" TEXT,
    "exclusion_reason" TEXT,
    "confidence" DOUBLE PRECISION NOT NULL,
    "highlights" JSONB NOT NULL DEFAULT '[]',
    "screener" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "screening_decision_pkey" PRIMARY KEY ("task_id","record_id")
);

-- CreateTable
CREATE TABLE "screening_review" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "record_id" UUID NOT NULL,
    "criteria_id" UUID NOT NULL,
    "reviewer" TEXT NOT NULL,
    "before" "Decision",
    "decision" "Decision" NOT NULL,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "screening_review_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "review_criteria_project_id_version_key" ON "review_criteria"("project_id", "version");

-- CreateIndex
CREATE INDEX "screening_decision_record_id_idx" ON "screening_decision"("record_id");

-- CreateIndex
CREATE INDEX "screening_decision_project_id_task_id_decision_idx" ON "screening_decision"("project_id", "task_id", "decision");

-- CreateIndex
CREATE INDEX "screening_review_project_id_record_id_created_at_idx" ON "screening_review"("project_id", "record_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "screening_review_record_id_idx" ON "screening_review"("record_id");

-- CreateIndex
CREATE INDEX "screening_review_criteria_id_idx" ON "screening_review"("criteria_id");

-- AddForeignKey
ALTER TABLE "task_batch" ADD CONSTRAINT "task_batch_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_criteria" ADD CONSTRAINT "review_criteria_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "screening_decision" ADD CONSTRAINT "screening_decision_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "screening_decision" ADD CONSTRAINT "screening_decision_record_id_fkey" FOREIGN KEY ("record_id") REFERENCES "literature_record"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "screening_decision" ADD CONSTRAINT "screening_decision_criteria_id_fkey" FOREIGN KEY ("criteria_id") REFERENCES "review_criteria"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "screening_review" ADD CONSTRAINT "screening_review_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "screening_review" ADD CONSTRAINT "screening_review_record_id_fkey" FOREIGN KEY ("record_id") REFERENCES "literature_record"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "screening_review" ADD CONSTRAINT "screening_review_criteria_id_fkey" FOREIGN KEY ("criteria_id") REFERENCES "review_criteria"("id") ON DELETE CASCADE ON UPDATE CASCADE;
