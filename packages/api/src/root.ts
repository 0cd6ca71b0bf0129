import { mergeRouters, router } from './trpc.ts';
import { datasetRouter } from './router/dataset.ts';
import { literatureRouter } from './router/literature.ts';
import { opsRouter } from './router/ops.ts';
import { possibleDuplicatesRouter } from './router/possibleDuplicates.ts';
import { rankingRouter } from './router/ranking.ts';
import { screeningRouter } from './router/screening.ts';
import { settingsRouter } from './router/settings.ts';
import { taskRouter } from './router/task.ts';

export const appRouter = mergeRouters(taskRouter, datasetRouter, settingsRouter, literatureRouter, possibleDuplicatesRouter, screeningRouter, rankingRouter, router({ ops: opsRouter }));

export type AppRouter = typeof appRouter;
