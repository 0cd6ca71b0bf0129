// pg-boss's own dashboard (@pg-boss/dashboard), mounted at /ops/queues behind the admin check:
// its overview, queue pages with their charts, job lists and warnings. It is a fetch-style
// handler, so Fastify hands it a web Request and streams its Response back.
//
// It is read-only here. Its write actions would change pg-boss jobs behind the task table's back
// (a job retried there finds its task already failed and does nothing) and skip the audit log;
// Sift's own page offers retry, cancel and redrive instead. Version 1.9 also bundles pg-boss
// 12.33, whose write path refuses our 12.38 schema ("requires migrations"), so those buttons
// could not work anyway, and neither can its single-job page.
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createDashboardHandler } from '@pg-boss/dashboard/handler';
import { OPS_MESSAGES } from '@sift/api';
import { DASHBOARD_PATH, type OpsGate } from './opsAccess.ts';

/** React Router renders inline scripts and styles; the rest of Sift keeps its stricter policy. */
const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
  "base-uri 'self'",
  "object-src 'none'",
].join('; ');

export function registerQueueDashboard(app: FastifyInstance, options: { databaseUrl: string; gate: OpsGate }): void {
  // The dashboard reads this switch from the environment only; it hides its write buttons.
  process.env.PGBOSS_DASHBOARD_READ_ONLY = '1';
  const dashboard = createDashboardHandler({ databases: [{ url: options.databaseUrl, name: 'sift' }], basePath: DASHBOARD_PATH });
  app.addHook('onClose', () => dashboard.close());

  async function forward(request: FastifyRequest, reply: FastifyReply) {
    const access = options.gate.fromDashboardCookie(request);
    if (access.state === 'off') return reply.code(403).type('text/plain; charset=utf-8').send(OPS_MESSAGES.off);
    if (access.state === 'throttled') return reply.code(429).header('retry-after', String(access.waitSeconds)).type('text/plain; charset=utf-8').send(OPS_MESSAGES.throttled(access.waitSeconds));
    if (access.state === 'refused') {
      return reply.code(401).type('text/plain; charset=utf-8').send('Open /ops and sign in with the admin token first; that lets this browser see the queue dashboard.');
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return reply.code(405).header('allow', 'GET, HEAD').type('text/plain; charset=utf-8').send(
        "pg-boss's dashboard is read-only in Sift. Retry, cancel and redrive from the operations page at /ops, which keeps each task in step with its job and records who acted.",
      );
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === 'string') headers.set(name, value);
    }
    const response = await dashboard(new Request(`${request.protocol}://${request.host}${request.url}`, { method: request.method, headers }));
    reply.code(response.status);
    response.headers.forEach((value, name) => {
      if (name !== 'content-length' && name !== 'transfer-encoding') reply.header(name, value);
    });
    reply.header('content-security-policy', DASHBOARD_CSP);
    return reply.send(response.body ? Readable.fromWeb(response.body) : null);
  }

  app.register(async (scope) => {
    // Bodies are never read here: a write is refused whatever it carries.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
    const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']; // Fastify answers HEAD through GET
    scope.route({ method: methods, url: DASHBOARD_PATH, handler: forward });
    scope.route({ method: methods, url: `${DASHBOARD_PATH}/*`, handler: forward });
  });
}
