-- Relevance ranking (active learning) and the stopping rule of a screening run.
-- screening_rank: the latest ranking of a project's de-duplicated records, replaced whole by each
-- screening-rank task. screening_stop: a run's stopping test (Callaghan & Müller-Hansen 2020): the
-- ranked screening it starts from, the seed of its random sample, and whether the rule was applied.
-- CreateTable
CREATE TABLE "screening_rank" (
    "project_id" UUID NOT NULL,
    "record_id" UUID NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "position" INTEGER NOT NULL,
    "why" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "labels" INTEGER NOT NULL,
    "ranked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "screening_rank_pkey" PRIMARY KEY ("project_id","record_id")
);

-- CreateTable
CREATE TABLE "screening_stop" (
    "task_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "recall_target" DOUBLE PRECISION NOT NULL,
    "confidence" DOUBLE PRECISION NOT NULL,
    "seed" INTEGER NOT NULL,
    "ranked_screened" INTEGER NOT NULL,
    "ranked_includes" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "applied_at" TIMESTAMPTZ(3),
    "applied_claim" TEXT,

    CONSTRAINT "screening_stop_pkey" PRIMARY KEY ("task_id")
);

-- CreateIndex
CREATE INDEX "screening_rank_project_id_position_idx" ON "screening_rank"("project_id", "position");

-- CreateIndex
CREATE INDEX "screening_rank_record_id_idx" ON "screening_rank"("record_id");

-- CreateIndex
CREATE INDEX "screening_stop_project_id_idx" ON "screening_stop"("project_id");

-- AddForeignKey
ALTER TABLE "screening_rank" ADD CONSTRAINT "screening_rank_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "screening_rank" ADD CONSTRAINT "screening_rank_record_id_fkey" FOREIGN KEY ("record_id") REFERENCES "literature_record"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "screening_stop" ADD CONSTRAINT "screening_stop_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "screening_stop" ADD CONSTRAINT "screening_stop_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
