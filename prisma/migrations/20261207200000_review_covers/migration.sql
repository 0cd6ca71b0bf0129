-- A researcher's decision belongs to the record judged and to every copy grouped with it at the
-- time (`covers`), so a re-import or a re-dedup that picks another copy to stand for the group, or
-- a split, never hides it. An undone decision stays in the audit trail, marked `undone_at`.
-- AlterTable
ALTER TABLE "screening_review" ADD COLUMN "covers" UUID[] NOT NULL DEFAULT ARRAY[]::UUID[],
ADD COLUMN "undone_at" TIMESTAMPTZ(3);

-- Decisions made before this migration cover their record and the copies grouped with it now.
UPDATE "screening_review" sr SET "covers" = ARRAY(
  SELECT sr.record_id
  UNION
  SELECT m2.record_id FROM duplicate_group_member m1 JOIN duplicate_group_member m2 ON m2.group_id = m1.group_id WHERE m1.record_id = sr.record_id
);

-- CreateIndex
CREATE INDEX "screening_review_covers_idx" ON "screening_review" USING GIN ("covers");
