import { mergeRouters } from './trpc.ts';
import { datasetRouter } from './router/dataset.ts';
import { settingsRouter } from './router/settings.ts';
import { taskRouter } from './router/task.ts';

export const appRouter = mergeRouters(taskRouter, datasetRouter, settingsRouter);

export type AppRouter = typeof appRouter;
