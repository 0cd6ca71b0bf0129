// The grid pattern (WAI-ARIA Authoring Practices) for wide tables: the table is one tab stop, and
// the arrow keys move between its cells, so a 151-column preview is not 151 stops. Home/End go to
// the row's ends, Ctrl+Home/End to the first and last cell; Enter or Space on a header cell
// presses its button (sorting). The cell that has focus is the one tab returns to.
import { useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';

export interface GridPosition {
  row: number;
  col: number;
}

/** Where `key` moves from `at` in a grid of `rows` × `cols`, or null when it is not a move. */
export function gridMove(key: string, at: GridPosition, rows: number, cols: number, ctrl = false): GridPosition | null {
  const clamp = (row: number, col: number) => ({ row: Math.max(0, Math.min(rows - 1, row)), col: Math.max(0, Math.min(cols - 1, col)) });
  switch (key) {
    case 'ArrowRight':
      return clamp(at.row, at.col + 1);
    case 'ArrowLeft':
      return clamp(at.row, at.col - 1);
    case 'ArrowDown':
      return clamp(at.row + 1, at.col);
    case 'ArrowUp':
      return clamp(at.row - 1, at.col);
    case 'Home':
      return ctrl ? clamp(0, 0) : clamp(at.row, 0);
    case 'End':
      return ctrl ? clamp(rows - 1, cols - 1) : clamp(at.row, cols - 1);
    default:
      return null;
  }
}

/**
 * Roving focus over a <table role="grid">: `tabIndex(row, col)` for each cell (0 for the one in
 * the tab order, -1 for the others), and the keydown handler for the table.
 */
export function useGridKeys(rows: number, cols: number) {
  const [active, setActive] = useState<GridPosition>({ row: 0, col: 0 });
  const table = useRef<HTMLTableElement>(null);
  // Fewer rows on a new page: the tab stop stays inside the grid.
  const current = { row: Math.min(active.row, Math.max(rows - 1, 0)), col: Math.min(active.col, Math.max(cols - 1, 0)) };
  const cell = (at: GridPosition) => table.current?.rows[at.row]?.cells[at.col] ?? null;

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    if ((event.key === 'Enter' || event.key === ' ') && event.target === cell(current)) {
      const button = cell(current)?.querySelector('button');
      if (button) {
        event.preventDefault();
        button.click();
      }
      return;
    }
    const next = gridMove(event.key, current, rows, cols, event.ctrlKey || event.metaKey);
    if (!next) return;
    event.preventDefault();
    setActive(next);
    cell(next)?.focus();
  };
  // A click on a cell makes it the tab stop.
  const onFocus = (event: FocusEvent<HTMLTableElement>) => {
    const target = (event.target as HTMLElement).closest('td, th') as HTMLTableCellElement | null;
    const row = target?.parentElement as HTMLTableRowElement | null;
    if (target && row && row.rowIndex >= 0) setActive({ row: row.rowIndex, col: target.cellIndex });
  };
  const tabIndex = (row: number, col: number) => (row === current.row && col === current.col ? 0 : -1);
  return { table, onKeyDown, onFocus, tabIndex };
}
