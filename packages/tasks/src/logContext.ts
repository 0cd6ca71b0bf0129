// Which task a piece of work belongs to, carried through its async calls: the runner runs each
// job inside `taskLogContext.run(...)`, and the process's logger adds the fields to every line
// logged meanwhile, including lines from code that never sees the task (storage, cache, Prisma).
import { AsyncLocalStorage } from 'node:async_hooks';

export interface TaskLogFields {
  taskId: string;
  jobId: string;
  kind: string;
  attempt: number;
}

export const taskLogContext = new AsyncLocalStorage<TaskLogFields>();
