// Downloads, streamed from Postgres; another owner's data gets 404:
// GET /api/datasets/:taskId/export?format=csv|xlsx: the clean data of a ready spreadsheet task;
// GET /api/projects/:projectId/screening/:taskId/export?set=included|excluded|undecided|all&format=ris|csv|xlsx.
import { Readable, type Writable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '@sift/db';
import { datasetCsv, datasetXlsx, screeningDownload } from '@sift/tasks';

const params = z.object({ taskId: z.uuid() });
const query = z.object({ format: z.enum(['csv', 'xlsx']).default('csv') });
const screeningParams = z.object({ projectId: z.uuid(), taskId: z.uuid() });
const screeningQuery = z.object({ set: z.enum(['included', 'excluded', 'undecided', 'all']).default('included'), format: z.enum(['ris', 'csv', 'xlsx']).default('ris') });

export function registerExportRoutes(app: FastifyInstance, db: Db): void {
  app.get('/api/projects/:projectId/screening/:taskId/export', async (request, reply) => {
    const parsedParams = screeningParams.safeParse(request.params);
    const parsedQuery = screeningQuery.safeParse(request.query);
    if (!parsedParams.success || !parsedQuery.success) {
      return reply.code(400).send({ error: 'Use /api/projects/<project id>/screening/<task id>/export?set=included|excluded|undecided|all&format=ris|csv|xlsx.' });
    }
    const download = await screeningDownload(db, request.ownerId, { ...parsedParams.data, ...parsedQuery.data });
    if (!download) return reply.code(404).send({ error: 'Screening run not found. It may belong to another session.' });
    reply.header('content-type', download.contentType).header('content-disposition', attachment(download.fileName));
    if ('body' in download) return reply.send(download.body);
    if ('chunks' in download) return reply.send(Readable.from(download.chunks));
    return streamWriter(request, reply, download.write);
  });

  app.get('/api/datasets/:taskId/export', async (request, reply) => {
    const parsedParams = params.safeParse(request.params);
    const parsedQuery = query.safeParse(request.query);
    if (!parsedParams.success || !parsedQuery.success) {
      return reply.code(400).send({ error: 'Use /api/datasets/<task id>/export?format=csv or ?format=xlsx.' });
    }
    const { taskId } = parsedParams.data;
    const notFound = () => reply.code(404).send({ error: 'Dataset not found. It may not be ready yet, or it is not yours to see.' });
    if (parsedQuery.data.format === 'csv') {
      const csv = await datasetCsv(db, request.ownerId, taskId);
      if (!csv) return notFound();
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', attachment(csv.fileName))
        .send(Readable.from(csv.chunks));
    }
    const xlsx = await datasetXlsx(db, request.ownerId, taskId);
    if (!xlsx) return notFound();
    reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', attachment(xlsx.fileName));
    return streamWriter(request, reply, xlsx.write);
  });
}

/** Hands the raw response to a writer (ExcelJS's streaming XLSX); a failure mid-stream cuts the download. */
async function streamWriter(request: FastifyRequest, reply: FastifyReply, write: (output: Writable) => Promise<void>) {
  reply.hijack();
  reply.raw.writeHead(200, reply.getHeaders() as Record<string, string>);
  await write(reply.raw).catch((error: unknown) => {
    request.log.error({ err: error, url: request.url }, 'export failed');
    reply.raw.destroy();
  });
}

/**
 * A Content-Disposition value that keeps non-ASCII names (e.g. Chinese sheet names) intact. A
 * lone surrogate becomes U+FFFD first: encodeURIComponent throws on one.
 */
function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName.toWellFormed())}`;
}
