// What the kinds that screen records share: the batches a run's records split into, one batch
// screened and saved a checkpoint at a time (a retry continues after what was saved), and the LLM
// screener as the server configures it, its answers kept in the Postgres cache under model +
// criteria version + record content, so a retry or a second run asks nothing twice.
import { createLlmScreener, type Criteria, type ScreeningDecision, type Screener } from '@sift/screening';
import type { CacheValue } from './cache.ts';
import { TaskFailure } from './errors.ts';
import { loadScreeningRecords } from './data/screeningStore.ts';
import type { BatchContext, BatchPlan, TaskServices } from './taskKind.ts';

/** Records screened between two saves: the most a killed worker makes the next one redo. */
export const CHECKPOINT = 50;
/**
 * The most batches (jobs) one run may fan out into: a small batch size on a big project grows the
 * batches instead (batchSize 10 on 40,000 records made 4,000 jobs, crowding every other queue).
 */
export const MAX_BATCHES_PER_RUN = 100;
/** LLM answers are kept this long; the key holds model, criteria version and record content. */
const LLM_CACHE_TTL_SECONDS = 365 * 24 * 3600;

export const LLM_NOT_CONFIGURED = 'No LLM screener is configured on this server. The operator sets SIFT_LLM_BASE_URL (and SIFT_LLM_API_KEY, SIFT_LLM_MODELS) and restarts Sift; until then use the built-in screener.';

/** The batch size a run uses: the one asked for, never so small that the run passes MAX_BATCHES_PER_RUN. */
export function batchSizeFor(records: number, wanted: number): number {
  return Math.max(wanted, Math.ceil(records / MAX_BATCHES_PER_RUN));
}

/** Record ids in batches of `size` (grown to keep within MAX_BATCHES_PER_RUN), each batch's payload `{ recordIds }`. */
export function recordBatches(ids: readonly string[], size: number): BatchPlan[] {
  const batches: BatchPlan[] = [];
  const grown = batchSizeFor(ids.length, size);
  for (let start = 0; start < ids.length; start += grown) {
    const recordIds = ids.slice(start, start + grown);
    batches.push({ items: recordIds.length, payload: { recordIds } });
  }
  return batches;
}

/** The LLM screener of the server's settings, for one criteria version; a TaskFailure when none is configured. */
export function cachedLlmScreener({ settings, cache }: Pick<TaskServices, 'settings' | 'cache'>, criteriaId: string): Screener {
  if (!settings.llm) throw new TaskFailure('llm_not_configured', LLM_NOT_CONFIGURED);
  return createLlmScreener({
    ...settings.llm,
    criteriaVersion: criteriaId,
    cache: { get: (key) => cache.get(key), set: (key, value) => cache.set(key, value as CacheValue, LLM_CACHE_TTL_SECONDS) },
  });
}

/**
 * Screens one batch's records (`payload.recordIds`) that have no saved decision yet, saving every
 * CHECKPOINT records. `saved` finds what an earlier attempt saved; `save` must ignore a record
 * saved twice.
 */
export async function screenBatch(
  ctx: BatchContext<unknown>,
  work: {
    screener: Screener;
    criteria: Criteria;
    saved: (ids: readonly string[]) => Promise<Set<string>>;
    save: (decisions: readonly ScreeningDecision[]) => Promise<void>;
  },
): Promise<void> {
  const { db, batch, signal, progress, log } = ctx;
  const ids = (batch.payload as { recordIds: string[] }).recordIds;
  const done = await work.saved(ids);
  // Read once, screened and saved a checkpoint at a time.
  const remaining = await loadScreeningRecords(db, ids.filter((id) => !done.has(id)));
  let saved = ids.length - remaining.length;
  progress(saved);
  for (let start = 0; start < remaining.length; start += CHECKPOINT) {
    signal.throwIfAborted();
    const chunk = remaining.slice(start, start + CHECKPOINT);
    log('screening checkpoint', { first: chunk[0]?.id, records: chunk.length });
    const decisions = await work.screener.screen(chunk, work.criteria, { signal });
    signal.throwIfAborted();
    await work.save(decisions);
    saved += chunk.length;
    progress(saved);
  }
}
