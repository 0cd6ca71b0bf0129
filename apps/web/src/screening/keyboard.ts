// Keyboard screening, kept apart from React so the rules can be unit-tested: which key does what
// while the review table has focus, where "next" and "previous" land across pages, and whether a
// record just decided stays in the list the researcher is looking at.
import type { DecisionFilter, ReviewDecision } from '../trpc.ts';

export type ShortcutAction = { kind: 'decide'; decision: ReviewDecision } | { kind: 'move'; step: 1 | -1 } | { kind: 'undo' };

const SHORTCUTS: Record<string, ShortcutAction> = {
  i: { kind: 'decide', decision: 'include' },
  e: { kind: 'decide', decision: 'exclude' },
  u: { kind: 'decide', decision: 'uncertain' },
  j: { kind: 'move', step: 1 },
  ArrowDown: { kind: 'move', step: 1 },
  k: { kind: 'move', step: -1 },
  ArrowUp: { kind: 'move', step: -1 },
  z: { kind: 'undo' },
};

export const SHORTCUT_HELP =
  'Keys: i include · e exclude · u uncertain · z undo your last decision · j or ↓ next · k or ↑ previous. ' +
  'After a decision the next record is selected (outlined), and the line below the table says which.';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** True when the key goes into a text field or a list box, which keeps its own keys. */
  typing: boolean;
}

/** The action of a key press, or null to leave it to the browser (typing, browser shortcuts). */
export function shortcutFor(press: KeyPress): ShortcutAction | null {
  if (press.typing || press.ctrlKey || press.metaKey || press.altKey) return null;
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  return SHORTCUTS[key] ?? null;
}

export interface TablePosition {
  offset: number;
  /** The active row on this page. */
  index: number;
  pageLength: number;
  pageSize: number;
  total: number;
}

/** The record one step away: within the page, else the first row of the next page or the last of the previous one; it stays put at either end. */
export function stepRecord(position: TablePosition, step: 1 | -1): { offset: number; index: number } {
  const { offset, index, pageLength, pageSize, total } = position;
  const target = index + step;
  if (target >= 0 && target < pageLength) return { offset, index: target };
  if (step === 1 && offset + pageSize < total) return { offset: offset + pageSize, index: 0 };
  if (step === -1 && offset > 0) return { offset: Math.max(0, offset - pageSize), index: pageSize - 1 };
  return { offset, index: Math.min(Math.max(index, 0), Math.max(pageLength - 1, 0)) };
}

/** Whether a record the researcher just decided still belongs in the filtered list (then "next" is one row down; otherwise the next record moves up into its row). */
export function stillListed(filter: DecisionFilter | undefined, decision: ReviewDecision): boolean {
  if (filter === undefined || filter === 'reviewed') return true;
  if (filter === 'undecided') return decision === 'uncertain';
  return filter === decision;
}
