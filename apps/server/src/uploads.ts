// PUT /api/uploads?name=<file name>: the raw file body streams into upload storage in one request
// (scripts, curl; the web app sends resumably, resumableUploads.ts). A body larger than the limit
// is refused from its Content-Length before any of it is read, or as soon as the streamed bytes
// pass it; the quota and the storage ceiling count it as it streams (uploadMeter.ts). A body that
// stalls is cut off. The file name is only ever
// stored and shown (uploads live in Postgres, never on disk), and it is cleaned first so it cannot
// pose as a path or as another name.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { UploadTooLargeError, type UploadStorage } from '@sift/tasks';
import { declaredLength, meterUpload, UploadRefused, type UploadLimits, type UploadMeter } from './uploadMeter.ts';

const MAX_NAME_CHARS = 255;
// Line breaks would split a header; other controls (NUL: PostgreSQL refuses it), lone surrogates and the bidirectional
// overrides and marks (U+202E turns "report\u202Etxt.exe" into "reportexe.txt" on screen) only hide what a name is.
const LINE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
const HIDING_CHARACTERS = /[\p{Cc}\p{Cs}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** The last segment of whatever path a client sent, without hiding characters, at most 255 characters with its extension kept. */
export function safeFileName(sent: string): string {
  const lastSegment = sent.split(/[\\/]/).pop() ?? '';
  const name = lastSegment.replace(LINE_BREAKS, ' ').replace(HIDING_CHARACTERS, '').replace(/ {2,}/g, ' ').trim();
  if (name === '.' || name === '..') return '';
  const characters = [...name];
  if (characters.length <= MAX_NAME_CHARS) return name;
  const extension = [...(/\.[^.\s]{1,16}$/.exec(name)?.[0] ?? '')];
  return characters.slice(0, MAX_NAME_CHARS - extension.length).join('') + extension.join('');
}

const refuse = (reply: FastifyReply, status: number, error: string) => reply.header('connection', 'close').code(status).send({ error });
const refuseMetered = (reply: FastifyReply, refused: UploadRefused) =>
  refuse(refused.retryAfterSeconds === null ? reply : reply.header('retry-after', String(refused.retryAfterSeconds)), refused.status, refused.message);

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
      const declared = declaredLength(request.headers['content-length']);
      if (declared !== undefined && declared > limitBytes) return refuse(reply, 413, new UploadTooLargeError(limitBytes).message);
      let meter: UploadMeter;
      try {
        meter = await meterUpload(limits, { ownerId: request.ownerId, address: request.ip }, declared);
      } catch (error) {
        if (error instanceof UploadRefused) return refuseMetered(reply, error);
        throw error;
      }

      let stalled = false;
      request.raw.setTimeout(limits.idleMs, () => {
        stalled = true;
        request.raw.destroy();
      });
      try {
        const upload = await storage.save(
          { ownerId: request.ownerId, fileName, mediaType: request.headers['content-type'] ?? 'application/octet-stream' },
          meter.count(request.raw),
          { maxBytes: limitBytes },
        );
        return reply.code(201).send({ uploadId: upload.id, fileName: upload.fileName, size: upload.size });
      } catch (error) {
        if (error instanceof UploadTooLargeError) return refuse(reply, 413, error.message);
        if (error instanceof UploadRefused) return refuseMetered(reply, error);
        if (stalled) {
          request.log.info('upload stalled and was cut off');
          return reply; // the connection is gone: nothing to answer
        }
        throw error;
      } finally {
        request.raw.setTimeout(0);
        await meter.settle();
      }
    });
  });
}
