import { mergeRouters, router } from './trpc.ts';
import { datasetRouter } from './router/dataset.ts';
import { literatureRouter } from './router/literature.ts';
import { opsRouter } from './router/ops.ts';
import { rankingRouter } from './router/ranking.ts';
import { screeningRouter } from './router/screening.ts';
import { secondOpinionRouter } from './router/secondOpinion.ts';
import { settingsRouter } from './router/settings.ts';
import { taskRouter } from './router/task.ts';

export const appRouter = mergeRouters(taskRouter, datasetRouter, settingsRouter, literatureRouter, screeningRouter, rankingRouter, secondOpinionRouter, router({ ops: opsRouter }));

export type AppRouter = typeof appRouter;
