// Which optional columns of the review table the researcher shows, remembered in this browser
// (localStorage) so the table opens as they left it. Title, decision and their own decision are
// always shown: the table is for deciding.
export const OPTIONAL_COLUMNS = [
  // Positions (1-based) in the review table, for the stylesheet that hides them.
  { key: 'year', label: 'Year', position: 2 },
  { key: 'reason', label: 'Reason', position: 4 },
  { key: 'confidence', label: 'Confidence', position: 5 },
] as const;
export type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number]['key'];

export const COLUMNS_STORAGE_KEY = 'sift.reviewTable.hiddenColumns';

/** The hidden columns read back from storage; anything unreadable or unknown is ignored. */
export function parseHiddenColumns(stored: string | null): OptionalColumn[] {
  if (!stored) return [];
  try {
    const value: unknown = JSON.parse(stored);
    if (!Array.isArray(value)) return [];
    return OPTIONAL_COLUMNS.map((column) => column.key).filter((key) => value.includes(key));
  } catch {
    return [];
  }
}

/** The classes that hide the chosen columns (styles.css: .hide-col-<position>). */
export function hiddenColumnClasses(hidden: readonly OptionalColumn[]): string {
  return OPTIONAL_COLUMNS.filter((column) => hidden.includes(column.key))
    .map((column) => `hide-col-${column.position}`)
    .join(' ');
}
