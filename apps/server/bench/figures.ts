// What a benchmark figure is: its section, unit and series of runs, and the row it becomes in a
// report (min / median / max, the ratio to its same-run baseline, the target). Shared by the
// sections that measure, the report that prints and stores, and the chart.
import type { Series } from './measure.ts';

/** The bench's sections, each run (and re-run) as a whole. */
export const SECTIONS = ['spreadsheet', 'literature', 'screening', 'queue', 'large', 'load', 'screening-quality', 'dedup-quality'] as const;
/** Sections that measure quality on real labelled data: no server, a table each instead of timed figures. */
export const QUALITY_SECTIONS = ['screening-quality', 'dedup-quality'] as const;
export type Section = (typeof SECTIONS)[number];

export type Unit = 'ms' | 'MB' | 'tasks/s' | 'rows/s' | 'records/s' | '% of a core' | 'errors' | 'statements';

export interface Summary {
  n: number;
  min: number;
  median: number;
  max: number;
  p99?: number;
}

export interface Figure {
  group: Section;
  /** The heading the figure is listed under. */
  section: string;
  name: string;
  unit: Unit;
  sift: Series;
  baseline?: Series & { name: string };
  target?: { text: string; met: (sift: Summary, ratio: number | undefined) => boolean };
  /** A short label: the figure goes into the chart and the README's headline table. */
  headline?: string;
}

export interface ReportRow {
  group: Section;
  section: string;
  figure: string;
  unit: Unit;
  sift: Summary;
  baseline?: Summary & { name: string };
  /** Sift's median divided by the baseline's. */
  ratio?: number;
  /** The ratio in words: "6.2x faster", "1.4x the memory", "0.93x the throughput". */
  comparison?: string;
  target?: string;
  met?: boolean;
  headline?: string;
}

const HIGHER_IS_BETTER = new Set<Unit>(['tasks/s', 'rows/s', 'records/s']);

export const higherIsBetter = (unit: Unit) => HIGHER_IS_BETTER.has(unit);

/** How many times better than the baseline (above 1: Sift is ahead), whatever the unit's direction. */
export function advantage(row: ReportRow): number | undefined {
  if (row.ratio === undefined || row.ratio === 0) return undefined;
  return higherIsBetter(row.unit) ? row.ratio : 1 / row.ratio;
}

