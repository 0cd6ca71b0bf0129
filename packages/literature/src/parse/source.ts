// What every format reader hands the shared driver: the file cut into record sources (each
// with its first line and raw text), the stretches of text that belong to no record, and a
// function building a normalised record from one source. Cutting first is what lets one bad
// or truncated record be reported on its own while every other record is still imported.
import type { LiteratureRecord, SkippedEntry } from '../record.ts';

export interface RecordSource<T> {
  /** 1-based line of the file where the record starts. */
  line: number;
  raw: string;
  /** Set when the file ends inside this record: the reason it is reported instead of imported. */
  incomplete?: string;
  data: T;
}

export interface ReadPlan<T> {
  sources: RecordSource<T>[];
  skipped: SkippedEntry[];
  build(source: RecordSource<T>, sourceFile: string | null): LiteratureRecord;
}

/**
 * The file is not a literature export this package can read as text. The message is the reason,
 * worded to follow "Sift cannot read <file name>: ".
 */
export class LiteratureFormatError extends Error {
  override name = 'LiteratureFormatError';
}

/** A record that cannot be imported, with a reason a researcher can act on. */
export class RecordError extends Error {
  override name = 'RecordError';
}

export interface Lines {
  texts: string[];
  /** starts[i] is the offset of line i; starts[texts.length] is the end of the text. */
  starts: number[];
}

/** The file's lines, whatever mix of CRLF, LF and lone CR ends them. */
export function splitLines(text: string): Lines {
  const texts: string[] = [];
  const starts: number[] = [];
  const breaks = /\r\n|\r|\n/g;
  let start = 0;
  for (let match = breaks.exec(text); match; match = breaks.exec(text)) {
    texts.push(text.slice(start, match.index));
    starts.push(start);
    start = match.index + match[0].length;
  }
  if (start < text.length) {
    texts.push(text.slice(start));
    starts.push(start);
  }
  starts.push(text.length);
  return { texts, starts };
}

/** A function from a character offset to its 1-based line number (binary search over the line starts). */
export function lineFinder(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}

/** The raw text of lines first..last (0-based, inclusive), without the final line break. */
export function rawLines(text: string, lines: Lines, first: number, last: number): string {
  return text.slice(lines.starts[first] ?? 0, lines.starts[last + 1] ?? text.length).replace(/[\r\n]+$/, '');
}

/** Tag => values in file order, for the tagged formats (RIS, MEDLINE, Web of Science). */
export type TaggedFields = Map<string, string[]>;

export function addField(fields: TaggedFields, tag: string, value: string): void {
  const values = fields.get(tag);
  if (values) values.push(value);
  else fields.set(tag, [value]);
}

/** The first value of the first tag present. */
export function firstOf(fields: TaggedFields, ...tags: string[]): string | null {
  for (const tag of tags) {
    const value = fields.get(tag)?.find((entry) => entry.trim() !== '');
    if (value !== undefined) return value;
  }
  return null;
}

/** Every value of the given tags, tag by tag. */
export function allOf(fields: TaggedFields, ...tags: string[]): string[] {
  return tags.flatMap((tag) => fields.get(tag) ?? []);
}

/**
 * Reports non-blank text outside any record once per run of consecutive lines, quoting its
 * start, so a header block or a stray paragraph is one entry rather than one per line.
 */
export function strayText(skipped: SkippedEntry[]): { see(index: number, text: string): void; reset(): void } {
  let inRun = false;
  return {
    see(index, text) {
      if (text.trim() === '') {
        inRun = false;
        return;
      }
      if (!inRun) skipped.push({ line: index + 1, reason: `Text outside any record: "${snippet(text)}"` });
      inRun = true;
    },
    reset() {
      inRun = false;
    },
  };
}

export function snippet(text: string, length = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

/** The record a tagged file (RIS, Web of Science) ends inside of: reported as truncated, not imported. */
export function unterminatedSource(text: string, lines: Lines, first: number, data: TaggedFields, endTag: string): RecordSource<TaggedFields> {
  return {
    line: first + 1,
    raw: rawLines(text, lines, first, lines.texts.length - 1),
    incomplete: `The file ends inside this record (no "${endTag}" line): it looks truncated, so it was not imported`,
    data,
  };
}
