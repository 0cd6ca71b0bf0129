import { mergeRouters } from './trpc.ts';
import { datasetRouter } from './router/dataset.ts';
import { literatureRouter } from './router/literature.ts';
import { screeningRouter } from './router/screening.ts';
import { settingsRouter } from './router/settings.ts';
import { taskRouter } from './router/task.ts';

export const appRouter = mergeRouters(taskRouter, datasetRouter, settingsRouter, literatureRouter, screeningRouter);

export type AppRouter = typeof appRouter;
