-- The ranking's TF-IDF features per project, with the record set they were built from: a ranking
-- over the same records reads them instead of building them again (seconds at 20,000 records).
-- One row per project, replaced when the records change.
-- CreateTable
CREATE TABLE "ranking_features" (
    "project_id" UUID NOT NULL,
    "record_set" TEXT NOT NULL,
    "features" BYTEA NOT NULL,
    "built_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ranking_features_pkey" PRIMARY KEY ("project_id")
);

-- AddForeignKey
ALTER TABLE "ranking_features" ADD CONSTRAINT "ranking_features_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Stored out of line without compression: floats barely compress, and pglz over tens of MB costs
-- more time on every write and read than it saves.
ALTER TABLE "ranking_features" ALTER COLUMN "features" SET STORAGE EXTERNAL;
