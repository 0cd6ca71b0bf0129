-- CreateEnum
CREATE TYPE "DuplicateReason" AS ENUM ('doi', 'pmid', 'title_year_author');

-- CreateTable
CREATE TABLE "project" (
    "id" UUID NOT NULL,
    "owner_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "literature_import" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "task_id" UUID NOT NULL,
    "file_name" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "report" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "literature_import_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "literature_record" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "import_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT,
    "abstract" TEXT,
    "authors" JSONB NOT NULL DEFAULT '[]',
    "year" INTEGER,
    "journal" TEXT,
    "volume" TEXT,
    "issue" TEXT,
    "pages" TEXT,
    "doi" TEXT,
    "pmid" TEXT,
    "keywords" JSONB NOT NULL DEFAULT '[]',
    "language" TEXT,
    "publication_type" TEXT,
    "raw" TEXT NOT NULL,
    "title_key" TEXT NOT NULL,

    CONSTRAINT "literature_record_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "duplicate_group" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "reason" "DuplicateReason" NOT NULL,
    "links" JSONB NOT NULL,
    "merged" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "duplicate_group_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "duplicate_group_member" (
    "record_id" UUID NOT NULL,
    "group_id" UUID NOT NULL,
    "rank" INTEGER NOT NULL,

    CONSTRAINT "duplicate_group_member_pkey" PRIMARY KEY ("record_id")
);

-- CreateTable
CREATE TABLE "keep_apart" (
    "project_id" UUID NOT NULL,
    "record_a" UUID NOT NULL,
    "record_b" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "keep_apart_pkey" PRIMARY KEY ("record_a","record_b")
);

-- CreateIndex
CREATE INDEX "project_owner_id_created_at_idx" ON "project"("owner_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "literature_import_task_id_key" ON "literature_import"("task_id");

-- CreateIndex
CREATE INDEX "literature_import_project_id_idx" ON "literature_import"("project_id");

-- CreateIndex
CREATE INDEX "literature_record_project_id_doi_idx" ON "literature_record"("project_id", "doi");

-- CreateIndex
CREATE INDEX "literature_record_project_id_pmid_idx" ON "literature_record"("project_id", "pmid");

-- CreateIndex
CREATE INDEX "literature_record_project_id_title_key_idx" ON "literature_record"("project_id", "title_key");

-- CreateIndex
CREATE INDEX "literature_record_project_id_year_idx" ON "literature_record"("project_id", "year");

-- CreateIndex
CREATE UNIQUE INDEX "literature_record_import_id_position_key" ON "literature_record"("import_id", "position");

-- CreateIndex
CREATE INDEX "duplicate_group_project_id_idx" ON "duplicate_group"("project_id");

-- CreateIndex
CREATE INDEX "duplicate_group_member_group_id_idx" ON "duplicate_group_member"("group_id");

-- CreateIndex
CREATE INDEX "keep_apart_project_id_idx" ON "keep_apart"("project_id");

-- CreateIndex
CREATE INDEX "keep_apart_record_b_idx" ON "keep_apart"("record_b");

-- AddForeignKey
ALTER TABLE "literature_import" ADD CONSTRAINT "literature_import_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "literature_record" ADD CONSTRAINT "literature_record_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "literature_record" ADD CONSTRAINT "literature_record_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "literature_import"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "duplicate_group" ADD CONSTRAINT "duplicate_group_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "duplicate_group_member" ADD CONSTRAINT "duplicate_group_member_record_id_fkey" FOREIGN KEY ("record_id") REFERENCES "literature_record"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "duplicate_group_member" ADD CONSTRAINT "duplicate_group_member_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "duplicate_group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "keep_apart" ADD CONSTRAINT "keep_apart_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "keep_apart" ADD CONSTRAINT "keep_apart_record_a_fkey" FOREIGN KEY ("record_a") REFERENCES "literature_record"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "keep_apart" ADD CONSTRAINT "keep_apart_record_b_fkey" FOREIGN KEY ("record_b") REFERENCES "literature_record"("id") ON DELETE CASCADE ON UPDATE CASCADE;
