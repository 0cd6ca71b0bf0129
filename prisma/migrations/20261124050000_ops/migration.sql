-- The audit log of the operations page: every retry, cancel, redrive and cache clear an operator makes.
-- CreateTable
CREATE TABLE "operator_action" (
    "id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "operator" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "outcome" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "operator_action_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "operator_action_at_idx" ON "operator_action"("at" DESC);

-- The operations page counts tasks by state and reads what finished in the last hour.
-- CreateIndex
CREATE INDEX "task_state_finished_at_idx" ON "task"("state", "finished_at");
