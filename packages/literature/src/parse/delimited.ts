// CSV and TSV exports (Scopus, Web of Science tab-delimited, CNKI, Zotero) through csv-parse: the
// header row picks the columns (mapColumns, or the researcher's mapping), each later row becomes a
// record. Rows are collected as they are parsed, so a quote left open at the end of a cut-off file
// costs only the rows after it, which are reported with their line.
import { parse } from 'csv-parse/sync';
import type { LiteratureRecord } from '../record.ts';
import { type ColumnGuess, type ColumnMapping, mapColumns } from './columns.ts';
import { recordFromRow } from './rows.ts';
import { type ReadPlan, type RecordSource } from './source.ts';

export interface DelimitedPlan extends ReadPlan<string[]> {
  headers: string[];
  columns: ColumnGuess;
}

export function readDelimited(text: string, fileName: string, mapping?: ColumnMapping): DelimitedPlan {
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  const delimiter = guessDelimiter(firstLine, /\.(tsv|tab|txt)$/i.test(fileName));
  // Web of Science tab-delimited files never quote, and their abstracts contain bare quotes.
  const quote = delimiter === '\t' && /^PT\t/.test(firstLine) ? false : '"';
  const rows: RecordSource<string[]>[] = [];
  const skipped: DelimitedPlan['skipped'] = [];
  let endLine = 0;
  try {
    parse(text, {
      delimiter,
      quote,
      relax_quotes: true,
      relax_column_count: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      raw: true,
      // With `raw`, csv-parse hands on_record { record, raw } although its typings say string[].
      on_record: (value, context) => {
        const { record, raw } = value as unknown as { record: string[]; raw: string };
        if (record.some((cell) => cell.trim() !== '')) rows.push({ line: endLine + 1, raw: raw.replace(/[\r\n]+$/, ''), data: record });
        endLine = context.lines;
        return null;
      },
    });
  } catch (error) {
    const unclosed = (error as { code?: string }).code === 'CSV_QUOTE_NOT_CLOSED';
    const cause = unclosed ? 'a quote opened here is never closed, so the file looks truncated' : (error as Error).message;
    skipped.push({ line: endLine + 1, reason: `Unreadable from here to the end of the file: ${cause}` });
  }
  markTruncated(rows, text, quote !== false);
  const header = rows.shift();
  const headers = header ? header.data.map((name) => name.trim()) : [];
  const columns = mapColumns(headers);
  const used = mapping ?? columns.mapping;
  if (header && used.title === undefined && used.abstract === undefined) {
    skipped.push({ line: header.line, reason: `No title or abstract column in the header (${headers.slice(0, 8).join(', ')}): map the columns by hand` });
    rows.length = 0;
  }
  return {
    sources: rows,
    skipped,
    headers,
    columns,
    build: (source, sourceFile): LiteratureRecord => recordFromRow(source.data, used, source.raw, sourceFile),
  };
}

/**
 * csv-parse's relaxed quoting reads a quoted field cut off by the end of the file as text, so the
 * last row is checked here: an odd number of quotes, or too few fields with no final line break.
 */
function markTruncated(rows: RecordSource<string[]>[], text: string, quoted: boolean): void {
  const last = rows.at(-1);
  if (!last || rows.length < 2) return;
  const oddQuotes = quoted && (last.raw.match(/"/g)?.length ?? 0) % 2 === 1;
  const short = !/[\r\n]$/.test(text) && last.data.length < (rows[0] as RecordSource<string[]>).data.length;
  if (oddQuotes || short) last.incomplete = 'The file ends inside this row (a quote never closes or fields are missing): it looks truncated, so it was not imported';
}

/** Tab when the name says so and the header has tabs; otherwise whichever of tab, comma, semicolon splits the header most. */
function guessDelimiter(header: string, tabByName: boolean): string {
  const count = (char: string) => header.split(char).length - 1;
  if (tabByName && count('\t') > 0) return '\t';
  const candidates = ['\t', ',', ';'].map((char) => ({ char, fields: count(char) }));
  candidates.sort((a, b) => b.fields - a.fields);
  return candidates[0]?.fields ? (candidates[0].char as string) : ',';
}
