// The screening task kind: judges a project's de-duplicated records against one version of its
// criteria. It fans out into batches of records spread over all workers; a batch saves its
// decisions every CHECKPOINT records, so a killed worker costs at most one checkpoint of work.
import { z } from 'zod';
import { createBuiltinScreener, createLlmScreener, type Screener } from '@sift/screening';
import type { CacheValue } from '../../cache.ts';
import { TaskFailure, TaskInputError } from '../../errors.ts';
import { requireProject } from '../../data/projectStore.ts';
import { DEFAULT_QUEUE_POLICY, defineBatchedTaskKind, type TaskServices } from '../../taskKind.ts';
import {
  decidedRecordIds, decisionCounts, findCriteria, loadScreeningRecords, saveDecisions, screenableRecordIds,
} from '../../data/screeningStore.ts';

/** Records screened between two saves: the most a killed worker makes the next one redo. */
export const CHECKPOINT = 50;
/**
 * Records per batch job by default, so a batch takes minutes, not hours: an LLM answers in about a
 * second a record; the built-in screener does a thousand in well under a second, and bigger
 * batches spend less of the run between jobs.
 */
export const DEFAULT_BATCH_SIZE = { builtin: 1000, llm: 100 } as const;
/**
 * The most batches (jobs) one run may fan out into: a small `batchSize` on a big project grows the
 * batches instead (batchSize 10 on 40,000 records made 4,000 jobs, crowding every other queue).
 */
export const MAX_BATCHES_PER_RUN = 100;

/** The batch size a run uses: the one asked for (or the screener's default), never so small that the run passes MAX_BATCHES_PER_RUN. */
export function screeningBatchSize(records: number, input: Pick<ScreeningInput, 'batchSize' | 'screener'>): number {
  return Math.max(input.batchSize ?? DEFAULT_BATCH_SIZE[input.screener], Math.ceil(records / MAX_BATCHES_PER_RUN));
}
/** LLM answers are kept this long; the key holds model, criteria version and record content. */
const LLM_CACHE_TTL_SECONDS = 365 * 24 * 3600;

const screeningInput = z.object({
  projectId: z.uuid(),
  criteriaId: z.uuid(),
  screener: z.enum(['builtin', 'llm']).default('builtin'),
  batchSize: z.number().int().min(10).max(5000).optional(),
});

type ScreeningInput = z.infer<typeof screeningInput>;

const builtin = createBuiltinScreener();

function screenerFor(input: ScreeningInput, { settings, cache }: TaskServices): Screener {
  if (input.screener === 'builtin') return builtin;
  if (!settings.llm) throw new TaskFailure('llm_not_configured', 'No LLM endpoint is configured on this server (SIFT_LLM_BASE_URL). Use the built-in screener.');
  return createLlmScreener({
    ...settings.llm,
    criteriaVersion: input.criteriaId,
    cache: { get: (key) => cache.get(key), set: (key, value) => cache.set(key, value as CacheValue, LLM_CACHE_TTL_SECONDS) },
  });
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
    if (input.screener === 'llm' && !settings.llm) throw new TaskInputError('No LLM endpoint is configured on this server. Use the built-in screener.');
    return { title: `Screening · ${project.name} · criteria v${criteria.version}` };
  },

  batches: {
    // Each batch retries on its own; a dead worker is noticed by its missing heartbeat.
    queue: { ...DEFAULT_QUEUE_POLICY, expireInSeconds: 30 * 60 },
    unit: 'records',

    async plan({ db, input, progress }) {
      progress(0, 0, 'finding the records to screen');
      const ids = await screenableRecordIds(db, input.projectId);
      const batches = [];
      const size = screeningBatchSize(ids.length, input);
      for (let start = 0; start < ids.length; start += size) {
        const recordIds = ids.slice(start, start + size);
        batches.push({ items: recordIds.length, payload: { recordIds } });
      }
      return { stage: 'screening', batches };
    },

    async run(ctx) {
      const { db, taskId, input, batch, signal, progress, log } = ctx;
      const criteria = await findCriteria(db, input.projectId, input.criteriaId);
      if (!criteria) throw new TaskFailure('criteria_missing', 'The criteria of this screening run were deleted.');
      const screener = screenerFor(input, ctx);
      const ids = (batch.payload as { recordIds: string[] }).recordIds;
      const decided = await decidedRecordIds(db, taskId, ids);
      // Read once, screened and saved a checkpoint at a time.
      const remaining = await loadScreeningRecords(db, ids.filter((id) => !decided.has(id)));
      let saved = ids.length - remaining.length;
      progress(saved);
      for (let start = 0; start < remaining.length; start += CHECKPOINT) {
        signal.throwIfAborted();
        const chunk = remaining.slice(start, start + CHECKPOINT);
        log('screening checkpoint', { first: chunk[0]?.id, records: chunk.length });
        const decisions = await screener.screen(chunk, criteria.criteria, { signal });
        signal.throwIfAborted();
        await saveDecisions(db, { taskId, projectId: input.projectId, criteriaId: input.criteriaId }, decisions);
        saved += chunk.length;
        progress(saved);
      }
    },

    finish: ({ tx, taskId }) => decisionCounts(tx, taskId),
  },
});
