// The built-in screener: offline, deterministic, hand-written rules over the criteria (see README).
import type { Criteria } from '../criteria.ts';
import type { ScreeningDecision, ScreeningRecord, Screener, ScreenOptions } from '../screener.ts';
import { analyseRecord } from './analysis.ts';
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
      for (const [index, record] of records.entries()) {
        if (index % ABORT_CHECK_EVERY === 0) options?.signal?.throwIfAborted();
        decisions.push({ recordId: record.id, ...decide(analyseRecord(record), compiled), screener: BUILTIN_SCREENER_NAME });
      }
      return decisions;
    },
  };
}
