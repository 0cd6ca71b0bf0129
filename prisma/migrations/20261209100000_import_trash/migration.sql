-- Delete one import with a way back: its row stays, marked, and its records leave every read of
-- the project (packages/tasks/src/data/liveRecords.ts) until it is restored or purged
-- (SIFT_TRASH_DAYS after its deletion).
-- AlterTable
ALTER TABLE "literature_import" ADD COLUMN "deleted_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "literature_import_deleted_at_idx" ON "literature_import"("deleted_at");
