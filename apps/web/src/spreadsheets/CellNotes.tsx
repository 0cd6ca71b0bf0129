// Cells that did not come back as written: Excel errors, formulas without a saved value and
// numbers past a double's range (read as missing), numbers stored as text (kept as text), and
// characters that cannot be stored (replaced). The count, and the first notes, on demand.
import { formatCount, plural } from '../format.ts';
import type { CellNote } from '../trpc.ts';

const MISSING_KINDS: ReadonlySet<CellNote['kind']> = new Set(['error_value', 'formula_without_value', 'number_out_of_range']);

/**
 * "3 cells were read as missing" when every note is known to be about a missing cell. When the
 * kinds are mixed, or only the first notes were kept, the line says less but stays true.
 */
export function notesHeadline(notes: CellNote[], noteCount: number): string {
  const complete = notes.length === noteCount;
  if (complete && notes.every((note) => MISSING_KINDS.has(note.kind))) return `${plural(noteCount, 'cell was', 'cells were')} read as missing`;
  if (complete && notes.every((note) => note.kind === 'number_as_text')) return `${plural(noteCount, 'number was', 'numbers were')} kept as text`;
  return `${plural(noteCount, 'cell was', 'cells were')} not read as written (read as missing, kept as text, or with a character replaced)`;
}

export function noteText({ kind, detail }: CellNote): string {
  switch (kind) {
    case 'error_value':
      return `Excel error ${detail}, read as missing`;
    case 'formula_without_value':
      return `formula ${detail} has no saved value, read as missing`;
    case 'number_as_text':
      return `${detail} is stored as text, kept as text`;
    case 'number_out_of_range':
      return `${detail} is no number a spreadsheet can hold, read as missing`;
    case 'character_replaced':
      return `a character that cannot be stored (U+0000, or half of a surrogate pair) was replaced with \uFFFD: "${detail}"`;
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
            {note.row < 0 ? `Header of column ${note.column} (a name Sift made up)` : `Row ${formatCount(note.row + 1)}, column ${note.column}`}: {noteText(note)}
          </li>
        ))}
      </ul>
    </details>
  );
}
