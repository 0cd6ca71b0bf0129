// The built-in screener: offline, deterministic, hand-written rules over the criteria (see README).
import type { Criteria } from '../criteria.ts';
import type { ScreeningDecision, ScreeningRecord, Screener, ScreenOptions } from '../screener.ts';
import { compileCriteria } from './compile.ts';
import { decide } from './decide.ts';

export const BUILTIN_SCREENER_NAME = 'builtin@1';
/** How often a long batch checks its abort signal. */
const ABORT_CHECK_EVERY = 500;

export function createBuiltinScreener(): Screener {
  return {
    name: BUILTIN_SCREENER_NAME,
    async screen(records: readonly ScreeningRecord[], criteria: Criteria, options?: ScreenOptions): Promise<ScreeningDecision[]> {
      const compiled = compileCriteria(criteria);
      const decisions: ScreeningDecision[] = [];
      for (let index = 0; index < records.length; index++) {
        if (index % ABORT_CHECK_EVERY === 0) options?.signal?.throwIfAborted();
        const record = records[index] as ScreeningRecord;
        const verdict = decide(record, compiled);
        decisions.push({
          recordId: record.id,
          decision: verdict.decision,
          reason: verdict.reason,
          criterion: verdict.criterion,
          exclusionReason: verdict.exclusionReason,
          confidence: verdict.confidence,
          relevance: verdict.relevance,
          highlights: verdict.highlights,
          screener: BUILTIN_SCREENER_NAME,
        });
      }
      return decisions;
    },
  };
}
