// The screener's highlights are UTF-16 offsets into a record's title or abstract. This turns one
// field's text into plain and marked runs, so the table can wrap the matching words in <mark>
// without ever putting the record's text into HTML.
import type { Highlight } from '../trpc.ts';

export interface TextSegment {
  text: string;
  marked: boolean;
}

/**
 * The text of `field` cut at the highlights that fall on it: offsets outside the text are clipped,
 * empty ranges dropped, and overlapping or touching ranges joined, so each character is marked
 * at most once and the segments always join back into the original text.
 */
export function highlightSegments(text: string, highlights: readonly Highlight[], field: Highlight['field']): TextSegment[] {
  const ranges = highlights
    .filter((highlight) => highlight.field === field)
    .map((highlight) => ({ start: Math.max(0, highlight.start), end: Math.min(text.length, highlight.end) }))
    .filter((range) => range.start < range.end)
    .sort((a, b) => a.start - b.start);
  const segments: TextSegment[] = [];
  let cursor = 0;
  for (const range of ranges) {
    const previous = segments.at(-1);
    if (range.start <= cursor && previous?.marked) {
      // Overlaps or touches the mark before it: extend that mark.
      if (range.end > cursor) {
        previous.text += text.slice(cursor, range.end);
        cursor = range.end;
      }
      continue;
    }
    if (range.start > cursor) segments.push({ text: text.slice(cursor, range.start), marked: false });
    segments.push({ text: text.slice(range.start, range.end), marked: true });
    cursor = range.end;
  }
  if (cursor < text.length || segments.length === 0) segments.push({ text: text.slice(cursor), marked: false });
  return segments;
}
