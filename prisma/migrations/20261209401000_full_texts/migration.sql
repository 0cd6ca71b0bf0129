-- Full texts (issue 21): a paper's PDF attached to a project, its text page by page, and the
-- literature record it is (matched by DOI, PMID or title, or by hand; null while it is not).
-- CreateTable
CREATE TABLE "full_text" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "task_id" UUID NOT NULL,
    "upload_id" UUID NOT NULL,
    "file_name" TEXT NOT NULL,
    "page_count" INTEGER NOT NULL,
    "has_text" BOOLEAN NOT NULL,
    "record_id" UUID,
    "match" TEXT NOT NULL,
    "matched_by" TEXT,
    "match_note" TEXT NOT NULL,
    "candidates" UUID[] NOT NULL DEFAULT ARRAY[]::UUID[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "full_text_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "full_text_page" (
    "full_text_id" UUID NOT NULL,
    "page" INTEGER NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "full_text_page_pkey" PRIMARY KEY ("full_text_id","page")
);

-- CreateIndex
CREATE UNIQUE INDEX "full_text_task_id_key" ON "full_text"("task_id");

-- CreateIndex
CREATE INDEX "full_text_project_id_created_at_idx" ON "full_text"("project_id", "created_at");

-- CreateIndex
CREATE INDEX "full_text_record_id_idx" ON "full_text"("record_id");

-- AddForeignKey
ALTER TABLE "full_text" ADD CONSTRAINT "full_text_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "full_text" ADD CONSTRAINT "full_text_record_id_fkey" FOREIGN KEY ("record_id") REFERENCES "literature_record"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "full_text_page" ADD CONSTRAINT "full_text_page_full_text_id_fkey" FOREIGN KEY ("full_text_id") REFERENCES "full_text"("id") ON DELETE CASCADE ON UPDATE CASCADE;
