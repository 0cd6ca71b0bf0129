// One structured (JSON lines) logger for the process; Fastify shares it. A line logged while a
// task's job runs carries that task's taskId, jobId, kind and attempt (see @sift/tasks
// taskLogContext), so one task's work can be followed through the log.
import { pino } from 'pino';
import { taskLogContext } from '@sift/tasks';

export type Logger = pino.Logger;

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { service: 'sift' }, mixin: () => ({ ...taskLogContext.getStore() }) }, destination);
}
