-- The split that stored each keep-apart pair, so the researcher can undo a split: its pairs go and
-- de-duplication runs again. Pairs stored before this migration belong to no split.
-- AlterTable
ALTER TABLE "keep_apart" ADD COLUMN "split_id" UUID;

-- CreateIndex
CREATE INDEX "keep_apart_split_id_idx" ON "keep_apart"("split_id");
