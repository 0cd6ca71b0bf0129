// The benchmark's figures and how they are reported. A figure keeps one value per run (shown as
// min / median / max), the single calls behind those values where a run makes many (for p99),
// and, where one exists, a baseline measured in the same run: medians are compared as a ratio, so
// a noisy shared machine slows both sides alike. Writes the console table, JSON and Markdown.
import { median, percentile } from './measure.ts';

export type Unit = 'ms' | 'MB' | 'tasks/s' | 'rows/s' | '% of a core' | 'errors';

export interface Series {
  /** One value per run. */
  runs: number[];
  /** Every single call's value, when a run's value is the median of many calls. */
  calls?: number[];
}

export interface Summary {
  n: number;
  min: number;
  median: number;
  max: number;
  p99?: number;
}

export interface Figure {
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

const HIGHER_IS_BETTER = new Set<Unit>(['tasks/s', 'rows/s']);

export const higherIsBetter = (unit: Unit) => HIGHER_IS_BETTER.has(unit);

export function summarise(series: Series): Summary {
  const sorted = [...series.runs].sort((a, b) => a - b);
  if (!sorted.length) throw new Error('A figure needs at least one run.');
  return {
    n: sorted.length,
    min: sorted[0]!,
    median: median(sorted),
    max: sorted.at(-1)!,
    ...(series.calls?.length ? { p99: percentile(series.calls, 0.99) } : {}),
  };
}

export function toRow(figure: Figure): ReportRow {
  const sift = summarise(figure.sift);
  const baseline = figure.baseline && { name: figure.baseline.name, ...summarise(figure.baseline) };
  const ratio = baseline && baseline.median > 0 ? sift.median / baseline.median : undefined;
  return {
    section: figure.section,
    figure: figure.name,
    unit: figure.unit,
    sift,
    ...(baseline ? { baseline } : {}),
    ...(ratio !== undefined ? { ratio, comparison: compare(ratio, figure.unit) } : {}),
    ...(figure.target ? { target: figure.target.text, met: figure.target.met(sift, ratio) } : {}),
    ...(figure.headline ? { headline: figure.headline } : {}),
  };
}

/** How many times better than the baseline (above 1: Sift is ahead), whatever the unit's direction. */
export function advantage(row: ReportRow): number | undefined {
  if (row.ratio === undefined || row.ratio === 0) return undefined;
  return higherIsBetter(row.unit) ? row.ratio : 1 / row.ratio;
}

function compare(ratio: number, unit: Unit): string {
  if (higherIsBetter(unit)) return `${times(ratio)} the throughput`;
  if (unit === 'MB') return ratio <= 1 ? `${times(1 / ratio)} less memory` : `${times(ratio)} the memory`;
  if (unit === 'ms') return ratio <= 1 ? `${times(1 / ratio)} faster` : `${times(ratio)} slower`;
  return `${times(ratio)} the baseline`;
}

const times = (value: number) => `${value >= 10 ? Math.round(value) : value.toFixed(2)}x`;

/** Rounds for display: three significant figures, whole numbers from 100 up. */
export function formatNumber(value: number): string {
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en');
  return Number(value.toPrecision(3)).toString();
}

export function markdownTable(rows: ReportRow[]): string {
  const lines = [
    '| figure | n | min | median | max | p99 | unit | baseline (same run) | baseline median | Sift vs baseline | target | |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  let section = '';
  for (const row of rows) {
    if (row.section !== section) {
      section = row.section;
      lines.push(`| **${section}** | | | | | | | | | | | |`);
    }
    const { sift, baseline } = row;
    lines.push(
      `| ${[
        row.figure,
        sift.n,
        formatNumber(sift.min),
        formatNumber(sift.median),
        formatNumber(sift.max),
        sift.p99 === undefined ? '' : formatNumber(sift.p99),
        row.unit,
        baseline?.name ?? '',
        baseline ? formatNumber(baseline.median) : '',
        row.comparison ?? '',
        row.target ?? '',
        row.met === undefined ? '' : row.met ? 'met' : '**NOT met**',
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

/** The headline figures as the README shows them: one line each, Sift beside its baseline. */
export function headlineTable(rows: ReportRow[]): string {
  const lines = ['| figure | Sift (median) | baseline, same run (median) | Sift vs baseline | target |', '| --- | --- | --- | --- | --- |'];
  for (const row of rows.filter((candidate) => candidate.headline)) {
    const value = (middle: number) => `${formatNumber(middle)} ${row.unit}`;
    const target = row.target ? `${row.target}: ${row.met ? 'met' : '**NOT met**'}` : '';
    lines.push(
      `| ${row.headline} | ${value(row.sift.median)} | ${row.baseline ? `${row.baseline.name}: ${value(row.baseline.median)}` : ''} | ${row.comparison ?? ''} | ${target} |`,
    );
  }
  return lines.join('\n');
}

export function consoleTable(rows: ReportRow[]): void {
  console.table(
    rows.map((row) => ({
      figure: row.figure.length > 70 ? `${row.figure.slice(0, 69)}…` : row.figure,
      n: row.sift.n,
      min: formatNumber(row.sift.min),
      median: formatNumber(row.sift.median),
      max: formatNumber(row.sift.max),
      p99: row.sift.p99 === undefined ? '' : formatNumber(row.sift.p99),
      unit: row.unit,
      baseline: row.baseline ? `${row.baseline.name}: ${formatNumber(row.baseline.median)}` : '',
      'vs baseline': row.comparison ?? '',
      target: row.target ? `${row.target} ${row.met ? 'met' : 'NOT met'}` : '',
    })),
  );
}
