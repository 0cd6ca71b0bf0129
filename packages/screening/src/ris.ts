// RIS export of screened records, for reference managers (EndNote, Zotero, Mendeley) and for
// Sift's own importer: CRLF lines, one AU and one KW per line, pages as SP/EP, the screening
// note in N1, ER after each record. Writing RIS is a line per field, so it is hand-written.

import type { LiteratureRecord } from '@sift/literature';

/** A record's parsed fields and the note to put in N1. */
export type RisExportRecord = Omit<LiteratureRecord, 'sourceFile' | 'raw'> & { note: string | null };

const RIS_TYPES = new Set(['ABST', 'BOOK', 'CHAP', 'CONF', 'CPAPER', 'ELEC', 'EJOUR', 'GEN', 'JOUR', 'JFULL', 'NEWS', 'RPRT', 'THES']);

/** Publication types to RIS types, most specific first; anything else is a journal article. */
const TYPE_PATTERNS: readonly [RegExp, string][] = [
  [/conference abstract|meeting abstract/i, 'ABST'],
  [/conference paper/i, 'CPAPER'],
  [/conference|proceeding|congress/i, 'CONF'],
  [/case reports?|journal article|trial|review|letter|editorial|comment|erratum/i, 'JOUR'],
  [/book section|book chapter|chapter/i, 'CHAP'],
  [/\bbook\b/i, 'BOOK'],
  [/thesis|dissertation/i, 'THES'],
  [/\breport\b/i, 'RPRT'],
  [/newspaper/i, 'NEWS'],
  [/web ?page|website/i, 'ELEC'],
];

/** The name importers give each RIS type; a publication type that says more is kept in M3 (type of work). */
const TYPE_NAMES: Record<string, string> = {
  JOUR: 'journal article',
  ABST: 'abstract',
  CONF: 'conference proceeding',
  CPAPER: 'conference paper',
  BOOK: 'book',
  CHAP: 'book section',
  THES: 'thesis',
  RPRT: 'report',
  NEWS: 'newspaper article',
  ELEC: 'web page',
  GEN: 'generic',
};

export function risType(publicationType: string | null): string {
  const value = publicationType?.trim() ?? '';
  if (RIS_TYPES.has(value.toUpperCase())) return value.toUpperCase();
  for (const [pattern, type] of TYPE_PATTERNS) if (pattern.test(value)) return type;
  return 'JOUR';
}

/** One RIS file: CRLF line endings, a blank line between records. */
export function writeRis(records: Iterable<RisExportRecord>): string {
  const lines: string[] = [];
  const field = (tag: string, value: string | number | null | undefined) => {
    if (value === null || value === undefined) return;
    const text = String(value)
      .replace(/\s*(?:\r\n|[\r\n\u2028\u2029])\s*/g, ' ')
      .trim();
    if (text !== '') lines.push(`${tag}  - ${text}`);
  };
  for (const record of records) {
    const type = risType(record.publicationType);
    lines.push(`TY  - ${type}`);
    field('TI', record.title);
    for (const author of record.authors) field('AU', author);
    field('PY', record.year);
    field('T2', record.journal);
    field('VL', record.volume);
    field('IS', record.issue);
    const [start, end] = splitPages(record.pages);
    field('SP', start);
    field('EP', end);
    field('AB', record.abstract);
    for (const keyword of record.keywords) field('KW', keyword);
    field('LA', record.language);
    field('DO', record.doi);
    if (record.pmid) {
      // The accession number of the PubMed database: how EndNote and Ovid carry a PMID.
      field('DB', 'PubMed');
      field('AN', record.pmid);
    }
    const publicationType = record.publicationType?.trim();
    if (publicationType && publicationType.toLowerCase() !== TYPE_NAMES[type] && publicationType.toUpperCase() !== type) field('M3', publicationType);
    field('N1', record.note);
    lines.push('ER  - ', '');
  }
  return lines.length > 0 ? `${lines.join('\r\n')}\r\n` : '';
}

/** "123-130" → ["123", "130"]; "e1234" → ["e1234", null]. */
function splitPages(pages: string | null): [string | null, string | null] {
  if (!pages) return [null, null];
  const range = /^\s*(.+?)\s*[-–—]\s*(.+?)\s*$/.exec(pages);
  return range ? [range[1] as string, range[2] as string] : [pages.trim(), null];
}
