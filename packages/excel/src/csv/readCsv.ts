// CSV/TSV/TXT reading. A first pass measures the true width and the last non-blank record, so
// columns are final before the first batch and progress totals are exact; the second feeds the
// table, which drains batches to the caller with back-pressure. Values stay strings: type
// guessing is profiling's job.
import { spreadsheetErrors } from '../errors.ts';
import { MAX_COLUMNS } from '../limits.ts';
import { TableAssembler } from '../table.ts';
import type { CellValue, ReadOptions, ReadSummary } from '../types.ts';
import { decodeText } from './decode.ts';
import { detectDelimiter } from './delimiter.ts';
import { streamRecords } from './records.ts';

const ABORT_CHECK_RECORDS = 4096;

export async function readCsv(bytes: Uint8Array, options: ReadOptions, binaryError: () => Error): Promise<ReadSummary> {
  const sheetName = options.fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  const sheets = [{ name: sheetName, hidden: false }];
  // A text file is one sheet; naming another is the same mistake as in a workbook.
  if (options.sheet !== undefined && options.sheet.toLowerCase() !== sheetName.toLowerCase()) {
    throw spreadsheetErrors.noSuchSheet(options.sheet, sheets);
  }
  const decoded = decodeText(bytes);
  if ('binary' in decoded) throw binaryError();
  const { text } = decoded;
  const delimiter = detectDelimiter(text, /\.(tsv|tab)$/i.test(options.fileName) ? '\t' : undefined);
  const survey = await surveyRecords(text, delimiter, options.signal);
  if (survey.sourceRows === 0) throw spreadsheetErrors.noRows('This file');
  if (survey.width > MAX_COLUMNS) throw spreadsheetErrors.tooManyColumns(survey.width);

  const assembler = new TableAssembler(options, { width: survey.width, estimatedSourceRows: survey.sourceRows });
  let record = 0;
  for await (const fields of streamRecords(text, delimiter)) {
    if (record++ >= survey.sourceRows) break;
    const cells: CellValue[] = fields;
    for (let index = 0; index < cells.length; index++) if (cells[index] === '') cells[index] = null;
    assembler.addRow(cells);
    if (assembler.wantsDrain) await assembler.drain();
    if (record % ABORT_CHECK_RECORDS === 0) options.signal?.throwIfAborted();
  }
  const table = await assembler.finish();
  if (!table) throw spreadsheetErrors.noRows('This file');
  return { format: 'csv', sheetName, sheets, ...table };
}

/** Widest record (ignoring trailing empty fields) and the count of records up to the last non-blank one. */
async function surveyRecords(text: string, delimiter: string, signal: AbortSignal | undefined): Promise<{ width: number; sourceRows: number }> {
  let width = 0;
  let records = 0;
  let sourceRows = 0;
  try {
    for await (const fields of streamRecords(text, delimiter)) {
      records++;
      let recordWidth = fields.length;
      while (recordWidth > 0 && fields[recordWidth - 1] === '') recordWidth--;
      if (recordWidth > 0) {
        sourceRows = records;
        if (recordWidth > width) width = recordWidth;
      }
      if (records % ABORT_CHECK_RECORDS === 0) signal?.throwIfAborted();
    }
  } catch (error) {
    // The second pass reads the same text, so this is the one place the parser can fail. The
    // stream drops records still buffered when it fails, so the parser's own count is the one to use.
    const { code, records: parsed } = error as { code?: unknown; records?: unknown };
    if (code === 'CSV_QUOTE_NOT_CLOSED') throw spreadsheetErrors.unclosedQuote((typeof parsed === 'number' ? parsed : records) + 1);
    throw error;
  }
  return { width, sourceRows };
}
