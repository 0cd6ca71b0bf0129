// Health endpoints for orchestrators and compose: /healthz says the process answers (liveness);
// /readyz says it can do its job: database reachable, migrations applied, workers started
// (readiness), with each check's result in the body.
import type { FastifyInstance } from 'fastify';
import type { Services } from './services.ts';

export function registerHealthRoutes(app: FastifyInstance, services: Pick<Services, 'readiness'>): void {
  app.get('/healthz', async () => ({ ok: true }));
  app.get('/readyz', async (_request, reply) => {
    const readiness = await services.readiness();
    return reply.code(readiness.ready ? 200 : 503).header('cache-control', 'no-store').send(readiness);
  });
}
