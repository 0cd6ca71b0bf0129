// The screening task kind: judges a project's de-duplicated records against one version of its
// criteria. It fans out into batches of records spread over all workers; a batch saves its
// decisions every CHECKPOINT records (screeningWork.ts), so a killed worker costs at most one
// checkpoint of work.
import { z } from 'zod';
import { createBuiltinScreener, type Screener } from '@sift/screening';
import { TaskFailure, TaskInputError } from '../../errors.ts';
import { requireProject } from '../../data/projectStore.ts';
import { cachedLlmScreener, LLM_NOT_CONFIGURED, batchSizeFor, recordBatches, screenBatch } from '../../screeningWork.ts';
import { DEFAULT_QUEUE_POLICY, defineBatchedTaskKind, type TaskServices } from '../../taskKind.ts';
import { decidedRecordIds, decisionCounts, findCriteria, saveDecisions, screenableRecordIds } from '../../data/screeningStore.ts';

/**
 * Records per batch job by default, so a batch takes minutes, not hours: an LLM answers in about a
 * second a record; the built-in screener does a thousand in well under a second, and bigger
 * batches spend less of the run between jobs.
 */
export const DEFAULT_BATCH_SIZE = { builtin: 1000, llm: 100 } as const;

/** The batch size a run uses: the one asked for (or the screener's default), grown to keep within MAX_BATCHES_PER_RUN. */
export function screeningBatchSize(records: number, input: Pick<ScreeningInput, 'batchSize' | 'screener'>): number {
  return batchSizeFor(records, input.batchSize ?? DEFAULT_BATCH_SIZE[input.screener]);
}

const screeningInput = z.object({
  projectId: z.uuid(),
  criteriaId: z.uuid(),
  screener: z.enum(['builtin', 'llm']).default('builtin'),
  batchSize: z.number().int().min(10).max(5000).optional(),
});

type ScreeningInput = z.infer<typeof screeningInput>;

const builtin = createBuiltinScreener();

function screenerFor(input: ScreeningInput, services: TaskServices): Screener {
  return input.screener === 'builtin' ? builtin : cachedLlmScreener(services, input.criteriaId);
}

export const screeningTask = defineBatchedTaskKind({
  name: 'screening',
  input: screeningInput,
  queue: { ...DEFAULT_QUEUE_POLICY, expireInSeconds: 10 * 60 },
  // A finished run ranks the records for review: by the criteria alone at first, then by the decisions too.
  followUp: (input) => ({ kind: 'screening-rank', input: { projectId: input.projectId } }),

  async prepare(input, { db, ownerId, settings }) {
    const project = await requireProject(db, ownerId, input.projectId);
    const criteria = await findCriteria(db, input.projectId, input.criteriaId);
    if (!criteria) throw new TaskInputError('Those criteria do not belong to this project. Save the criteria, then start screening.');
    if (input.screener === 'llm' && !settings.llm) throw new TaskInputError(LLM_NOT_CONFIGURED);
    return { title: `Screening · ${project.name} · criteria v${criteria.version}` };
  },

  batches: {
    // Each batch retries on its own; a dead worker is noticed by its missing heartbeat.
    queue: { ...DEFAULT_QUEUE_POLICY, expireInSeconds: 30 * 60 },
    unit: 'records',

    async plan({ db, input, progress }) {
      progress(0, 0, 'finding the records to screen');
      const ids = await screenableRecordIds(db, input.projectId);
      return { stage: 'screening', batches: recordBatches(ids, screeningBatchSize(ids.length, input)) };
    },

    async run(ctx) {
      const { db, taskId, input } = ctx;
      const criteria = await findCriteria(db, input.projectId, input.criteriaId);
      if (!criteria) throw new TaskFailure('criteria_missing', 'The criteria of this screening run were deleted.');
      await screenBatch(ctx, {
        screener: screenerFor(input, ctx),
        criteria: criteria.criteria,
        saved: (ids) => decidedRecordIds(db, taskId, ids),
        save: (decisions) => saveDecisions(db, { taskId, projectId: input.projectId, criteriaId: input.criteriaId }, decisions),
      });
    },

    finish: ({ tx, taskId }) => decisionCounts(tx, taskId),
  },
});
