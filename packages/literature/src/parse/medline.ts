// PubMed/MEDLINE (.nbib, .txt), hand-written: no maintained npm parser reads this format. Tags are
// padded to four characters before "- "; lines indented with spaces continue the previous field;
// records are separated by blank lines and open with PMID. Author order comes from the FAU/AU
// sequence, so an author with only an AU line (no full name) keeps its place.
import { emptyRecord, type LiteratureRecord } from '../record.ts';
import { cleanMarkup, cleanText, firstDoi, formatAuthor, parseYear, splitKeywords } from '../text.ts';
import { addField, allOf, firstOf, rawLines, type ReadPlan, type RecordSource, splitLines, strayText, type TaggedFields } from './source.ts';

const TAG_LINE = /^([A-Z][A-Z0-9]{1,3}) *- ?(.*)$/;

type Entries = [tag: string, value: string][];

export function readMedline(text: string): ReadPlan<Entries> {
  const lines = splitLines(text);
  const sources: RecordSource<Entries>[] = [];
  const skipped: ReadPlan<Entries>['skipped'] = [];
  const stray = strayText(skipped);
  let entries: Entries | null = null;
  let first = 0;
  let last = 0;
  const finish = () => {
    if (entries) sources.push({ line: first + 1, raw: rawLines(text, lines, first, last), data: entries });
    entries = null;
  };

  for (let index = 0; index < lines.texts.length; index++) {
    const line = lines.texts[index] as string;
    const tag = TAG_LINE.exec(line);
    if (line.trim() === '') {
      finish();
      stray.see(index, line);
    } else if (tag && (!entries || tag[1] === 'PMID')) {
      finish();
      entries = [[tag[1] as string, tag[2] ?? '']];
      first = last = index;
      stray.reset();
    } else if (!entries) {
      stray.see(index, line);
    } else if (tag) {
      entries.push([tag[1] as string, tag[2] ?? '']);
      last = index;
    } else {
      const previous = entries[entries.length - 1] as [string, string];
      // PubMed wraps after the hyphen of a hyphenated word ("placebo-\n      controlled"): no space belongs there.
      previous[1] += /[\p{L}\p{N}]-$/u.test(previous[1]) ? line.trimStart() : `\n${line}`;
      last = index;
    }
  }
  finish();
  markTruncated(sources, /[\r\n]$/.test(text));
  return { sources, skipped, build: buildMedlineRecord };
}

/**
 * PubMed ends every record with its SO (source) line. A last record without one is the end of a
 * cut-off file when the other records have it or the file stops mid-line.
 */
function markTruncated(sources: RecordSource<Entries>[], endsWithNewline: boolean): void {
  const lastSource = sources.at(-1);
  if (!lastSource || lastSource.data.some(([tag]) => tag === 'SO')) return;
  const othersHaveSource = sources.length > 1 && sources.slice(0, -1).every((source) => source.data.some(([tag]) => tag === 'SO'));
  if (othersHaveSource || !endsWithNewline) {
    lastSource.incomplete = 'The file ends inside this record (no "SO  - " line): it looks truncated, so it was not imported';
  }
}

function buildMedlineRecord(source: RecordSource<Entries>, sourceFile: string | null): LiteratureRecord {
  const fields: TaggedFields = new Map();
  for (const [tag, value] of source.data) addField(fields, tag, value);
  const record = emptyRecord(source.raw, sourceFile);
  record.title = untranslated(cleanMarkup(firstOf(fields, 'TI'))) ?? cleanMarkup(firstOf(fields, 'TT'));
  record.abstract = cleanMarkup(firstOf(fields, 'AB'));
  record.authors = orderedAuthors(source.data);
  record.year = parseYear(firstOf(fields, 'DP', 'DEP', 'EDAT'));
  record.journal = cleanText(firstOf(fields, 'JT', 'TA'));
  record.volume = cleanText(firstOf(fields, 'VI'));
  record.issue = cleanText(firstOf(fields, 'IP'));
  record.pages = cleanText(firstOf(fields, 'PG'));
  const ids = allOf(fields, 'LID', 'AID');
  record.doi = firstDoi(ids.filter((id) => /\[doi\]\s*$/i.test(id)));
  record.pmid = cleanText(firstOf(fields, 'PMID'));
  record.keywords = splitKeywords([...allOf(fields, 'OT'), ...allOf(fields, 'MH')]);
  record.language = cleanText(firstOf(fields, 'LA'));
  const types = allOf(fields, 'PT').map((type) => cleanText(type)).filter((type) => type !== null);
  record.publicationType = types.length > 0 ? types.join('; ') : null;
  return record;
}

/** MEDLINE writes titles translated into English in square brackets: "[Effect of ...]." */
function untranslated(title: string | null): string | null {
  const match = title && /^\[(.+)\]\.?$/.exec(title);
  return match ? `${match[1]}.` : title;
}

/** Authors in file order: each FAU (full name) with the AU that follows it counted once; CN (group authors) in place. */
function orderedAuthors(entries: Entries): string[] {
  const authors: string[] = [];
  let afterFullName = false;
  for (const [tag, value] of entries) {
    if (tag === 'FAU' || tag === 'CN' || (tag === 'AU' && !afterFullName)) {
      const author = formatAuthor(value);
      if (author) authors.push(author);
    }
    if (tag === 'FAU') afterFullName = true;
    else if (tag === 'AU' || tag === 'CN') afterFullName = false;
  }
  return authors;
}
