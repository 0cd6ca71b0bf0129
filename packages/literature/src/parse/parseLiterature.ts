// One entry point for every text export: detect the format, cut the file into records, build each
// record on its own (a failure becomes a skipped entry with its line, never a failed file), and
// count what was read. Progress is reported in record steps; the abort signal is checked between them.
import { buildReport, type ImportReport, type LiteratureRecord, type SkippedEntry } from '../record.ts';
import { readBibtex } from './bibtex.ts';
import type { ColumnGuess, ColumnMapping } from './columns.ts';
import { readDelimited } from './delimited.ts';
import { detectFormat, type LiteratureFormat } from './detect.ts';
import { readEndnoteXml } from './endnoteXml.ts';
import { readMedline } from './medline.ts';
import { readRis } from './ris.ts';
import { LiteratureFormatError, type ReadPlan } from './source.ts';
import { readWos } from './wos.ts';

export { LiteratureFormatError };

const PROGRESS_STEP = 500;

export interface ParseOptions {
  /** Called every 500 records and once at the end, with done === total. */
  onProgress?(done: number, total: number): void;
  /** Abort => parsing stops at the next step and throws the signal's reason. */
  signal?: AbortSignal;
  /** Skip detection (when the researcher has said what the file is). */
  format?: Exclude<LiteratureFormat, 'xlsx'>;
  /** CSV/TSV only: the researcher's column mapping instead of the guessed one. */
  columns?: ColumnMapping;
}

export interface ParseResult {
  format: Exclude<LiteratureFormat, 'xlsx'>;
  records: LiteratureRecord[];
  report: ImportReport;
  /** CSV/TSV only: the header and the guessed mapping, for the column-mapping step in the UI. */
  headers?: string[];
  columns?: ColumnGuess;
}

export function parseLiterature(text: string, fileName: string, options: ParseOptions = {}): ParseResult {
  const content = text.replace(/^\uFEFF/, '');
  const format = options.format ?? detectFormat(fileName, content);
  if (format === 'xlsx') throw new LiteratureFormatError('it is a workbook: read its rows with @sift/excel, then use mapColumns and recordsFromRows');
  if (format === null) throw new LiteratureFormatError('it is not a literature export Sift knows (PubMed, RIS, EndNote XML, BibTeX, Web of Science, CSV/TSV)');
  switch (format) {
    case 'medline':
      return { format, ...run(readMedline(content), fileName, options) };
    case 'ris':
      return { format, ...run(readRis(content), fileName, options) };
    case 'endnote-xml':
      return { format, ...run(readEndnoteXml(content), fileName, options) };
    case 'bibtex':
      return { format, ...run(readBibtex(content), fileName, options) };
    case 'wos':
      return { format, ...run(readWos(content), fileName, options) };
    case 'csv': {
      const plan = readDelimited(content, fileName, options.columns);
      return { format, ...run(plan, fileName, options), headers: plan.headers, columns: plan.columns };
    }
  }
}

function run<T>(plan: ReadPlan<T>, fileName: string, options: ParseOptions): { records: LiteratureRecord[]; report: ImportReport } {
  const records: LiteratureRecord[] = [];
  const skipped: SkippedEntry[] = [...plan.skipped];
  const total = plan.sources.length;
  plan.sources.forEach((source, index) => {
    if (index % PROGRESS_STEP === 0) {
      options.signal?.throwIfAborted();
      if (index > 0) options.onProgress?.(index, total);
    }
    if (source.incomplete) {
      skipped.push({ line: source.line, reason: source.incomplete });
      return;
    }
    try {
      const record = plan.build(source, fileName);
      if (record.title === null && record.abstract === null) skipped.push({ line: source.line, reason: 'Record has no title and no abstract' });
      else records.push(record);
    } catch (error) {
      skipped.push({ line: source.line, reason: error instanceof Error ? error.message : String(error) });
    }
  });
  options.onProgress?.(total, total);
  return { records, report: buildReport(records, skipped) };
}
