// A screening run's records as files that go back into reference managers: RIS with the decision
// and its reason in the note field (EndNote, Zotero and Covidence read N1), and CSV/XLSX tables.
import type { Writable } from 'node:stream';
import type { Db } from '@sift/db';
import { writeRis } from '@sift/screening';
import { csvChunks, writeXlsx } from './downloads.ts';
import { relatedOf, relatedText } from './relatedRecords.ts';
import { screeningExport, type ExportedRecord, type ExportSet } from './screeningQueries.ts';

export type ScreeningDownloadFormat = 'ris' | 'csv' | 'xlsx';

export type ScreeningDownload =
  | { fileName: string; contentType: string; body: string }
  | { fileName: string; contentType: string; chunks: AsyncIterable<string> }
  | { fileName: string; contentType: string; write: (output: Writable) => Promise<void> };

/** An exported record with its related links in words ("Erratum of: …"), '' when it has none. */
type ExportRow = ExportedRecord & { related: string };

function decisionNote(record: ExportRow): string {
  const who = record.human ? `the researcher's decision${record.note ? `: ${record.note}` : ''}` : record.reason;
  return `Sift screening: ${record.effective}. ${who}${record.related ? ` Related: ${record.related}.` : ''}`;
}

const COLUMNS = ['Decision', 'Decided by', 'Reason', 'Related', 'Title', 'Authors', 'Year', 'Journal', 'Volume', 'Issue', 'Pages', 'DOI', 'PMID', 'Abstract', 'Keywords', 'Language', 'Publication type'];

function tableRow(record: ExportRow) {
  return [
    record.effective, record.human ? 'researcher' : 'screener', record.human ? (record.note ?? '') : record.reason, record.related,
    record.title, record.authors.join('; '), record.year, record.journal, record.volume, record.issue, record.pages,
    record.doi, record.pmid, record.abstract, record.keywords.join('; '), record.language, record.publicationType,
  ];
}

/** The download of one set of a run, or null when the run is not this owner's. */
export async function screeningDownload(
  db: Db,
  ownerId: string,
  request: { projectId: string; taskId: string; set: ExportSet; format: ScreeningDownloadFormat },
): Promise<ScreeningDownload | null> {
  const exported = await screeningExport(db, ownerId, request.projectId, request.taskId, request.set);
  if (!exported) return null;
  const { fileName } = exported;
  // Each exported record stands for its duplicate group: it names the links of every copy.
  const links = await relatedOf(db, request.projectId, exported.records.map((record) => record.id));
  const records: ExportRow[] = exported.records.map((record) => ({ ...record, related: relatedText(links.get(record.id) ?? []) }));
  if (request.format === 'ris') {
    const body = writeRis(records.map((record) => ({ ...record, note: decisionNote(record) })));
    return { fileName: `${fileName}.ris`, contentType: 'application/x-research-info-systems; charset=utf-8', body };
  }
  const rows = [records.map(tableRow)];
  if (request.format === 'csv') return { fileName: `${fileName}.csv`, contentType: 'text/csv; charset=utf-8', chunks: csvChunks(COLUMNS, rows) };
  return {
    fileName: `${fileName}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    write: (output) => writeXlsx(output, 'Screening', COLUMNS, rows),
  };
}
