// Cells that did not come back as written: Excel errors and formulas without a saved value
// (read as missing), and numbers stored as text (kept as text). The count, and the first notes
// the reader kept, with where each one is and why, on demand.
import { formatCount, plural } from '../format.ts';
import type { CellNote } from '../trpc.ts';

const MISSING_KINDS: ReadonlySet<CellNote['kind']> = new Set(['error_value', 'formula_without_value']);

/**
 * "3 cells were read as missing" when every note is known to be about a missing cell. When the
 * kinds are mixed, or only the first notes were kept, the line says less but stays true.
 */
export function notesHeadline(notes: CellNote[], noteCount: number): string {
  const complete = notes.length === noteCount;
  if (complete && notes.every((note) => MISSING_KINDS.has(note.kind))) return `${plural(noteCount, 'cell was', 'cells were')} read as missing`;
  if (complete && notes.every((note) => note.kind === 'number_as_text')) return `${plural(noteCount, 'number was', 'numbers were')} kept as text`;
  return `${plural(noteCount, 'cell was', 'cells were')} not read as written (read as missing, or kept as text)`;
}

export function noteText({ kind, detail }: CellNote): string {
  switch (kind) {
    case 'error_value':
      return `Excel error ${detail}, read as missing`;
    case 'formula_without_value':
      return `formula ${detail} has no saved value, read as missing`;
    case 'number_as_text':
      return `${detail} is stored as text, kept as text`;
    default:
      return detail; // a kind this page does not know yet
  }
}

export function CellNotes({ notes, noteCount }: { notes: CellNote[]; noteCount: number }) {
  return (
    <details className="cell-notes">
      <summary>
        {notesHeadline(notes, noteCount)}
        {notes.length > 0 && notes.length < noteCount && <span className="muted"> · the first {formatCount(notes.length)} are listed</span>}
      </summary>
      <ul>
        {notes.map((note, index) => (
          // Rows are numbered as in the preview: data rows from 1, in file order.
          <li key={index}>
            Row {formatCount(note.row + 1)}, column {note.column}: {noteText(note)}
          </li>
        ))}
      </ul>
    </details>
  );
}
