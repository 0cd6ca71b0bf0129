// The normalised literature record every parser produces and de-duplication consumes, and the
// per-file import report. Text fields are trimmed single-line strings or null, never "".

export interface LiteratureRecord {
  title: string | null;
  abstract: string | null;
  /** "Surname, Given" where the source says which part is which; otherwise as written (e.g. "张三"). */
  authors: string[];
  year: number | null;
  journal: string | null;
  volume: string | null;
  issue: string | null;
  pages: string | null;
  /** Lower case, without "https://doi.org/" or "doi:" prefixes. */
  doi: string | null;
  pmid: string | null;
  keywords: string[];
  language: string | null;
  publicationType: string | null;
  /** The file name the record was read from. */
  sourceFile: string | null;
  /** The record exactly as it stood in the file (one RIS block, one XML <record>, one CSV row), for export. */
  raw: string;
}

export interface SkippedEntry {
  /** 1-based line of the file where the skipped record or text starts (the row number for spreadsheets). */
  line: number;
  reason: string;
}

export interface ImportReport {
  recordsRead: number;
  withoutAbstract: number;
  withoutDoi: number;
  withoutYear: number;
  /** Every record or stretch of text that was not imported, in file order. */
  skipped: SkippedEntry[];
}

export function emptyRecord(raw: string, sourceFile: string | null): LiteratureRecord {
  return {
    title: null,
    abstract: null,
    authors: [],
    year: null,
    journal: null,
    volume: null,
    issue: null,
    pages: null,
    doi: null,
    pmid: null,
    keywords: [],
    language: null,
    publicationType: null,
    sourceFile,
    raw,
  };
}

export function buildReport(records: readonly LiteratureRecord[], skipped: SkippedEntry[]): ImportReport {
  let withoutAbstract = 0;
  let withoutDoi = 0;
  let withoutYear = 0;
  for (const record of records) {
    if (record.abstract === null) withoutAbstract++;
    if (record.doi === null) withoutDoi++;
    if (record.year === null) withoutYear++;
  }
  skipped.sort((a, b) => a.line - b.line);
  return { recordsRead: records.length, withoutAbstract, withoutDoi, withoutYear, skipped };
}
