// Column profiles built while rows stream past: one pass, constant work per cell, and memory
// bounded by the distinct-value cap rather than by the row count (past the cap, distinct values
// are still counted exactly, by hash, within a shared memory budget: hashCount.ts). "NA", "N/A",
// "-" and "." alone in a cell are missing values, counted apart from empty cells. The type rule: a column
// has the narrowest type that covers at least 95% of its non-missing values, trying integer,
// then decimal (integers and decimals), date, datetime (dates and datetimes), duration, boolean and text;
// when none does, it is 'mixed'. The 5% slack lets a stray "n/a" or "<5" leave a numeric
// column numeric; min, max and mean then describe its numbers (or dates) only. One zero-padded
// code ("007") makes a column's other digit strings ("123") codes too: it is a text column.
import type { CellValue } from '../types.ts';
import { distinctKey, keyHash, topValues, type DistinctKey } from './distinct.ts';
import { HashCount, SlotBudget } from './hashCount.ts';
import { durationText } from '../duration.ts';
import { BOOLEAN, classified, classify, CODE, DATE, DATETIME, DECIMAL, DURATION, INTEGER, KIND_COUNT, MISSING, TEXT } from './valueKind.ts';
import { Sum } from './sum.ts';

export type ColumnType = 'integer' | 'decimal' | 'date' | 'datetime' | 'duration' | 'boolean' | 'text' | 'mixed' | 'empty';

/** A type alias, not an interface, so it can be stored as JSON (see types.ts). */
export type ColumnProfile = {
  name: string;
  type: ColumnType;
  /** Empty cells, cells of only spaces, and the missing-value tokens below. */
  missing: number;
  /** How many of the missing cells held a missing-value token ("NA", "N/A", "-", "."), by token as written; absent when none did. */
  missingTokens?: { value: string; count: number }[];
  /** Distinct non-missing values: exact (see hashCount.ts), or a lower bound when distinctCapped. */
  distinct: number;
  /**
   * The sheet's distinct values outgrew the memory budget for counting them (millions), so
   * `distinct` is a lower bound. Past the tally cap (10,000 per column, fewer on very wide
   * sheets) `top` counts only the rows before the cap was reached.
   */
  distinctCapped: boolean;
  /**
   * Numbers for integer and decimal columns, ISO strings (as in the file) for date and datetime
   * columns, elapsed time ("36:00:00", as in the file) for duration columns, else null.
   */
  min: number | string | null;
  max: number | string | null;
  /** The mean; for date columns an ISO date, for datetime columns an ISO datetime (UTC), for durations to the second. */
  mean: number | string | null;
  /** The 5 most common values, most common first (ties in order of first appearance); for text, boolean and mixed columns. */
  top: { value: string; count: number }[];
  /** The first 3 distinct non-missing values, as read. */
  examples: CellValue[];
};

export interface ColumnProfiler {
  add(rows: readonly (readonly CellValue[])[]): void;
  result(): ColumnProfile[];
}

const MAJORITY = 0.95;
const MAX_EXAMPLES = 3;
const DAY_MS = 86_400_000;
/** Distinct values kept across all columns, and per column at most/least. */
const DISTINCT_BUDGET = 500_000;
const MAX_DISTINCT = 10_000;
const MIN_DISTINCT = 1_000;

class ColumnState {
  readonly kinds = new Array<number>(KIND_COUNT).fill(0);
  /** Integers written as text (every CSV integer), which become codes in a column that has a zero-padded one. */
  integerTexts = 0;
  readonly numbers = new Sum();
  numberMin = Infinity;
  numberMax = -Infinity;
  readonly dates = new Sum();
  dateMin = Infinity;
  dateMax = -Infinity;
  dateMinText = '';
  dateMaxText = '';
  /** Durations in seconds. */
  readonly durations = new Sum();
  durationMin = Infinity;
  durationMax = -Infinity;
  /** Position of each distinct value in `tallies`: one lookup per repeated value, not a get and a set. */
  readonly positions = new Map<DistinctKey, number>();
  readonly tallies: number[] = [];
  /** Past the tally cap: every distinct value's hash, counted exactly. */
  hashes: HashCount | null = null;
  /** Missing-value tokens as written (trimmed), with their counts. */
  readonly tokens = new Map<string, number>();
  readonly examples: CellValue[] = [];
}

export function createColumnProfiler(columns: readonly string[]): ColumnProfiler {
  const states = columns.map(() => new ColumnState());
  const cap = Math.max(MIN_DISTINCT, Math.min(MAX_DISTINCT, Math.floor(DISTINCT_BUDGET / Math.max(columns.length, 1))));
  const budget = new SlotBudget();
  return {
    add(rows) {
      for (const row of rows) {
        for (let index = 0; index < states.length; index++) add(states[index] as ColumnState, row[index] ?? null, cap, budget);
      }
    },
    result: () => states.map((state, index) => profile(columns[index] as string, state)),
  };
}

