// A screening run's records as files that go back into reference managers: RIS with the decision
// and its reason in the note field (EndNote, Zotero and Covidence read N1), and CSV/XLSX tables.
// With two reviewers per record, the owners' files carry each reviewer's decision (by name) and
// the resolution with its note.
import type { Writable } from 'node:stream';
import { nameActors } from '@sift/accounts';
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

/** Names of whoever acted, for dual-screening columns; absent with one reviewer per record. */
type Names = Map<string, string> | null;

const withNote = (decision: string, note: string | null) => (note ? `${decision} (${note})` : decision);

/** "Reviewers: Ann: include; Ben: exclude (adults only). Resolved by Olga: include (a note)." */
function dualNote(record: ExportRow, names: Map<string, string>): string {
  const votes = (record.votes ?? []).map((vote) => `${names.get(vote.reviewer)}: ${withNote(vote.decision, vote.note)}`).join('; ');
  const resolution = record.reviewState === 'resolved' ? ` Resolved by ${names.get(record.reviewedBy!)}: ${withNote(record.human!, record.note)}.` : '';
  return ` Reviewers: ${votes || 'none yet'}.${resolution}`;
}

function decisionNote(record: ExportRow, names: Names): string {
  const who = record.human ? `the researcher's decision${record.note ? `: ${record.note}` : ''}` : record.reason;
  return `Sift screening: ${record.effective}. ${who}${names ? dualNote(record, names) : ''}${record.related ? ` Related: ${record.related}.` : ''}`;
}

const COLUMNS = ['Decision', 'Decided by', 'Reason', 'Related', 'Title', 'Authors', 'Year', 'Journal', 'Volume', 'Issue', 'Pages', 'DOI', 'PMID', 'Abstract', 'Keywords', 'Language', 'Publication type'];

/** Dual screening's columns, after the common ones: where the record stands, the resolution, each reviewer's decision. */
function dualColumns(reviewers: string[], names: Map<string, string>): string[] {
  return ['Review state', 'Resolution', 'Resolution note', 'Resolved by', ...reviewers.map((id) => `Reviewer: ${names.get(id)}`)];
}

function dualCells(record: ExportRow, reviewers: string[], names: Map<string, string>): string[] {
  const resolved = record.reviewState === 'resolved';
  const votes = new Map((record.votes ?? []).map((vote) => [vote.reviewer, withNote(vote.decision, vote.note)]));
  return [
    record.reviewState ?? '', resolved ? record.human! : '', resolved ? (record.note ?? '') : '', resolved ? names.get(record.reviewedBy!)! : '',
    ...reviewers.map((id) => votes.get(id) ?? ''),
  ];
}

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
  const reviewers = [...new Set(records.flatMap((record) => (record.votes ?? []).map((vote) => vote.reviewer)))];
  const names = exported.dual
    ? await nameActors(db, [...reviewers, ...records.flatMap((record) => (record.reviewedBy ? [record.reviewedBy] : []))], ownerId)
    : null;
  if (names) reviewers.sort((a, b) => names.get(a)!.localeCompare(names.get(b)!));
  if (request.format === 'ris') {
    const body = writeRis(records.map((record) => ({ ...record, note: decisionNote(record, names) })));
    return { fileName: `${fileName}.ris`, contentType: 'application/x-research-info-systems; charset=utf-8', body };
  }
  const columns = names ? [...COLUMNS, ...dualColumns(reviewers, names)] : COLUMNS;
  const rows = [records.map((record) => (names ? [...tableRow(record), ...dualCells(record, reviewers, names)] : tableRow(record)))];
  if (request.format === 'csv') return { fileName: `${fileName}.csv`, contentType: 'text/csv; charset=utf-8', chunks: csvChunks(columns, rows) };
  return {
    fileName: `${fileName}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    write: (output) => writeXlsx(output, 'Screening', columns, rows),
  };
}
