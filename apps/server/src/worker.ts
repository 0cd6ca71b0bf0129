// `npm run worker`: a process that only runs tasks, against the same database as the server
// (DATABASE_URL, or the embedded cluster a running `npm start` owns).
import { loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { startServices } from './services.ts';
import { onShutdownSignal } from './shutdown.ts';

const config = loadConfig();
const log = createLogger(config.LOG_LEVEL);
const services = await startServices(config, log, { workers: true });
console.log(`Sift worker running (concurrency ${config.SIFT_WORKER_CONCURRENCY} per task kind)`);
onShutdownSignal(log, () => services.stop());
