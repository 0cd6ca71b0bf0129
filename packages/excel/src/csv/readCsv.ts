// CSV/TSV/TXT reading. A first pass measures the true width and the last non-blank record, so
// columns are final before the first batch and progress totals are exact; the second feeds the
// table, which drains batches to the caller with back-pressure. Values stay strings: type
// guessing is profiling's job.
import { spreadsheetErrors } from '../errors.ts';
import { TableAssembler } from '../table.ts';
import type { CellValue, ReadOptions, ReadSummary } from '../types.ts';
import { decodeText } from './decode.ts';
import { detectDelimiter } from './delimiter.ts';
import { streamRecords } from './records.ts';

const ABORT_CHECK_RECORDS = 4096;

export async function readCsv(bytes: Uint8Array, options: ReadOptions, binaryError: () => Error): Promise<ReadSummary> {
  const decoded = decodeText(bytes);
  if ('binary' in decoded) throw binaryError();
  const { text } = decoded;
  const delimiter = detectDelimiter(text, /\.(tsv|tab)$/i.test(options.fileName) ? '\t' : undefined);
  const survey = await surveyRecords(text, delimiter, options.signal);
  if (survey.sourceRows === 0) throw spreadsheetErrors.noRows('This file');

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
  const sheetName = options.fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  return { format: 'csv', sheetName, sheetNames: [sheetName], ...table };
}

/** Widest record (ignoring trailing empty fields) and the count of records up to the last non-blank one. */
async function surveyRecords(text: string, delimiter: string, signal: AbortSignal | undefined): Promise<{ width: number; sourceRows: number }> {
  let width = 0;
  let records = 0;
  let sourceRows = 0;
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
  return { width, sourceRows };
}
