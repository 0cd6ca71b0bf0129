-- One lower-cased text column for the records table's search box.
-- AlterTable
ALTER TABLE "literature_record" ADD COLUMN     "search_text" TEXT NOT NULL DEFAULT '';

-- Fill it for records imported before this migration.
UPDATE "literature_record" SET "search_text" = lower(concat_ws(' ', "title", "abstract", (SELECT string_agg(a, ' ') FROM jsonb_array_elements_text("authors") AS a)));
