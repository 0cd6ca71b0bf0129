// GET /api/datasets/:taskId/export?format=csv|xlsx: the clean data of one of the session's
// ready spreadsheet tasks as a download, streamed from Postgres; another owner's gets 404.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '@sift/db';
import { datasetCsv, datasetXlsx } from '@sift/tasks';

const params = z.object({ taskId: z.uuid() });
const query = z.object({ format: z.enum(['csv', 'xlsx']).default('csv') });

export function registerExportRoute(app: FastifyInstance, db: Db): void {
  app.get('/api/datasets/:taskId/export', async (request, reply) => {
    const parsedParams = params.safeParse(request.params);
    const parsedQuery = query.safeParse(request.query);
    if (!parsedParams.success || !parsedQuery.success) {
      return reply.code(400).send({ error: 'Use /api/datasets/<task id>/export?format=csv or ?format=xlsx.' });
    }
    const { taskId } = parsedParams.data;
    const notFound = () => reply.code(404).send({ error: 'Dataset not found. It may not be ready yet, or it belongs to another session.' });
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
    reply.hijack();
    reply.raw.writeHead(200, reply.getHeaders() as Record<string, string>);
    await xlsx.write(reply.raw).catch((error: unknown) => {
      request.log.error({ err: error, taskId }, 'xlsx export failed');
      reply.raw.destroy();
    });
  });
}

/** A Content-Disposition value that keeps non-ASCII names (e.g. Chinese sheet names) intact. */
function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
