// One export file's bytes to records and a report, for the import thread. Text exports go through
// parseLiterature; workbooks through @sift/excel and the column guess. A guessed mapping is used
// even when unsure (the report carries it, with its confidence, for the researcher to check), and
// the researcher's own mapping, when given, instead of the guess; a file Sift cannot read at all,
// or one yielding no records, is a TaskFailure whose message says what to upload instead.
import { readSpreadsheet, SpreadsheetError, type CellValue } from '@sift/excel';
import {
  decodeLiteratureBytes, detectFormat, LiteratureFormatError, mapColumns, parseLiterature, RECORD_FRAMING, recordsFromRows,
  type ColumnGuess, type ColumnMapping, type LiteratureFormat, type LiteratureRecord, type ParseResult,
} from '@sift/literature';
import { TaskFailure } from '../../errors.ts';
import type { StoredReport } from '../../data/recordStore.ts';

export interface ReadResult {
  format: string;
  records: LiteratureRecord[];
  report: StoredReport;
}

const FORMATS_HINT =
  'Export the records from your database as RIS (.ris), PubMed/MEDLINE (.nbib or .txt), EndNote XML (.xml), BibTeX (.bib), ' +
  'Web of Science plain text, CSV or Excel (.xlsx), and upload that file.';

const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

type Progress = (done: number, total: number) => void;

/** `chosen`: the researcher's column mapping for a CSV, TSV or workbook, used instead of the guess. */
export async function readLiterature(bytes: Uint8Array, fileName: string, onProgress: Progress, chosen?: ColumnMapping): Promise<ReadResult> {
  // A workbook is known by its zip signature too: databases and browsers misname downloads.
  if (detectFormat(fileName) === 'xlsx' || isZip(bytes)) return readWorkbook(bytes, fileName, onProgress, chosen);
  if (bytes.length === 0) throw new TaskFailure('empty', `${fileName} is empty (0 bytes). Check that the export finished, then upload the file again.`);
  let parsed: ParseResult;
  try {
    parsed = parseLiterature(decodeLiteratureBytes(bytes), fileName, { onProgress, ...(chosen ? { columns: chosen } : {}) });
  } catch (error) {
    if (error instanceof LiteratureFormatError) throw new TaskFailure('unknown_format', `Sift cannot read ${fileName}: ${error.message}. ${FORMATS_HINT}`);
    throw error;
  }
  const columns = parsed.headers && parsed.columns ? checkColumns(fileName, parsed.headers, parsed.columns, chosen) : undefined;
  return withRecords(fileName, { format: parsed.format, records: parsed.records, report: columns ? { ...parsed.report, columns } : parsed.report });
}

/** Finishing "ready" with nothing imported would leave the researcher guessing why. */
function withRecords(fileName: string, read: ReadResult & { format: LiteratureFormat }): ReadResult {
  if (read.records.length > 0) return read;
  const first = read.report.skipped[0];
  throw new TaskFailure(
    'no_records',
    `Sift found no records in ${fileName}. ${RECORD_FRAMING[read.format]}${first ? `; the first problem is at line ${first.line}: ${first.reason}` : ''}. ` +
      'Export the records again from your database and upload the complete file.',
  );
}

async function readWorkbook(bytes: Uint8Array, fileName: string, onProgress: Progress, chosen: ColumnMapping | undefined): Promise<ReadResult> {
  let headers: string[] = [];
  const rows: CellValue[][] = [];
  try {
    await readSpreadsheet(bytes, {
      fileName: detectFormat(fileName) === 'xlsx' ? fileName : `${fileName}.xlsx`,
      onColumns: (columns) => void (headers = columns),
      onRows: (batch) => void rows.push(...batch),
      onProgress: ({ done, total }) => onProgress(done, total),
    });
  } catch (error) {
    // A damaged or empty workbook will not heal on retry.
    if (error instanceof SpreadsheetError) throw new TaskFailure(error.code, error.message);
    throw error;
  }
  const columns = checkColumns(fileName, headers, mapColumns(headers), chosen);
  const { records, report } = recordsFromRows(headers, rows, columns.mapping, { sourceFile: fileName });
  return withRecords(fileName, { format: 'xlsx', records, report: { ...report, columns } });
}

/**
 * The mapping to store with the report: the researcher's (sure of every field) or the guess;
 * without a title or abstract column no row could be imported.
 */
function checkColumns(fileName: string, headers: string[], guess: ColumnGuess, chosen: ColumnMapping | undefined): NonNullable<StoredReport['columns']> {
  if (chosen) {
    const confidence = Object.fromEntries(Object.keys(chosen).map((field) => [field, 1]));
    return { headers, mapping: chosen, confidence, unsure: [], chosen: true };
  }
  if (guess.mapping.title === undefined && guess.mapping.abstract === undefined) {
    throw new TaskFailure(
      'no_title_column',
      `Sift found no title or abstract column in ${fileName} (columns: ${headers.slice(0, 12).join(', ') || 'none'}). ` +
        'Name the title column "Title" and the abstract column "Abstract", or export the records as RIS, and upload the file again.',
    );
  }
  return { headers, mapping: guess.mapping, confidence: guess.confidence, unsure: guess.unsure };
}
