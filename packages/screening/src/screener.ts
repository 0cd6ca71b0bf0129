// The contract every screener keeps: records in, one explained decision per record out, in order.
import { createHash } from 'node:crypto';
import type { Criteria } from './criteria.ts';

export interface ScreeningRecord {
  id: string;
  title: string | null;
  abstract: string | null;
  year: number | null;
  language: string | null;
  publicationType: string | null;
  keywords: string[];
}

/** 'conflict' comes only from two screeners (or two models) that disagree. */
export type Decision = 'include' | 'exclude' | 'uncertain' | 'conflict';

/** UTF-16 offsets into the record's original title or abstract; `end` is exclusive. */
export interface Highlight {
  field: 'title' | 'abstract';
  start: number;
  end: number;
}

export interface ScreeningDecision {
  recordId: string;
  decision: Decision;
  /** One or two plain sentences a researcher reads. */
  reason: string;
  /** The criterion met or failed: "design", "population", "year", "language", "exclusion: paediatric", ... */
  criterion: string | null;
  /** A short PRISMA label when the decision is 'exclude', otherwise null. */
  exclusionReason: string | null;
  /** 0..1: how sure the screener is of `decision`. */
  confidence: number;
  /**
   * 0..1: how well the record fits the criteria, for ordering records most likely relevant first
   * (the built-in screener gives it; other screeners may not). Not a probability.
   */
  relevance?: number;
  highlights: Highlight[];
  /** "builtin@1", "llm:gpt-4o-mini", "llm:a+b" */
  screener: string;
}

export interface ScreenOptions {
  signal?: AbortSignal;
}

export interface Screener {
  readonly name: string;
  /** Decisions in the same order as `records`. */
  screen(records: readonly ScreeningRecord[], criteria: Criteria, options?: ScreenOptions): Promise<ScreeningDecision[]>;
}

/** sha256 (hex) of the fields a screener reads, so a cached answer is reused only for the same text. */
export function contentHash(record: ScreeningRecord): string {
  const fields = [record.title, record.abstract, record.year, record.language, record.publicationType, record.keywords];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}
