-- Shared review projects: a project's members and their roles (owner, reviewer, viewer), and
-- single-use invitation links. Every existing project's owner becomes its first member.
-- CreateEnum
CREATE TYPE "ProjectRole" AS ENUM ('owner', 'reviewer', 'viewer');

-- CreateTable
CREATE TABLE "project_member" (
    "project_id" UUID NOT NULL,
    "member_id" TEXT NOT NULL,
    "role" "ProjectRole" NOT NULL,
    "added_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "project_member_pkey" PRIMARY KEY ("project_id","member_id")
);

-- CreateTable
CREATE TABLE "project_invite" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "role" "ProjectRole" NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "used_by" TEXT,

    CONSTRAINT "project_invite_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "project_member_member_id_idx" ON "project_member"("member_id");

-- CreateIndex
CREATE UNIQUE INDEX "project_invite_token_hash_key" ON "project_invite"("token_hash");

-- CreateIndex
CREATE INDEX "project_invite_project_id_idx" ON "project_invite"("project_id");

-- AddForeignKey
ALTER TABLE "project_member" ADD CONSTRAINT "project_member_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_invite" ADD CONSTRAINT "project_invite_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: each project's creator owns it.
INSERT INTO "project_member" ("project_id", "member_id", "role") SELECT "id", "owner_id", 'owner' FROM "project";