function add(state: ColumnState, value: CellValue, cap: number, budget: SlotBudget): void {
  const kind = classify(value);
  state.kinds[kind] = (state.kinds[kind] as number) + 1;
  if (kind === MISSING) {
    if (classified.token) state.tokens.set(classified.token, (state.tokens.get(classified.token) ?? 0) + 1);
    return;
  }
  if (kind === INTEGER || kind === DECIMAL) {
    if (kind === INTEGER && typeof value === 'string') state.integerTexts++;
    const number = classified.number;
    state.numbers.add(number);
    if (number < state.numberMin) state.numberMin = number;
    if (number > state.numberMax) state.numberMax = number;
  } else if (kind === DURATION) {
    const seconds = classified.number;
    state.durations.add(seconds);
    if (seconds < state.durationMin) state.durationMin = seconds;
    if (seconds > state.durationMax) state.durationMax = seconds;
  } else if (kind === DATE || kind === DATETIME) {
    const ms = classified.number;
    state.dates.add(ms);
    if (ms < state.dateMin) {
      state.dateMin = ms;
      state.dateMinText = String(value).trim();
    }
    if (ms > state.dateMax) {
      state.dateMax = ms;
      state.dateMaxText = String(value).trim();
    }
  }
  if (state.hashes?.full) return;
  const key = distinctKey(value as string | number | boolean);
  if (state.hashes) return state.hashes.add(keyHash(key));
  const position = state.positions.get(key);
  if (position !== undefined) state.tallies[position] = (state.tallies[position] as number) + 1;
  else if (state.tallies.length < cap) {
    state.positions.set(key, state.tallies.length);
    state.tallies.push(1);
    if (state.examples.length < MAX_EXAMPLES) state.examples.push(value);
  } else {
    // The cap: from here on only hashes are kept, the tallied values first.
    const hashes = new HashCount(budget);
    for (const counted of state.positions.keys()) hashes.add(keyHash(counted));
    hashes.add(keyHash(key));
    state.hashes = hashes;
  }
}

function profile(name: string, state: ColumnState): ColumnProfile {
  const { kinds } = state;
  const missing = kinds[MISSING] as number;
  const type = columnType(kinds, state.integerTexts);
  const numeric = type === 'integer' || type === 'decimal';
  const dated = type === 'date' || type === 'datetime';
  const elapsed = type === 'duration';
  return {
    name,
    type,
    missing,
    ...(state.tokens.size > 0 ? { missingTokens: [...state.tokens].map(([token, count]) => ({ value: token, count })) } : {}),
    distinct: state.hashes ? state.hashes.size : state.tallies.length,
    distinctCapped: state.hashes?.full ?? false,
    min: numeric ? state.numberMin : dated ? state.dateMinText : elapsed ? durationText(state.durationMin) : null,
    max: numeric ? state.numberMax : dated ? state.dateMaxText : elapsed ? durationText(state.durationMax) : null,
    mean: numeric ? state.numbers.mean() : dated ? isoMean(state.dates.mean(), type) : elapsed ? durationText(Math.round(state.durations.mean())) : null,
    top: type === 'text' || type === 'boolean' || type === 'mixed' ? topValues(state.positions, state.tallies, 5) : [],
    examples: state.examples,
  };
}

function columnType(kinds: readonly number[], integerTexts: number): ColumnType {
  const count = (kind: number) => kinds[kind] as number;
  const present = kinds.reduce((sum, n) => sum + n, 0) - count(MISSING);
  if (present === 0) return 'empty';
  const codes = count(CODE) > 0 ? count(CODE) + integerTexts : 0;
  const integers = count(INTEGER) - (codes > 0 ? integerTexts : 0);
  const covers = (n: number) => n >= present * MAJORITY;
  if (covers(integers)) return 'integer';
  if (covers(integers + count(DECIMAL))) return 'decimal';
  if (covers(count(DATE))) return 'date';
  if (covers(count(DATE) + count(DATETIME))) return 'datetime';
  if (covers(count(DURATION))) return 'duration';
  if (covers(count(BOOLEAN))) return 'boolean';
  if (covers(count(TEXT) + codes)) return 'text';
  return 'mixed';
}

function isoMean(ms: number, type: 'date' | 'datetime'): string {
  if (type === 'date') return new Date(Math.round(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
  return new Date(Math.round(ms / 1000) * 1000).toISOString().slice(0, 19);
}
