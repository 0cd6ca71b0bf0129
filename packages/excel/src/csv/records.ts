// Records of delimited text, through csv-parse: quoted fields with embedded delimiters, quotes
// and newlines, and CRLF, LF and lone-CR line endings mixed in one file (hand-edited exports
// have them). Rows of any width are kept; the table evens them out.
import { Readable } from 'node:stream';
import { parse, type Options } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';

const SLICE_CHARS = 64 * 1024;

function options(delimiter: string): Options {
  return { delimiter, record_delimiter: ['\r\n', '\n', '\r'], relax_column_count: true, relax_quotes: true, skip_empty_lines: false };
}

/** Streams the records, fed in slices so the parser's back-pressure bounds memory. */
export function streamRecords(text: string, delimiter: string): AsyncIterable<string[]> {
  function* slices() {
    for (let start = 0; start < text.length; start += SLICE_CHARS) yield text.slice(start, start + SLICE_CHARS);
  }
  return Readable.from(slices()).pipe(parse(options(delimiter)));
}

/** The first `limit` records of a sample, for guessing the delimiter. */
export function sampleRecords(sample: string, delimiter: string, limit: number): string[][] {
  try {
    return parseSync(sample, { ...options(delimiter), to: limit, skip_empty_lines: true });
  } catch {
    return []; // a sample cut mid-field, or text this delimiter cannot split cleanly
  }
}
