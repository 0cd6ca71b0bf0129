// The operations page's HTTP side: /ops leads to the page (a route of the web app), the page's
// sign-in lets this browser open pg-boss's dashboard, and the dashboard itself. The page's data
// and actions are tRPC procedures (packages/api, `ops.*`), admitted by the same gate.
import type { FastifyInstance } from 'fastify';
import { OPS_MESSAGES } from '@sift/api';
import type { OpsGate } from './opsAccess.ts';
import { registerQueueDashboard } from './queueDashboard.ts';

export function registerOpsRoutes(app: FastifyInstance, options: { gate: OpsGate; databaseUrl: string }): void {
  const { gate } = options;
  app.get('/ops', async (_request, reply) => reply.redirect('/#/ops'));

  app.post('/api/ops/session', async (request, reply) => {
    const access = gate.fromBearer(request);
    if (access.state === 'off') return reply.code(403).send({ error: OPS_MESSAGES.off });
    if (access.state === 'refused') return reply.code(401).send({ error: OPS_MESSAGES.refused });
    if (access.state === 'throttled') return reply.code(429).header('retry-after', String(access.waitSeconds)).send({ error: OPS_MESSAGES.throttled(access.waitSeconds) });
    gate.openDashboard(request, reply);
    return reply.code(204).send();
  });

  app.delete('/api/ops/session', async (_request, reply) => {
    gate.closeDashboard(reply);
    return reply.code(204).send();
  });

  registerQueueDashboard(app, options);
}
