// Rows of every bulk-written table in Postgres's COPY text format, built where the rows are made
// (the parse threads), so the main thread only hands bytes to the bulk copy (openBulkCopy in
// @sift/db). Each table's column list lives here once, shared by its encoder and its COPY
// statement. Kept free of Prisma: parse threads import it.
import { randomUUID } from 'node:crypto';
import type { CellValue } from '@sift/excel';
import { normaliseTitle, searchText, type LiteratureRecord } from '@sift/literature';

type CopyValue = string | number | null | undefined;

// COPY's text format: tab between fields, \N for null, backslash escapes for the characters it
// treats specially. Postgres text cannot hold NUL, which damaged files contain: it is dropped.
const SPECIAL = /[\\\n\r\t\0]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\0': '' };

function field(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  return typeof value === 'number' ? String(value) : value.replace(SPECIAL, (char) => ESCAPES[char]!);
}

/** JSON for a jsonb column; NUL inside strings is dropped (jsonb refuses \u0000). */
function json(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'string' && item.includes('\0') ? item.replaceAll('\0', '') : item));
}

function encode(rows: Iterable<readonly CopyValue[]>): Uint8Array<ArrayBuffer> {
  let text = '';
  for (const row of rows) text += `${row.map(field).join('\t')}\n`;
  return new TextEncoder().encode(text);
}

/** The COPY statement for a table's columns. */
export const copyStatement = (table: string, columns: readonly string[]) => `COPY ${table} (${columns.map((column) => `"${column}"`).join(', ')}) FROM STDIN`;

export const DATASET_ROW_COLUMNS = ['task_id', 'index', 'values'] as const;

export function datasetRows(taskId: string, firstIndex: number, rows: readonly CellValue[][]): Uint8Array<ArrayBuffer> {
  return encode(rows.map((row, offset) => [taskId, firstIndex + offset, json(row)]));
}

export const RECORD_COLUMNS = [
  'id', 'project_id', 'import_id', 'position', 'title', 'abstract', 'authors', 'year', 'journal', 'volume', 'issue',
  'pages', 'doi', 'pmid', 'keywords', 'language', 'publication_type', 'raw', 'title_key', 'search_text',
] as const;

export function recordRows(target: { projectId: string; importId: string }, firstPosition: number, records: readonly LiteratureRecord[]): Uint8Array<ArrayBuffer> {
  return encode(
    records.map((record, offset) => [
      randomUUID(), target.projectId, target.importId, firstPosition + offset, record.title, record.abstract, json(record.authors), record.year,
      record.journal, record.volume, record.issue, record.pages, record.doi, record.pmid, json(record.keywords), record.language,
      record.publicationType, record.raw, normaliseTitle(record.title), searchText(record.title, record.abstract, ...record.authors),
    ]),
  );
}
