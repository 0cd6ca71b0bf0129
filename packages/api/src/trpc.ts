// tRPC setup: the request context (the owner, taken from the session cookie by the server, and
// the services) and the procedure builders. Every procedure acts for exactly one owner.
import { initTRPC } from '@trpc/server';
import type { Db } from '@sift/db';
import type { TaskService } from '@sift/tasks';

export interface ApiServices {
  db: Db;
  tasks: TaskService;
  uploadLimitBytes: number;
}

export interface Context extends ApiServices {
  ownerId: string;
}

const t = initTRPC.context<Context>().create();

export const router = t.router;
export const mergeRouters = t.mergeRouters;
export const publicProcedure = t.procedure;
export const createCallerFactory = t.createCallerFactory;
