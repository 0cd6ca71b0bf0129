// Words and small rules of the screening screens, kept apart from React so they can be
// unit-tested: decision names, the export links, the screening rate, and when screening can start.
import { formatCount } from '../format.ts';
import { isFinished, type Decision, type DecisionCounts, type DecisionFilter, type ScreenerChoice, type ScreeningRun } from '../trpc.ts';

export const DECISION_LABELS: Record<Decision, string> = {
  include: 'Include',
  exclude: 'Exclude',
  uncertain: 'Uncertain',
  conflict: 'Conflict',
};

export interface FilterTab {
  filter: DecisionFilter | undefined;
  label: string;
  count: (counts: DecisionCounts) => number;
}

export const FILTER_TABS: FilterTab[] = [
  { filter: undefined, label: 'All', count: (counts) => counts.screened },
  { filter: 'include', label: 'Include', count: (counts) => counts.include },
  { filter: 'exclude', label: 'Exclude', count: (counts) => counts.exclude },
  { filter: 'uncertain', label: 'Uncertain', count: (counts) => counts.uncertain },
  // Conflicts to resolve: undecided ones, and your decisions a second opinion disputes.
  { filter: 'conflict', label: 'Conflict', count: (counts) => counts.conflict + counts.disputed },
  { filter: 'reviewed', label: 'Reviewed by you', count: (counts) => counts.reviewed },
];

/** Dual screening's tabs: everyone's own queue; owners also see the records waiting for a second reviewer. */
export function dualTabs(owner: boolean): FilterTab[] {
  const queue: FilterTab = { filter: 'queue', label: 'My queue', count: (counts) => counts.queue };
  return owner ? [queue, { filter: 'awaiting', label: 'Awaiting second reviewer', count: (counts) => counts.awaiting }] : [queue];
}

export type ExportSet = 'included' | 'excluded' | 'undecided' | 'all';
export type ExportFormat = 'ris' | 'csv' | 'xlsx';

export const EXPORT_SETS: { set: ExportSet; label: string; name: string; count: (counts: DecisionCounts) => number }[] = [
  { set: 'included', label: 'Included', name: 'included records', count: (counts) => counts.include },
  { set: 'excluded', label: 'Excluded', name: 'excluded records', count: (counts) => counts.exclude },
  { set: 'undecided', label: 'Undecided (uncertain or conflict)', name: 'undecided records', count: (counts) => counts.uncertain + counts.conflict },
  { set: 'all', label: 'All screened', name: 'all screened records', count: (counts) => counts.screened },
];

export const EXPORT_FORMATS: { format: ExportFormat; label: string }[] = [
  { format: 'ris', label: 'RIS' },
  { format: 'csv', label: 'CSV' },
  { format: 'xlsx', label: 'XLSX' },
];

/** The server streams the file and names it (Content-Disposition), so a plain link downloads it. */
export function screeningExportUrl(projectId: string, taskId: string, set: ExportSet, format: ExportFormat): string {
  return `/api/projects/${encodeURIComponent(projectId)}/screening/${encodeURIComponent(taskId)}/export?set=${set}&format=${format}`;
}

/** Records per second so far, or null before there is anything to divide. */
export function formatRate(processed: number, elapsedMs: number | null): string | null {
  if (elapsedMs === null || elapsedMs <= 0 || processed === 0) return null;
  const perSecond = (processed * 1000) / elapsedMs;
  return `${perSecond >= 10 ? formatCount(Math.round(perSecond)) : perSecond.toFixed(1)} records/s`;
}

export const SCREENER_LABELS: Record<ScreenerChoice, string> = {
  builtin: 'built-in screener',
  llm: 'LLM screener',
};

/** How a run reads in the run list: its criteria version, screener and when it started. */
export function runLabel(run: ScreeningRun): string {
  const started = new Date(run.task.createdAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  return `Criteria v${run.criteriaVersion} · ${SCREENER_LABELS[run.screener]} · started ${started}`;
}

/** Why screening cannot start yet, or null when it can. */
export function screeningBlocker(state: { criteriaSaved: boolean; records: number | undefined; dedupRunning: boolean; runActive: boolean }): string | null {
  if (state.records === undefined) return 'Loading the project…';
  if (!state.criteriaSaved) return 'Save the criteria first.';
  if (state.records === 0) return 'Import records first.';
  if (state.dedupRunning) return 'Wait until the duplicates are found.';
  if (state.runActive) return 'Screening is under way.';
  return null;
}

/** Poll the run list while a run is queued or running; stop once all have finished. */
export function runsInterval(runs: readonly ScreeningRun[] | undefined): number | false {
  return runs?.some((run) => !isFinished(run.task.state)) ? 2000 : false;
}
