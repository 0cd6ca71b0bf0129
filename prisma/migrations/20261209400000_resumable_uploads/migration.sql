-- Resumable uploads (the tus protocol): the length a browser declared when it began an upload,
-- so the bytes stored so far (size) tell where it resumes and when it is complete. Null for an
-- upload sent in one request, whose length is known only at its end.
-- AlterTable
ALTER TABLE "upload" ADD COLUMN "expected_size" BIGINT;
