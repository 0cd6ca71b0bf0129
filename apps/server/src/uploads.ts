// PUT /api/uploads?name=<file name>: the raw file body streams into upload storage. A body
// larger than the limit is refused from its Content-Length before any of it is read, or as soon
// as the streamed bytes pass it. The hourly quota (per session and per address) and the global
// storage ceiling count bytes as they stream: a declared length is reserved before the body is
// accepted, and a body without one reserves chunk by chunk, so neither concurrent uploads nor a
// missing Content-Length get past them. A body that stalls is cut off. The file name is only ever
// stored and shown (uploads live in Postgres, never on disk), and it is cleaned first so it cannot
// pose as a path or as another name.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { UploadTooLargeError, type RateClient, type SharedLimit, type UploadStorage } from '@sift/tasks';
import type { StorageCeiling } from './storageCeiling.ts';

const MAX_NAME_CHARS = 255;
// Line breaks would split a header; other controls (NUL: PostgreSQL refuses it), lone surrogates and the bidirectional
// overrides and marks (U+202E turns "report\u202Etxt.exe" into "reportexe.txt" on screen) only hide what a name is.
const LINE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
const HIDING_CHARACTERS = /[\p{Cc}\p{Cs}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** The last segment of whatever path a client sent, without hiding characters, at most 255 characters with its extension kept. */
function safeFileName(sent: string): string {
  const lastSegment = sent.split(/[\\/]/).pop() ?? '';
  const name = lastSegment.replace(LINE_BREAKS, ' ').replace(HIDING_CHARACTERS, '').replace(/ {2,}/g, ' ').trim();
  if (name === '.' || name === '..') return '';
  const characters = [...name];
  if (characters.length <= MAX_NAME_CHARS) return name;
  const extension = [...(/\.[^.\s]{1,16}$/.exec(name)?.[0] ?? '')];
  return characters.slice(0, MAX_NAME_CHARS - extension.length).join('') + extension.join('');
}

export interface UploadLimits {
  fileLimitBytes: number;
  /** Upload bytes per hour, per session and per address, counted in Postgres across API processes. */
  hourly: SharedLimit;
  ceiling: StorageCeiling;
  /** A body that sends nothing for this long is cut off. */
  idleMs: number;
}

class QuotaReached extends Error {
  readonly waitSeconds: number;
  constructor(waitSeconds: number) {
    super('hourly upload quota reached');
    this.waitSeconds = waitSeconds;
  }
}
class StorageFull extends Error {}

const refuse = (reply: FastifyReply, status: number, error: string) => reply.header('connection', 'close').code(status).send({ error });
const quotaMessage = (wait: number) => `You uploaded a lot in the last hour. Wait ${Math.ceil(wait / 60)} min, then try again.`;
const STORAGE_FULL = 'Sift has no room for more uploads right now. Nothing was stored; tell the operator (SIFT_STORAGE_LIMIT_GB).';

export function registerUploadRoute(app: FastifyInstance, storage: UploadStorage, limits: UploadLimits): void {
  const limitBytes = limits.fileLimitBytes;
  app.register(async (scope) => {
    // Hand the request stream through untouched instead of buffering it.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

    scope.put<{ Querystring: { name?: string | string[] } }>('/api/uploads', async (request, reply) => {
      // ?name=a&name=b arrives as an array: no one file name.
      const fileName = typeof request.query.name === 'string' ? safeFileName(request.query.name) : '';
      if (!fileName) return reply.code(400).send({ error: 'Add the file name as ?name=… to the upload URL.' });
      const declared = Number(request.headers['content-length'] ?? NaN);
      if (Number.isFinite(declared) && declared > limitBytes) return refuse(reply, 413, new UploadTooLargeError(limitBytes).message);

      const client: RateClient = { ownerId: request.ownerId, address: request.ip };
      const reserved = Number.isFinite(declared) ? declared : 0;
      const wait = await limits.hourly.take(client, reserved);
      if (wait) return refuse(reply.header('retry-after', String(wait)), 429, quotaMessage(wait));
      if (!(await limits.ceiling.admit(reserved))) {
        await limits.hourly.refund(client, reserved);
        return refuse(reply, 507, STORAGE_FULL);
      }

      let received = 0;
      let heldOnDisk = reserved;
      // Bytes past the reservation (all of them, without a Content-Length) are counted as they arrive.
      async function* counted(body: AsyncIterable<Buffer>) {
        for await (const chunk of body) {
          const beyond = Math.min(chunk.byteLength, received + chunk.byteLength - Math.max(received, reserved));
          received += chunk.byteLength;
          if (beyond > 0) {
            const overQuota = await limits.hourly.take(client, beyond);
            if (overQuota) throw new QuotaReached(overQuota);
            if (!limits.ceiling.grow(beyond)) throw new StorageFull();
            heldOnDisk += beyond;
          }
          yield chunk;
        }
      }
      let stalled = false;
      request.raw.setTimeout(limits.idleMs, () => {
        stalled = true;
        request.raw.destroy();
      });
      try {
        const upload = await storage.save(
          { ownerId: request.ownerId, fileName, mediaType: request.headers['content-type'] ?? 'application/octet-stream' },
          counted(request.raw),
          { maxBytes: limitBytes },
        );
        return reply.code(201).send({ uploadId: upload.id, fileName: upload.fileName, size: upload.size });
      } catch (error) {
        if (error instanceof UploadTooLargeError) return refuse(reply, 413, error.message);
        if (error instanceof QuotaReached) return refuse(reply.header('retry-after', String(error.waitSeconds)), 429, quotaMessage(error.waitSeconds));
        if (error instanceof StorageFull) return refuse(reply, 507, STORAGE_FULL);
        if (stalled) {
          request.log.info({ received }, 'upload stalled and was cut off');
          return reply; // the connection is gone: nothing to answer
        }
        throw error;
      } finally {
        request.raw.setTimeout(0);
        // A declared length that never fully arrived is not held against the client.
        if (received < reserved) await limits.hourly.refund(client, reserved - received);
        limits.ceiling.release(heldOnDisk);
      }
    });
  });
}
