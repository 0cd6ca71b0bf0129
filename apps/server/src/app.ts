// The one HTTP server: the tRPC API under /trpc, uploads under /api/uploads (resumable: /tus), dataset downloads
// under /api/datasets, health under /healthz and /readyz, the operations page's sign-in and
// pg-boss's dashboard under /api/ops and /ops/queues, institutional sign-in under /api/auth/oidc,
// and the built web app for every other GET (client-side routes fall back to index.html).
import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import { createSessionResolver } from '@sift/accounts';
import { appRouter, errorReference, SIGN_IN_REQUIRED, type AppRouter } from '@sift/api';
import { createSharedLimit, storedUploadBytes, type RateClient } from '@sift/tasks';
import { mailSettings, oidcSettings, type Config } from './config.ts';
import type { Logger } from './logger.ts';
import type { Services } from './services.ts';
import { identify, signInCookie } from './session.ts';
import { registerErrorReplies } from './errorReplies.ts';
import { registerExportRoutes } from './exports.ts';
import { registerHealthRoutes } from './health.ts';
import { createMail } from './mail.ts';
import { registerOidcRoutes } from './oidc.ts';
import { createOpsGate } from './opsAccess.ts';
import { registerOpsRoutes } from './opsRoutes.ts';
import { registerProtection } from './protection.ts';
import { createStorageCeiling } from './storageCeiling.ts';
import { registerResumableUploads } from './resumableUploads.ts';
import type { UploadLimits } from './uploadMeter.ts';
import { registerUploadRoute } from './uploads.ts';

/** The most calls one tRPC batch may carry; past it the request is refused with 400. */
export const MAX_BATCH_CALLS = 20;

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
    // Behind a reverse proxy: who the client is (request.ip, for the audit log and the per-address
    // limits) and whether it came over https (Secure cookies, the CSP's upgrade) come from the
    // X-Forwarded-* headers, from the proxies named here only.
    trustProxy: trustedProxies(config.SIFT_TRUST_PROXY),
  });
  registerErrorReplies(app);
  registerProtection(app, { publicOrigins: config.SIFT_PUBLIC_URL ? [config.SIFT_PUBLIC_URL] : [] });
  await app.register(fastifyCookie, { secret: sessionSecret });
  app.decorateRequest('ownerId', '');
  app.decorateRequest('browserId', '');
  app.decorateRequest('signedIn', null);
  const sessions = createSessionResolver(services.db);
  const signInRequired = config.SIFT_SIGN_IN === 'required';
  app.addHook('onRequest', async (request, reply) => {
    await identify(request, reply, sessions);
    // Uploads and downloads (the tRPC procedures check for themselves; /api/ops has the admin token,
    // and /api/auth is how one signs in).
    const open = request.url.startsWith('/api/ops') || request.url.startsWith('/api/auth/');
    if (signInRequired && !request.signedIn && request.url.startsWith('/api/') && !open) {
      return reply.code(401).send({ error: SIGN_IN_REQUIRED });
    }
  });

  registerHealthRoutes(app, services);
  const opsGate = createOpsGate(config.SIFT_ADMIN_TOKEN);
  registerOpsRoutes(app, { gate: opsGate, databaseUrl: services.databaseUrl });

  const uploadLimitBytes = Math.round(config.SIFT_UPLOAD_LIMIT_MB * 1024 * 1024);
  const addressFactor = config.SIFT_ADDRESS_LIMIT_FACTOR;
  // Counted in Postgres, so every API process enforces the same limits, not a share each.
  const taskStarts = createSharedLimit(services.db, { name: 'task-starts', max: config.SIFT_MAX_TASKS_PER_MINUTE, windowMs: 60_000, addressFactor });
  const writes = createSharedLimit(services.db, { name: 'writes', max: config.SIFT_MAX_WRITES_PER_MINUTE, windowMs: 60_000, addressFactor });
  // Password guessing: 10 attempts per account and 40 per address in 15 minutes, across processes.
  const signInAttempts = createSharedLimit(services.db, { name: 'sign-in', max: 10, windowMs: 15 * 60_000, addressFactor });
  const uploadLimits: UploadLimits = {
    fileLimitBytes: uploadLimitBytes,
    hourly: createSharedLimit(services.db, { name: 'upload-bytes', max: config.SIFT_MAX_UPLOAD_MB_PER_HOUR * 1024 * 1024, windowMs: 60 * 60_000, addressFactor }),
    ceiling: createStorageCeiling(config.SIFT_STORAGE_LIMIT_GB * 1024 ** 3, () => storedUploadBytes(services.db)),
    idleMs: config.SIFT_UPLOAD_IDLE_SECONDS * 1000,
  };
  registerUploadRoute(app, services.storage, uploadLimits);
  registerResumableUploads(app, services.storage, uploadLimits);
  registerExportRoutes(app, services.db);
  const oidc = oidcSettings(config);
  if (oidc) registerOidcRoutes(app, services.db, oidc, config.SIFT_PUBLIC_URL);
  const mailer = mailSettings(config);
  const mail = mailer && createMail(mailer, log);

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
      // One request of hundreds of calls held up every other client's polls; the web app's
      // batch link sends at most this many (apps/web/src/main.tsx).
      maxBatchSize: MAX_BATCH_CALLS,
      createContext: ({ req, res }) => {
        const client: RateClient = { ownerId: req.ownerId, address: req.ip };
        return {
          ownerId: req.ownerId,
          signedIn: req.signedIn,
          browserId: req.browserId,
          signInCookie: signInCookie(req, res),
          userAgent: req.headers['user-agent'] ?? '',
          sessions,
          signIn: config.SIFT_SIGN_IN,
          takeSignInAttempt: (email: string) => signInAttempts.take({ ownerId: email, address: req.ip }),
          oidc: oidc && { name: oidc.name },
          mail,
          siteUrl: config.SIFT_PUBLIC_URL ?? `${req.protocol}://${req.host}`,
          ops: opsGate.fromBearer(req),
          db: services.db,
          tasks: services.tasks,
          cache: services.cache,
          operations: services.operations,
          uploadLimitBytes,
          trashDays: config.SIFT_TRASH_DAYS,
          llm: services.settings.llm && { models: [...services.settings.llm.models] },
          takeTaskStart: () => taskStarts.take(client),
          takeWrite: () => writes.take(client),
        };
      },
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

/** SIFT_TRUST_PROXY as Fastify takes it: a hop count becomes "trust the nearest n addresses". */
function trustedProxies(setting: Config['SIFT_TRUST_PROXY']): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (setting === undefined) return false;
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return setting;
}
