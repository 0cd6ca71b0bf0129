// `npm run worker`: a process that only runs tasks, against the same database as the server
// (DATABASE_URL, or the embedded cluster a running `npm start` owns). With
// SIFT_WORKER_HEALTH_PORT set it also answers /healthz and /readyz there, for compose.
import Fastify from 'fastify';
import { loadConfig } from './config.ts';
import { registerHealthRoutes } from './health.ts';
import { createLogger } from './logger.ts';
import { startServices } from './services.ts';
import { onShutdownSignal } from './shutdown.ts';

const config = loadConfig();
const log = createLogger(config.LOG_LEVEL);
const services = await startServices(config, log, { workers: true, processName: 'worker' });
const health = config.SIFT_WORKER_HEALTH_PORT ? Fastify() : null; // probes every few seconds: not worth a log line
if (health) {
  registerHealthRoutes(health, services);
  await health.listen({ port: config.SIFT_WORKER_HEALTH_PORT, host: config.HOST });
}
console.log(`Sift worker running (concurrency ${config.SIFT_WORKER_CONCURRENCY} per task kind)`);
onShutdownSignal(log, async () => {
  await health?.close();
  await services.stop();
});
