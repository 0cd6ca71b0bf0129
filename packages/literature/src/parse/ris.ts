// RIS, hand-written: each vendor (Embase, Ovid, Scopus, Web of Science, Cochrane, EBSCO, Zotero,
// EndNote, Mendeley) bends the format differently, and the npm parsers either drop records with
// loose spacing or reject the whole file at the first truncated record (README). A record runs
// from TY to ER; untagged lines continue the previous field; tags may repeat and come in any order.
import { emptyRecord, type LiteratureRecord } from '../record.ts';
import { cleanMarkup, cleanText, firstDoi, formatAuthors, joinPages, normalisePmid, parseYear, pmidInText, splitKeywords } from '../text.ts';
import { addField, allOf, firstOf, rawLines, type ReadPlan, type RecordSource, splitLines, strayText, type TaggedFields, unterminatedSource } from './source.ts';

/** "TY  - JOUR", also with one space before the dash or none after it ("ER  -"). */
const TAG_LINE = /^([A-Z][A-Z0-9]) {1,2}- ?(.*)$/;

const TYPE_NAMES: Record<string, string> = {
  JOUR: 'Journal Article',
  JFULL: 'Journal Article',
  EJOUR: 'Journal Article',
  ABST: 'Abstract',
  CONF: 'Conference Proceeding',
  CPAPER: 'Conference Paper',
  BOOK: 'Book',
  CHAP: 'Book Section',
  THES: 'Thesis',
  RPRT: 'Report',
  NEWS: 'Newspaper Article',
  ELEC: 'Web Page',
  GEN: 'Generic',
};

export function readRis(text: string): ReadPlan<TaggedFields> {
  const lines = splitLines(text);
  const sources: RecordSource<TaggedFields>[] = [];
  const skipped: ReadPlan<TaggedFields>['skipped'] = [];
  const stray = strayText(skipped);
  let fields: TaggedFields | null = null;
  let first = 0;
  let lastTag: string | null = null;
  const finish = (last: number) => {
    if (fields) sources.push({ line: first + 1, raw: rawLines(text, lines, first, last), data: fields });
    fields = null;
  };

  for (let index = 0; index < lines.texts.length; index++) {
    const line = lines.texts[index] as string;
    const tag = TAG_LINE.exec(line);
    if (tag?.[1] === 'TY') {
      finish(index - 1); // a TY before the previous record's ER: that record ends here
      fields = new Map();
      first = index;
      stray.reset();
    }
    if (!fields) {
      stray.see(index, line);
    } else if (tag) {
      if (tag[1] === 'ER') {
        finish(index);
        continue;
      }
      lastTag = tag[1] as string;
      addField(fields, lastTag, tag[2] ?? '');
    } else if (line.trim() !== '' && lastTag) {
      // Continuation lines (Ovid abstracts, EndNote's one-keyword-per-line KW) join with a line break.
      const values = fields.get(lastTag) as string[];
      values[values.length - 1] += `\n${line}`;
    }
  }
  if (fields) sources.push(unterminatedSource(text, lines, first, fields, 'ER  -'));
  return { sources, skipped, build: buildRisRecord };
}

function buildRisRecord(source: RecordSource<TaggedFields>, sourceFile: string | null): LiteratureRecord {
  const fields = source.data;
  const record = emptyRecord(source.raw, sourceFile);
  record.title = cleanMarkup(firstOf(fields, 'TI', 'T1', 'CT', 'BT'));
  record.abstract = longest([...allOf(fields, 'AB', 'N2')].map((value) => cleanMarkup(value)));
  const authors = fields.has('AU') ? allOf(fields, 'AU') : allOf(fields, 'A1');
  record.authors = formatAuthors(authors.flatMap((value) => value.split(/\n/)));
  // Not Y2: Zotero and EndNote write the access date there.
  record.year = parseYear(firstOf(fields, 'PY', 'Y1', 'DA'));
  // Ovid appends "[Electronic Resource]" to online journals' names.
  record.journal = cleanMarkup(firstOf(fields, 'JF', 'T2', 'JO', 'JA', 'J2', 'J1')?.replace(/\s*\[electronic resource\]\s*$/i, ''));
  record.volume = cleanText(firstOf(fields, 'VL'));
  record.issue = cleanText(firstOf(fields, 'IS', 'CP'));
  record.pages = joinPages(firstOf(fields, 'SP'), firstOf(fields, 'EP')) ?? cleanText(firstOf(fields, 'C7')); // C7: article number (Scopus, WoS)
  record.doi = firstDoi(allOf(fields, 'DO', 'DI', 'L3', 'UR', 'L2', 'L1', 'LK', 'N1', 'M3', 'AN'));
  record.pmid = risPmid(fields);
  record.keywords = splitKeywords(allOf(fields, 'KW'));
  record.language = cleanText(firstOf(fields, 'LA'));
  const workType = cleanText(firstOf(fields, 'M3'));
  const type = cleanText(firstOf(fields, 'TY'))?.toUpperCase() ?? null;
  record.publicationType = workType && !firstDoi([workType]) ? workType : type ? (TYPE_NAMES[type] ?? type) : null;
  return record;
}

/**
 * PMIDs hide in different tags per vendor: C5 (Embase), C2 (Scopus), AN when the database is
 * MEDLINE/PubMed (Ovid, EndNote), "PUBMED 123" in AN (Cochrane), "PMID: NLM123" in N1 (EBSCO),
 * "PMID: 123" in N1 (Zotero), or a PubMed URL.
 */
function risPmid(fields: TaggedFields): string | null {
  for (const value of allOf(fields, 'PM', 'C5', 'C2')) {
    const pmid = normalisePmid(value);
    if (pmid) return pmid;
  }
  const database = allOf(fields, 'DB', 'DP').join(' ');
  const accession = firstOf(fields, 'AN');
  if (accession && /medline|pubmed|\bnlm\b/i.test(database) && /^\s*\d{1,8}\s*$/.test(accession)) return accession.trim();
  for (const value of allOf(fields, 'AN', 'N1', 'UR', 'L2', 'LK')) {
    const pmid = pmidInText(value.replace(/^\s*pubmed\s+(\d+)/i, 'PMID $1'));
    if (pmid) return pmid;
  }
  return null;
}

function longest(values: (string | null)[]): string | null {
  let best: string | null = null;
  for (const value of values) if (value && (!best || value.length > best.length)) best = value;
  return best;
}
