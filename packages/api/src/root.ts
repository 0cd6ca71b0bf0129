import { mergeRouters, router } from './trpc.ts';
import { accountRouter } from './router/account.ts';
import { datasetRouter } from './router/dataset.ts';
import { dualScreeningRouter } from './router/dualScreening.ts';
import { fullTextsRouter } from './router/fullTexts.ts';
import { literatureRouter } from './router/literature.ts';
import { membersRouter } from './router/members.ts';
import { opsRouter } from './router/ops.ts';
import { possibleDuplicatesRouter } from './router/possibleDuplicates.ts';
import { rankingRouter } from './router/ranking.ts';
import { screeningRouter } from './router/screening.ts';
import { secondOpinionRouter } from './router/secondOpinion.ts';
import { settingsRouter } from './router/settings.ts';
import { taskRouter } from './router/task.ts';
import { trashRouter } from './router/trash.ts';

export const appRouter = mergeRouters(
  accountRouter, taskRouter, datasetRouter, settingsRouter, literatureRouter, possibleDuplicatesRouter, membersRouter, screeningRouter, rankingRouter,
  dualScreeningRouter, secondOpinionRouter, fullTextsRouter, trashRouter, router({ ops: opsRouter }),
);

export type AppRouter = typeof appRouter;
