// Uploaded files live in Postgres by default, as 1 MiB chunks written while the body streams in,
// so a 100 MB upload never sits whole in memory on the way in. An upload arrives in one request
// (save) or in several (begin, then append at the offset stored so far: a resumable upload that a
// reload or a lost connection does not lose). Other backends implement the same UploadStorage.
import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '@sift/db';
import { UploadTooLargeError } from './errors.ts';

export interface UploadInfo {
  id: string;
  ownerId: string;
  fileName: string;
  mediaType: string;
  /** Bytes stored so far: the whole file's once complete. */
  size: number;
  /** The length a resumable upload declared when it began; null for one sent in one request. */
  expectedSize: number | null;
  complete: boolean;
  /** SHA-256 of the bytes (hex); null until complete, and for uploads stored before Sift kept it. */
  sha256: string | null;
}

type UploadMeta = { ownerId: string; fileName: string; mediaType: string };
type Body = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** A resumable upload was sent bytes for another offset than the one stored: another request wrote first. */
export class UploadOffsetError extends Error {
  override name = 'UploadOffsetError';
  readonly stored: number;
  constructor(stored: number) {
    super(`This upload has ${stored} bytes stored; continue from there.`);
    this.stored = stored;
  }
}

/** A resumable upload that is not there to append to: never begun, discarded, purged, or already complete. */
export class UploadClosedError extends Error {
  override name = 'UploadClosedError';
  constructor() {
    super('This upload is finished or no longer kept. Choose the file again to upload it anew.');
  }
}

export interface UploadStorage {
  /** Stores a whole body sent in one request; nothing stays if it fails. */
  save(meta: UploadMeta, body: Body, limits: { maxBytes: number }): Promise<UploadInfo>;
  /** Begins a resumable upload of `expectedSize` bytes (its id may be chosen by the caller). */
  begin(meta: UploadMeta & { id?: string }, expectedSize: number): Promise<UploadInfo>;
  /**
   * Appends a body at `offset`, which must be the bytes stored so far. What arrived before the
   * body broke off stays stored, so the upload resumes from there; it completes at its length.
   */
  append(id: string, offset: number, body: Body): Promise<UploadInfo>;
  /** Deletes an upload that is not complete yet (a cancelled one); false when there was none. */
  discard(id: string): Promise<boolean>;
  /** The upload's metadata if it exists and belongs to this owner. */
  info(id: string, ownerId: string): Promise<UploadInfo | null>;
  read(id: string): Promise<Uint8Array>;
}

const CHUNK_BYTES = 1024 * 1024;
/** Chunks read per query when hashing a resumed upload at its end. */
const HASH_BATCH = 16;

export function createPostgresUploadStorage(db: Db): UploadStorage {
  async function appendBytes(id: string, offset: number, body: Body, limit: { bytes: number; tooLarge: () => Error }): Promise<UploadInfo> {
    const upload = await db.upload.findUnique({ where: { id } });
    if (!upload || upload.complete) throw new UploadClosedError();
    if (Number(upload.size) !== offset) throw new UploadOffsetError(Number(upload.size));
    const last = await db.uploadChunk.findFirst({ where: { uploadId: id }, orderBy: { seq: 'desc' }, select: { seq: true } });
    let seq = (last?.seq ?? -1) + 1;
    let stored = offset;
    // From the first byte, the hash is built as the bytes pass; a resumed upload is hashed at its end.
    const digest = offset === 0 ? createHash('sha256') : null;
    let buffered: Uint8Array[] = [];
    let bufferedBytes = 0;
    const writeChunk = async () => {
      if (!bufferedBytes) return;
      const bytes = Buffer.concat(buffered, bufferedBytes);
      buffered = [];
      bufferedBytes = 0;
      await db.$transaction(async (tx) => {
        // Only from the offset this request started at: a second writer of the same upload loses.
        const moved = await tx.upload.updateMany({ where: { id, size: stored, complete: false }, data: { size: stored + bytes.byteLength } });
        if (moved.count !== 1) throw new UploadOffsetError(Number((await tx.upload.findUnique({ where: { id } }))?.size ?? 0));
        await tx.uploadChunk.create({ data: { uploadId: id, seq: seq++, bytes } });
      });
      stored += bytes.byteLength;
    };
    let received = offset;
    try {
      for await (const part of body) {
        received += part.byteLength;
        if (received > limit.bytes) throw limit.tooLarge();
        digest?.update(part);
        buffered.push(part);
        bufferedBytes += part.byteLength;
        if (bufferedBytes >= CHUNK_BYTES) await writeChunk();
      }
    } catch (error) {
      // A body that broke off (closed tab, lost connection) keeps what arrived: the upload resumes from it.
      if (!(error instanceof UploadTooLargeError || error instanceof UploadOffsetError)) await writeChunk().catch(() => {});
      throw error;
    }
    await writeChunk();
    const expected = upload.expectedSize === null ? null : Number(upload.expectedSize);
    if (expected !== null && stored < expected) return toInfo({ ...upload, size: BigInt(stored) });
    const sha256 = digest ? digest.digest('hex') : await hashChunks(db, id);
    return toInfo(await db.upload.update({ where: { id }, data: { size: stored, complete: true, sha256 } }));
  }

  return {
    async save(meta, body, { maxBytes }) {
      const upload = await db.upload.create({ data: meta });
      try {
        return await appendBytes(upload.id, 0, body, { bytes: maxBytes, tooLarge: () => new UploadTooLargeError(maxBytes) });
      } catch (error) {
        await db.upload.delete({ where: { id: upload.id } }).catch(() => {});
        throw error;
      }
    },

    async begin({ id, ...meta }, expectedSize) {
      return toInfo(await db.upload.create({ data: { ...meta, id: id ?? randomUUID(), expectedSize } }));
    },

    async append(id, offset, body) {
      const upload = await db.upload.findUnique({ where: { id }, select: { expectedSize: true } });
      if (upload?.expectedSize === null || upload?.expectedSize === undefined) throw new UploadClosedError();
      const expected = Number(upload.expectedSize);
      return appendBytes(id, offset, body, {
        bytes: expected,
        tooLarge: () => new UploadTooLargeError(expected),
      });
    },

    async discard(id) {
      const { count } = await db.upload.deleteMany({ where: { id, complete: false } });
      return count > 0;
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

/** The SHA-256 of an upload's stored chunks, read a few at a time. */
async function hashChunks(db: Db, uploadId: string): Promise<string> {
  const digest = createHash('sha256');
  for (let after = -1; ; ) {
    const chunks = await db.uploadChunk.findMany({ where: { uploadId, seq: { gt: after } }, orderBy: { seq: 'asc' }, take: HASH_BATCH, select: { seq: true, bytes: true } });
    for (const chunk of chunks) digest.update(chunk.bytes);
    if (chunks.length < HASH_BATCH) return digest.digest('hex');
    after = chunks.at(-1)!.seq;
  }
}

function toInfo(upload: {
  id: string;
  ownerId: string;
  fileName: string;
  mediaType: string;
  size: bigint;
  expectedSize: bigint | null;
  complete: boolean;
  sha256: string | null;
}): UploadInfo {
  const { id, ownerId, fileName, mediaType, complete, sha256 } = upload;
  return { id, ownerId, fileName, mediaType, complete, sha256, size: Number(upload.size), expectedSize: upload.expectedSize === null ? null : Number(upload.expectedSize) };
}
