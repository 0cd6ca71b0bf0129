import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from './root.ts';

export { appRouter, type AppRouter } from './root.ts';
export { createCallerFactory, errorReference, OPS_MESSAGES, SIGN_IN_REQUIRED, type Context, type ApiServices, type Mail, type OpsAccess } from './trpc.ts';

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export { moveIntoAccount } from './router/account.ts';
