-- Delete with a way back: a deleted task card or project is kept, hidden, until the trash is
-- purged (SIFT_TRASH_DAYS after its deletion); until then it can be restored as it was.
-- AlterTable
ALTER TABLE "task" ADD COLUMN "deleted_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "project" ADD COLUMN "deleted_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "task_deleted_at_idx" ON "task"("deleted_at");

-- CreateIndex
CREATE INDEX "project_deleted_at_idx" ON "project"("deleted_at");
