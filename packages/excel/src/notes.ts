// Notes about cells that did not come back as written (errors, formulas without a cached
// value, numbers kept as text). Only the first MAX_NOTES are kept, so a sheet full of #N/A
// cannot grow the summary without bound; every note is still counted.
import type { CellNote, CellNoteKind } from './types.ts';

export const MAX_NOTES = 1000;

/** A note as the sheet scanner sees it: the column is a 0-based table position, the row not yet known. */
export interface RawNote {
  column: number;
  kind: CellNoteKind;
  detail: string;
}

export class NoteLog {
  readonly notes: CellNote[] = [];
  count = 0;
  /** Notes on blank rows wait here: if no data row follows, those rows are dropped and so are their notes. */
  #pending: CellNote[] = [];
  #pendingCount = 0;

  add(row: number, columns: readonly string[], raw: readonly RawNote[], pending: boolean): void {
    for (const { column, kind, detail } of raw) {
      const name = columns[column];
      if (name === undefined) continue; // right of the table, like the cell itself
      const kept = this.notes.length + this.#pending.length < MAX_NOTES;
      if (pending) {
        this.#pendingCount++;
        if (kept) this.#pending.push({ row, column: name, kind, detail });
      } else {
        this.count++;
        if (kept) this.notes.push({ row, column: name, kind, detail });
      }
    }
  }

  /** The blank rows the pending notes belong to were kept (a data row followed). */
  commitPending(): void {
    if (this.#pendingCount === 0) return;
    this.notes.push(...this.#pending);
    this.count += this.#pendingCount;
    this.#pending = [];
    this.#pendingCount = 0;
  }
}
