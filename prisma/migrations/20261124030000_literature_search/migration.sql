-- Trigram search over title, abstract and authors for the records table.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- AlterTable
ALTER TABLE "literature_record" ADD COLUMN     "search_text" TEXT NOT NULL DEFAULT '';

-- Fill it for records imported before this migration.
UPDATE "literature_record" SET "search_text" = lower(concat_ws(' ', "title", "abstract", (SELECT string_agg(a, ' ') FROM jsonb_array_elements_text("authors") AS a)));

-- CreateIndex
CREATE INDEX "literature_record_search_text_idx" ON "literature_record" USING GIN ("search_text" gin_trgm_ops);
