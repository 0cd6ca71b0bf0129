// PUT /api/uploads?name=<file name>: the raw file body streams into upload storage. A body
// larger than the limit is refused from its Content-Length before any of it is read, or as
// soon as the streamed bytes pass the limit when no length was sent; an owner past the hourly
// upload quota is refused before anything is read. The file name is only ever stored and shown
// (uploads live in Postgres, never on disk), and it is cleaned first so it cannot pose as a path
// or as another name.
import type { FastifyInstance } from 'fastify';
import { UploadTooLargeError, type UploadStorage } from '@sift/tasks';
import type { OwnerLimiter } from './rateLimits.ts';

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

export function registerUploadRoute(app: FastifyInstance, storage: UploadStorage, limits: { fileLimitBytes: number; hourly: OwnerLimiter }): void {
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
      if (Number.isFinite(declared) && declared > limitBytes) {
        reply.header('connection', 'close');
        return reply.code(413).send({ error: new UploadTooLargeError(limitBytes).message });
      }
      const wait = limits.hourly.wouldExceed(request.ownerId, Number.isFinite(declared) ? declared : 0);
      if (wait) {
        reply.header('connection', 'close').header('retry-after', String(wait));
        return reply.code(429).send({ error: `You uploaded a lot in the last hour. Wait ${Math.ceil(wait / 60)} min, then try again.` });
      }
      try {
        const upload = await storage.save(
          { ownerId: request.ownerId, fileName, mediaType: request.headers['content-type'] ?? 'application/octet-stream' },
          request.raw,
          { maxBytes: limitBytes },
        );
        limits.hourly.take(request.ownerId, upload.size);
        return reply.code(201).send({ uploadId: upload.id, fileName: upload.fileName, size: upload.size });
      } catch (error) {
        if (error instanceof UploadTooLargeError) {
          reply.header('connection', 'close');
          return reply.code(413).send({ error: error.message });
        }
        throw error;
      }
    });
  });
}
