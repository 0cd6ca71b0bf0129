// CSV/TSV/TXT reading. A quick first pass (no field strings for unquoted lines) measures
// the true width and the last non-blank record, so columns are final before the first
// batch and progress totals are exact. Values stay strings: type guessing is profiling's job.
import { spreadsheetErrors } from '../errors.ts';
import { TableAssembler } from '../table.ts';
import type { CellValue, ReadOptions, ReadSummary } from '../types.ts';
import { CsvCursor } from './csvCursor.ts';
import { decodeText } from './decode.ts';
import { detectDelimiter } from './delimiter.ts';

const ABORT_CHECK_RECORDS = 4096;

export async function readCsv(bytes: Uint8Array, options: ReadOptions, binaryError: () => Error): Promise<ReadSummary> {
  const decoded = decodeText(bytes);
  if ('binary' in decoded) throw binaryError();
  const { text } = decoded;
  const delimiter = detectDelimiter(text, /\.(tsv|tab)$/i.test(options.fileName) ? '\t' : undefined);
  const survey = surveyRecords(text, delimiter, options.signal);
  if (survey.sourceRows === 0) throw spreadsheetErrors.noRows('This file');

  const assembler = new TableAssembler(options, { width: survey.width, estimatedSourceRows: () => survey.sourceRows });
  const cursor = new CsvCursor(text, delimiter);
  for (let record = 0; record < survey.sourceRows; record++) {
    const cells: CellValue[] = cursor.next();
    for (let index = 0; index < cells.length; index++) if (cells[index] === '') cells[index] = null;
    assembler.addRow(cells);
    if (assembler.wantsDrain) await assembler.drain();
    if (record % ABORT_CHECK_RECORDS === 0) options.signal?.throwIfAborted();
  }
  const table = await assembler.finish();
  if (!table) throw spreadsheetErrors.noRows('This file');
  const sheetName = options.fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  return { format: 'csv', sheetName, sheetNames: [sheetName], ...table };
}

/** Widest record (ignoring trailing empty fields) and the count of records up to the last non-blank one. */
function surveyRecords(text: string, delimiter: string, signal: AbortSignal | undefined): { width: number; sourceRows: number } {
  const cursor = new CsvCursor(text, delimiter);
  let width = 0;
  let records = 0;
  let sourceRows = 0;
  while (!cursor.done) {
    const recordWidth = cursor.nextWidth();
    records++;
    if (recordWidth > 0) {
      sourceRows = records;
      if (recordWidth > width) width = recordWidth;
    }
    if (records % ABORT_CHECK_RECORDS === 0) signal?.throwIfAborted();
  }
  return { width, sourceRows };
}
