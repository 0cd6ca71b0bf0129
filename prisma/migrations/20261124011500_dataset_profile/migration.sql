-- AlterTable
ALTER TABLE "dataset" ADD COLUMN     "sheets" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "profile" JSONB,
ADD COLUMN     "notes" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "note_count" INTEGER NOT NULL DEFAULT 0;
