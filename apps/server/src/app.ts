// The one HTTP server: the tRPC API under /trpc, uploads under /api/uploads, dataset downloads
// under /api/datasets, health under /healthz and /readyz, the operations page's sign-in and
// pg-boss's dashboard under /api/ops and /ops/queues, and the built web app for every other GET
// (client-side routes fall back to index.html).
import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import { appRouter, errorReference, type AppRouter } from '@sift/api';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';
import type { Services } from './services.ts';
import { resolveOwner } from './session.ts';
import { registerErrorReplies } from './errorReplies.ts';
import { registerExportRoutes } from './exports.ts';
import { registerHealthRoutes } from './health.ts';
import { createOpsGate } from './opsAccess.ts';
import { registerOpsRoutes } from './opsRoutes.ts';
import { registerProtection } from './protection.ts';
import { createOwnerLimiter } from './rateLimits.ts';
import { registerUploadRoute } from './uploads.ts';

export async function buildApp(config: Config, services: Services, log: Logger, sessionSecret: string): Promise<FastifyInstance> {
  const logger: FastifyBaseLogger = log;
  const app = Fastify({
    loggerInstance: logger,
    // Status polling would log two lines per request; failures are logged where they happen.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    // tRPC batches name every procedure in one path segment ("getPrismaFlow,getScreening,..."): past
    // Fastify's default of 100 characters a page's batched reads would be refused with 414.
    maxParamLength: 5000,
  });
  registerErrorReplies(app);
  registerProtection(app);
  await app.register(fastifyCookie, { secret: sessionSecret });
  app.decorateRequest('ownerId', '');
  app.addHook('onRequest', async (request, reply) => {
    request.ownerId = resolveOwner(request, reply);
  });

  registerHealthRoutes(app, services);
  const opsGate = createOpsGate(config.SIFT_ADMIN_TOKEN);
  registerOpsRoutes(app, { gate: opsGate, databaseUrl: services.databaseUrl });

  const uploadLimitBytes = Math.round(config.SIFT_UPLOAD_LIMIT_MB * 1024 * 1024);
  const taskStarts = createOwnerLimiter({ max: config.SIFT_MAX_TASKS_PER_MINUTE, windowMs: 60_000 });
  const uploadBytes = createOwnerLimiter({ max: config.SIFT_MAX_UPLOAD_MB_PER_HOUR * 1024 * 1024, windowMs: 60 * 60_000 });
  registerUploadRoute(app, services.storage, { fileLimitBytes: uploadLimitBytes, hourly: uploadBytes });
  registerExportRoutes(app, services.db);

  // tRPC answers with a fetch Response, whose body Fastify would stream: chunked, in several socket
  // writes per request. Its JSON is small (the web app uses no streaming links), so it goes out
  // whole, with its length, in one write: a status poll's largest single cost on a busy server.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (!(payload instanceof Response)) return payload;
    reply.code(payload.status);
    payload.headers.forEach((value, name) => reply.header(name, value));
    return Buffer.from(await payload.arrayBuffer());
  });
  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      createContext: ({ req }) => ({
        ownerId: req.ownerId,
        ops: opsGate.fromBearer(req),
        db: services.db,
        tasks: services.tasks,
        cache: services.cache,
        operations: services.operations,
        uploadLimitBytes,
        llm: services.settings.llm && { models: [...services.settings.llm.models] },
        takeTaskStart: (ownerId) => taskStarts.take(ownerId),
      }),
      onError: ({ error, path: procedure }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') log.error({ err: error, procedure, errorReference: errorReference(error) }, 'tRPC procedure failed');
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
  });

  const webDist = path.resolve(config.SIFT_WEB_DIST);
  if (existsSync(path.join(webDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false });
    app.setNotFoundHandler((request, reply) => {
      if (request.method === 'GET' && !request.url.startsWith('/trpc') && !request.url.startsWith('/api')) {
        return reply.sendFile('index.html');
      }
      return reply.code(404).send({ error: 'Not found' });
    });
  } else {
    app.get('/', async (_request, reply) =>
      reply.type('text/plain').send('The web app is not built. Run `npm start` (builds it) or `npm run dev` for hot reload.'),
    );
  }
  return app;
}
