// The benchmark's figures and how they are reported. A figure keeps one value per run (shown as
// min / median / max), the single calls behind those values where a run makes many (for p99),
// and, where one exists, a baseline measured in the same run: medians are compared as a ratio, so
// a noisy shared machine slows both sides alike. Writes the console table, and the JSON, Markdown
// and SVG files of a report; a section can be measured again later and merged into a report.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ratioChart } from './chart.ts';
import { higherIsBetter, SECTIONS, type Figure, type ReportRow, type Section, type Summary, type Unit } from './figures.ts';
import { median, percentile, type Series } from './measure.ts';
import type { QualityReport } from './quality.ts';

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
    group: figure.group,
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

function compare(ratio: number, unit: Unit): string {
  if (higherIsBetter(unit)) return ratio >= 0.5 ? `${times(ratio)} the throughput` : `${times(1 / ratio)} lower throughput`;
  if (unit === 'MB') return ratio <= 1 ? `${times(1 / ratio)} less memory` : `${times(ratio)} the memory`;
  if (unit === 'ms') return ratio <= 1 ? `${times(1 / ratio)} faster` : `${times(ratio)} slower`;
  return `${times(ratio)} the baseline`;
}

/** Three significant figures (whole numbers from 10 up), so a 0.896 is not shown as a rounded 0.90. */
const times = (value: number) => `${value >= 10 ? Math.round(value) : value.toPrecision(3)}x`;

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

export interface LoadAverage {
  min: number;
  median: number;
  max: number;
}

export interface BenchReport {
  date: string;
  quick: boolean;
  runs: number;
  minutes: number;
  machine: {
    cpu: string;
    cores: number;
    memoryGiB: number;
    os: string;
    node: string;
    postgres: string;
    redis: string;
    /** The 1-minute load average, sampled every 5 s through the run. */
    loadAverage1min: LoadAverage;
  };
  /** Sections measured again after the run and merged in, replacing their rows. */
  reruns: { date: string; sections: Section[]; runs: number; minutes: number; loadAverage1min: LoadAverage }[];
  /** How the figures are measured, one bullet each. */
  method: string[];
  rows: ReportRow[];
  /** The quality sections' tables (real labelled data), each with the command that prints it alone. */
  quality?: QualityReport[];
}

export async function readReport(file: string): Promise<BenchReport> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as BenchReport;
  } catch (error) {
    throw new Error(`Cannot read the report to merge into (${file}): ${error instanceof Error ? error.message : String(error)}. Run the whole bench with --name first.`, { cause: error });
  }
}

/** Puts the rows of the re-run sections in place of the report's rows for those sections, in the report's order. */
export function mergeRows(rows: ReportRow[], rerun: ReportRow[], sections: readonly Section[]): ReportRow[] {
  const merged: ReportRow[] = [];
  for (const section of SECTIONS) {
    merged.push(...(sections.includes(section) ? rerun : rows).filter((row) => row.group === section));
  }
  return merged;
}

/** Writes NAME.json, NAME.md and NAME.svg into `folder`. */
export async function writeReport(folder: string, name: string, stored: BenchReport): Promise<void> {
  // Ratios are put in words as the report is written, so merged rows read alike.
  const report = { ...stored, rows: stored.rows.map((row) => (row.ratio === undefined ? row : { ...row, comparison: compare(row.ratio, row.unit) })) };
  const { machine, quick } = report;
  const load = (average: LoadAverage) => `${average.min.toFixed(1)} to ${average.max.toFixed(1)} (median ${average.median.toFixed(1)})`;
  const chartFile = `${name}.svg`;
  await writeFile(path.join(folder, chartFile), ratioChart(report.rows, `Sift against same-run baselines (${quick ? 'quick' : 'full'} bench, ${report.date.slice(0, 10)})`));
  await writeFile(path.join(folder, `${name}.json`), `${JSON.stringify(report, null, 2)}\n`);
  const markdown = [
    `# Sift benchmark (${quick ? 'quick' : 'full'})`,
    '',
    `${report.date}, ${report.minutes} min, \`npm run bench${quick ? ' -- --quick' : ''}\` with ${report.runs} runs per figure.`,
    ...report.reruns.map(
      (rerun) =>
        `Re-measured at ${rerun.date} (${rerun.minutes} min, ${rerun.runs} runs, 1-minute load average ${load(rerun.loadAverage1min)}): ${rerun.sections.join(', ')}; those rows come from that run.`,
    ),
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}, Postgres ${machine.postgres}, Redis ${machine.redis}. ` +
      `Its cores are shared with other jobs: the 1-minute load average, sampled every 5 s, ranged ${load(machine.loadAverage1min)} on ${machine.cores} cores, so absolute times are noisy. ` +
      'Each baseline ran in the same run (interleaved where the section allows), so the ratios are the figures to compare.',
    '',
    `![Sift against same-run baselines](./${chartFile})`,
    '',
    '## Headline',
    '',
    headlineTable(report.rows),
    '',
    '## All figures',
    '',
    'n: runs (one value each; where a run makes many calls its value is their median, and p99 is over every call). Ratios compare medians. Times in ms; "per second" figures are better higher.',
    '',
    markdownTable(report.rows),
    '',
    '## How it is measured',
    '',
    ...report.method.map((line) => `- ${line}`),
    '',
    ...(report.quality?.length
      ? ['## Quality on real labelled data', '', ...report.quality.flatMap((quality) => [`\`${quality.command}\``, '', '```', quality.text, '```', ''])]
      : []),
  ].join('\n');
  await writeFile(path.join(folder, `${name}.md`), markdown);
}
