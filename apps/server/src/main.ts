// `npm start`: database, workers, API and web app in one process, on one URL.
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { startServices } from './services.ts';
import { loadSessionSecret } from './session.ts';
import { onShutdownSignal } from './shutdown.ts';

const config = loadConfig();
const log = createLogger(config.LOG_LEVEL);
const services = await startServices(config, log, { workers: config.SIFT_WORKERS });
const app = await buildApp(config, services, log, await loadSessionSecret(config.SIFT_SESSION_SECRET, config.SIFT_DATA_DIR));
await app.listen({ port: config.PORT, host: config.HOST });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : config.PORT;
console.log(`Sift is running at http://localhost:${port} (database: ${config.DATABASE_URL ? 'DATABASE_URL' : 'embedded'}, workers: ${services.workers ? 'on' : 'off'})`);

onShutdownSignal(log, async () => {
  await app.close();
  await services.stop();
});
