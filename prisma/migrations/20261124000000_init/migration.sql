-- CreateEnum
CREATE TYPE "TaskState" AS ENUM ('queued', 'running', 'ready', 'error', 'cancelled');

-- CreateTable
CREATE TABLE "task" (
    "id" UUID NOT NULL,
    "owner_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "state" "TaskState" NOT NULL DEFAULT 'queued',
    "job_id" UUID,
    "input" JSONB NOT NULL,
    "title" TEXT NOT NULL,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "stage" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error_code" TEXT,
    "error_message" TEXT,
    "result" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "upload" (
    "id" UUID NOT NULL,
    "owner_id" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "media_type" TEXT NOT NULL,
    "size" BIGINT NOT NULL DEFAULT 0,
    "complete" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "upload_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "upload_chunk" (
    "upload_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,

    CONSTRAINT "upload_chunk_pkey" PRIMARY KEY ("upload_id","seq")
);

-- CreateTable
CREATE TABLE "dataset" (
    "task_id" UUID NOT NULL,
    "sheet_name" TEXT NOT NULL,
    "columns" JSONB NOT NULL,
    "row_count" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dataset_pkey" PRIMARY KEY ("task_id")
);

-- CreateTable
CREATE TABLE "dataset_row" (
    "task_id" UUID NOT NULL,
    "index" INTEGER NOT NULL,
    "values" JSONB NOT NULL,

    CONSTRAINT "dataset_row_pkey" PRIMARY KEY ("task_id","index")
);

-- CreateTable
CREATE TABLE "cache_entry" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "expires_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cache_entry_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "task_owner_id_created_at_idx" ON "task"("owner_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "upload_owner_id_idx" ON "upload"("owner_id");

-- CreateIndex
CREATE INDEX "cache_entry_expires_at_idx" ON "cache_entry"("expires_at");

-- AddForeignKey
ALTER TABLE "upload_chunk" ADD CONSTRAINT "upload_chunk_upload_id_fkey" FOREIGN KEY ("upload_id") REFERENCES "upload"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dataset" ADD CONSTRAINT "dataset_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dataset_row" ADD CONSTRAINT "dataset_row_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "dataset"("task_id") ON DELETE CASCADE ON UPDATE CASCADE;
