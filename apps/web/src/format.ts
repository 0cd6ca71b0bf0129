// How numbers, sizes, durations and cell values read on screen. One place, so the cards, the
// upload bar, the table and the e2e tests agree on wording.
import type { CellValue } from './trpc.ts';

const counts = new Intl.NumberFormat('en-US');

export function formatCount(value: number): string {
  return counts.format(value);
}

export function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/** Binary units, as the server's upload limit is configured in MiB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return 'under 1 s';
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

/** How long ago an ISO time was, e.g. "3 min ago". */
export function formatAge(iso: string, now = Date.now()): string {
  return `${formatDuration(Math.max(0, now - Date.parse(iso)))} ago`;
}

export function formatEta(ms: number): string {
  return ms < 1000 ? 'almost done' : `about ${formatDuration(ms)} left`;
}

export function formatPercent(percent: number): string {
  return `${Math.floor(percent)}%`;
}

/** Spreadsheet conventions: blanks stay blank, booleans read as Excel shows them. */
export function formatCell(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

/**
 * A profile statistic: data values (a min, a max, a date) read exactly as the table shows them;
 * a computed number such as a mean is rounded to 6 significant digits.
 */
export function formatStat(value: CellValue, computed = false): string {
  if (typeof value === 'number' && computed && Number.isFinite(value)) return String(Number(value.toPrecision(6)));
  return formatCell(value);
}
