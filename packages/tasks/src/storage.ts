// Uploaded files live in Postgres by default, as 1 MiB chunks written while the body streams in,
// so a 100 MB upload never sits whole in memory on the way in. Other backends (an object
// store) implement the same UploadStorage interface.
import { createHash } from 'node:crypto';
import type { Db } from '@sift/db';
import { UploadTooLargeError } from './errors.ts';

export interface UploadInfo {
  id: string;
  ownerId: string;
  fileName: string;
  mediaType: string;
  size: number;
  complete: boolean;
  /** SHA-256 of the bytes (hex); null for uploads stored before Sift kept it. */
  sha256: string | null;
}

export interface UploadStorage {
  save(
    meta: { ownerId: string; fileName: string; mediaType: string },
    body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    limits: { maxBytes: number },
  ): Promise<UploadInfo>;
  /** The upload's metadata if it exists and belongs to this owner. */
  info(id: string, ownerId: string): Promise<UploadInfo | null>;
  read(id: string): Promise<Uint8Array>;
}

const CHUNK_BYTES = 1024 * 1024;

export function createPostgresUploadStorage(db: Db): UploadStorage {
  return {
    async save(meta, body, { maxBytes }) {
      const upload = await db.upload.create({ data: meta });
      let size = 0;
      let seq = 0;
      const digest = createHash('sha256');
      let buffered: Uint8Array[] = [];
      let bufferedBytes = 0;
      const writeChunk = async () => {
        if (!bufferedBytes) return;
        const bytes = Buffer.concat(buffered, bufferedBytes);
        buffered = [];
        bufferedBytes = 0;
        await db.uploadChunk.create({ data: { uploadId: upload.id, seq: seq++, bytes } });
      };
      try {
        for await (const part of body) {
          size += part.byteLength;
          if (size > maxBytes) throw new UploadTooLargeError(maxBytes);
          digest.update(part);
          buffered.push(part);
          bufferedBytes += part.byteLength;
          if (bufferedBytes >= CHUNK_BYTES) await writeChunk();
        }
        await writeChunk();
        const done = await db.upload.update({ where: { id: upload.id }, data: { size, complete: true, sha256: digest.digest('hex') } });
        return toInfo(done);
      } catch (error) {
        await db.upload.delete({ where: { id: upload.id } }).catch(() => {});
        throw error;
      }
    },

    async info(id, ownerId) {
      const upload = await db.upload.findFirst({ where: { id, ownerId } });
      return upload ? toInfo(upload) : null;
    },

    async read(id) {
      const chunks = await db.uploadChunk.findMany({ where: { uploadId: id }, orderBy: { seq: 'asc' }, select: { bytes: true } });
      return Buffer.concat(chunks.map((chunk) => chunk.bytes));
    },
  };
}

function toInfo(upload: { id: string; ownerId: string; fileName: string; mediaType: string; size: bigint; complete: boolean; sha256: string | null }): UploadInfo {
  return { ...upload, size: Number(upload.size) };
}
