// Resumable uploads for the web app, by the tus protocol (tus.io: @tus/server here, tus-js-client in
// the browser): POST /api/uploads/tus begins an upload of a declared length, PATCH appends at the
// offset stored, HEAD tells that offset after a reload or a lost connection, DELETE cancels. The
// bytes go to the same UploadStorage, limit, quota and ceiling as a one-request PUT (uploads.ts).
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DataStore, ERRORS, Server, Upload } from '@tus/server';
import { UploadClosedError, UploadOffsetError, UploadTooLargeError, type UploadInfo, type UploadStorage } from '@sift/tasks';
import { declaredLength, meterUpload, UploadRefused, type UploadLimits, type UploadMeter } from './uploadMeter.ts';
import { safeFileName } from './uploads.ts';

export const RESUMABLE_UPLOAD_PATH = '/api/uploads/tus';

/** Who is asking, and the meter counting this request's body: set per request, read by the store. */
interface RequestScope {
  ownerId: string;
  /** Null for a request that sends no bytes (HEAD, DELETE, OPTIONS). */
  meter: UploadMeter | null;
}

type TusError = { status_code: number; body: string };
const tusError = (status_code: number, body: string): TusError => ({ status_code, body });
const NOT_THERE = 'This upload is no longer kept (finished, cancelled or abandoned). Choose the file again to upload it anew.';

/** @tus/server's view of UploadStorage: every call acts for the request's owner only. */
class PostgresTusStore extends DataStore {
  private readonly storage: UploadStorage;
  private readonly scope: AsyncLocalStorage<RequestScope>;

  constructor(storage: UploadStorage, scope: AsyncLocalStorage<RequestScope>) {
    super();
    this.storage = storage;
    this.scope = scope;
    // No 'creation-defer-length': the browser always knows the file's size, and so the limits can be checked first.
    this.extensions = ['creation', 'creation-with-upload', 'termination'];
  }

  private get request(): RequestScope {
    const scope = this.scope.getStore();
    if (!scope) throw new Error('a resumable upload call outside a request');
    return scope;
  }

  override async create(upload: Upload): Promise<Upload> {
    const fileName = safeFileName(upload.metadata?.filename ?? '');
    const mediaType = upload.metadata?.filetype || 'application/octet-stream';
    await this.storage.begin({ id: upload.id, ownerId: this.request.ownerId, fileName, mediaType }, upload.size ?? 0);
    return upload;
  }

  override async getUpload(id: string): Promise<Upload> {
    const stored = await this.storage.info(id, this.request.ownerId);
    if (!stored || stored.expectedSize === null) throw ERRORS.FILE_NOT_FOUND;
    return toTus(stored);
  }

  override async write(body: Readable, id: string, offset: number): Promise<number> {
    const { ownerId, meter } = this.request;
    if (!meter || !(await this.storage.info(id, ownerId))) throw ERRORS.FILE_NOT_FOUND;
    try {
      return (await this.storage.append(id, offset, meter.count(body))).size;
    } catch (error) {
      if (error instanceof UploadOffsetError) throw ERRORS.INVALID_OFFSET;
      if (error instanceof UploadClosedError) throw tusError(410, NOT_THERE);
      if (error instanceof UploadTooLargeError) throw tusError(413, error.message);
      if (error instanceof UploadRefused) throw tusError(error.status, error.message);
      throw error;
    }
  }

  override async remove(id: string): Promise<void> {
    if (!(await this.storage.info(id, this.request.ownerId)) || !(await this.storage.discard(id))) throw ERRORS.FILE_NOT_FOUND;
  }
}

function toTus(stored: UploadInfo): Upload {
  return new Upload({ id: stored.id, size: stored.expectedSize ?? stored.size, offset: stored.size, metadata: { filename: stored.fileName, filetype: stored.mediaType } });
}

// What the researcher reads when the protocol itself refuses (tus-js-client shows the body).
const PLAIN_WORDS: Record<number, string> = {
  404: NOT_THERE,
  409: 'Another tab or window is sending this file right now. Wait for it, or cancel it there.',
  410: NOT_THERE,
};

export function registerResumableUploads(app: FastifyInstance, storage: UploadStorage, limits: UploadLimits): void {
  const scope = new AsyncLocalStorage<RequestScope>();
  const tus = new Server({
    path: RESUMABLE_UPLOAD_PATH,
    datastore: new PostgresTusStore(storage, scope),
    maxSize: limits.fileLimitBytes,
    relativeLocation: true,
    disableTerminationForFinishedUploads: true,
    namingFunction: () => randomUUID(),
    async onUploadCreate(_request, upload) {
      if (!safeFileName(upload.metadata?.filename ?? '')) throw tusError(400, 'Send the file name as the upload’s "filename" metadata.');
      if ((upload.size ?? 0) > limits.fileLimitBytes) throw tusError(413, new UploadTooLargeError(limits.fileLimitBytes).message);
      return {};
    },
    onResponseError(_request, error) {
      const status = 'status_code' in error ? error.status_code : 500;
      if (status === 413) return { status_code: 413, body: new UploadTooLargeError(limits.fileLimitBytes).message };
      const words = PLAIN_WORDS[status];
      return words ? { status_code: status, body: words } : undefined;
    },
  });

  app.register(async (routes) => {
    // tus reads the raw request stream itself.
    routes.removeAllContentTypeParsers();
    routes.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

    const handle = async (request: FastifyRequest, reply: FastifyReply) => {
      const sendsBytes = request.method === 'PATCH' || request.method === 'POST';
      let meter: UploadMeter | null = null;
      try {
        if (sendsBytes) meter = await meterUpload(limits, { ownerId: request.ownerId, address: request.ip }, declaredLength(request.headers['content-length']));
      } catch (error) {
        if (!(error instanceof UploadRefused)) throw error;
        if (error.retryAfterSeconds !== null) reply.header('retry-after', String(error.retryAfterSeconds));
        return reply.header('connection', 'close').code(error.status).type('text/plain; charset=utf-8').send(error.message);
      }
      request.raw.setTimeout(limits.idleMs, () => request.raw.destroy());
      try {
        // As a fetch Request, so the answer goes back through Fastify's hooks (a new browser's cookie, the security headers).
        const asFetch = new Request(new URL(request.url, 'http://sift.invalid'), {
          method: request.method,
          headers: request.headers as Record<string, string>,
          body: sendsBytes ? (Readable.toWeb(request.raw) as ReadableStream<Uint8Array>) : null,
          duplex: 'half',
        } as RequestInit);
        return reply.send(await scope.run({ ownerId: request.ownerId, meter }, () => tus.handleWeb(asFetch)));
      } finally {
        request.raw.setTimeout(0);
        await meter?.settle();
      }
    };
    routes.all(RESUMABLE_UPLOAD_PATH, handle);
    routes.all(`${RESUMABLE_UPLOAD_PATH}/:id`, handle);
  });
}
