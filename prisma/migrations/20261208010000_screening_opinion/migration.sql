-- The LLM's second opinion on the records of a built-in screening run (issue 15, item 5): one row
-- per (run, record), beside screening_decision. It changes no decision; the decision in force
-- reads it to flag a disagreement as a conflict for the researcher.
-- CreateTable
CREATE TABLE "screening_opinion" (
    "run_id" UUID NOT NULL,
    "record_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "decision" "Decision" NOT NULL,
    "reason" TEXT NOT NULL,
    "criterion" TEXT,
    "exclusion_reason" TEXT,
    "confidence" DOUBLE PRECISION NOT NULL,
    "screener" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "screening_opinion_pkey" PRIMARY KEY ("run_id","record_id")
);

-- CreateIndex
CREATE INDEX "screening_opinion_record_id_idx" ON "screening_opinion"("record_id");

-- CreateIndex
CREATE INDEX "screening_opinion_project_id_idx" ON "screening_opinion"("project_id");

-- AddForeignKey
ALTER TABLE "screening_opinion" ADD CONSTRAINT "screening_opinion_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "screening_opinion" ADD CONSTRAINT "screening_opinion_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "screening_opinion" ADD CONSTRAINT "screening_opinion_record_id_fkey" FOREIGN KEY ("record_id") REFERENCES "literature_record"("id") ON DELETE CASCADE ON UPDATE CASCADE;
