// The screening-second-opinion task kind: asks the LLM screener about the records a finished
// built-in run left uncertain and those the ranking puts in its lower half, in batches spread over
// all workers, and saves each answer beside the screener's decision. Answers come from the LLM
// cache when the same model already judged the same record under the same criteria.
import { z } from 'zod';
import { TaskFailure, TaskInputError } from '../../errors.ts';
import { findRun } from '../../data/decisionsInForce.ts';
import { requireProject } from '../../data/projectStore.ts';
import { answeredRecordIds, opinionTally, saveOpinions, secondOpinionRecordIds, SECOND_OPINION_KIND } from '../../data/secondOpinion.ts';
import { cachedLlmScreener, LLM_NOT_CONFIGURED, recordBatches, screenBatch } from '../../screeningWork.ts';
import { DEFAULT_QUEUE_POLICY, defineBatchedTaskKind } from '../../taskKind.ts';

/** Records per batch job: an LLM answers about one a second, so a batch takes a minute or two. */
const BATCH_SIZE = 100;

export const screeningSecondOpinionTask = defineBatchedTaskKind({
  name: SECOND_OPINION_KIND,
  input: z.object({ projectId: z.uuid(), runId: z.uuid() }),
  queue: { ...DEFAULT_QUEUE_POLICY, expireInSeconds: 10 * 60 },

  async prepare(input, { db, ownerId, settings }) {
    const project = await requireProject(db, ownerId, input.projectId);
    if (!settings.llm) throw new TaskInputError(LLM_NOT_CONFIGURED);
    const run = await findRun(db, ownerId, input.projectId, input.runId);
    if (!run) throw new TaskInputError('That screening run was not found in this project.');
    if ((run.task.input as { screener?: string }).screener === 'llm') {
      throw new TaskInputError('This run was screened by the LLM already. A second opinion sets the LLM beside the built-in screener: ask for it on a built-in run.');
    }
    if (run.task.state !== 'ready') throw new TaskInputError('This screening run has not finished. Wait until it is ready (or try it again), then ask for a second opinion.');
    return { title: `Second opinion · ${project.name} · criteria v${run.criteria.version}` };
  },

  batches: {
    // Each batch retries on its own; answers already cached are not asked again.
    queue: { ...DEFAULT_QUEUE_POLICY, expireInSeconds: 30 * 60 },
    unit: 'records',

    async plan({ db, input, progress }) {
      progress(0, 0, 'finding the records to ask about');
      const ids = await secondOpinionRecordIds(db, input.projectId, input.runId);
      return { stage: 'asking the LLM', batches: recordBatches(ids, BATCH_SIZE) };
    },

    async run(ctx) {
      const { db, ownerId, input } = ctx;
      const run = await findRun(db, ownerId, input.projectId, input.runId);
      if (!run) throw new TaskFailure('run_missing', 'The screening run of this second opinion was deleted.');
      await screenBatch(ctx, {
        screener: cachedLlmScreener(ctx, run.criteria.id),
        criteria: run.criteria.criteria,
        saved: (ids) => answeredRecordIds(db, input.runId, ids),
        save: (opinions) => saveOpinions(db, { runId: input.runId, projectId: input.projectId }, opinions),
      });
    },

    finish: ({ tx, input }) => opinionTally(tx, input.projectId, input.runId),
  },
});
