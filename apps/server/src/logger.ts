// One structured (JSON lines) logger for the process; Fastify shares it.
import { pino } from 'pino';

export type Logger = pino.Logger;

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'sift' } });
}
