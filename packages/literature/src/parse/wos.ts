// Web of Science plain text ("FN Clarivate Analytics Web of Science"), hand-written: no maintained
// npm parser exists. Two-letter tags, continuation lines indented by three spaces; a record runs
// from PT to ER. In list fields (authors, addresses) each continuation line is a new entry; in
// text fields it continues the text.
import { emptyRecord, type LiteratureRecord } from '../record.ts';
import { cleanMarkup, cleanText, firstDoi, formatAuthors, joinPages, normalisePmid, parseYear, splitKeywords } from '../text.ts';
import { addField, allOf, firstOf, rawLines, type ReadPlan, type RecordSource, splitLines, strayText, type TaggedFields, unterminatedSource } from './source.ts';

const TAG_LINE = /^([A-Z][A-Z0-9])(?: (.*))?$/;
const CONTINUATION = /^ {2,3}(.*)$/;
const LIST_TAGS = new Set(['AU', 'AF', 'BA', 'BF', 'CA', 'GP', 'CR', 'C1', 'C3']);
/** File framing, not data: the header (FN, VR) and the end-of-file marker (EF). */
const FRAMING = new Set(['FN', 'VR', 'EF']);

export function readWos(text: string): ReadPlan<TaggedFields> {
  const lines = splitLines(text);
  const sources: RecordSource<TaggedFields>[] = [];
  const skipped: ReadPlan<TaggedFields>['skipped'] = [];
  const stray = strayText(skipped);
  let fields: TaggedFields | null = null;
  let first = 0;
  let lastTag: string | null = null;

  for (let index = 0; index < lines.texts.length; index++) {
    const line = lines.texts[index] as string;
    const tag = TAG_LINE.exec(line);
    if (tag?.[1] === 'PT') {
      if (fields) sources.push({ line: first + 1, raw: rawLines(text, lines, first, index - 1), data: fields });
      fields = new Map();
      first = index;
      stray.reset();
    }
    if (!fields) {
      if (!(tag && FRAMING.has(tag[1] as string))) stray.see(index, line);
      continue;
    }
    const continued = CONTINUATION.exec(line);
    if (tag?.[1] === 'ER') {
      sources.push({ line: first + 1, raw: rawLines(text, lines, first, index), data: fields });
      fields = null;
    } else if (tag) {
      lastTag = tag[1] as string;
      addField(fields, lastTag, tag[2] ?? '');
    } else if (continued && lastTag) {
      const values = fields.get(lastTag) as string[];
      if (LIST_TAGS.has(lastTag)) values.push(continued[1] ?? '');
      else values[values.length - 1] += ` ${continued[1] ?? ''}`;
    }
  }
  if (fields) sources.push(unterminatedSource(text, lines, first, fields, 'ER'));
  return { sources, skipped, build: buildWosRecord };
}

function buildWosRecord(source: RecordSource<TaggedFields>, sourceFile: string | null): LiteratureRecord {
  const fields = source.data;
  const record = emptyRecord(source.raw, sourceFile);
  record.title = cleanMarkup(firstOf(fields, 'TI'));
  record.abstract = cleanMarkup(firstOf(fields, 'AB'));
  record.authors = formatAuthors([...(fields.has('AF') ? allOf(fields, 'AF') : allOf(fields, 'AU')), ...allOf(fields, 'CA')]);
  record.year = parseYear(firstOf(fields, 'PY', 'EA', 'PD'));
  record.journal = cleanText(firstOf(fields, 'SO'));
  record.volume = cleanText(firstOf(fields, 'VL'));
  record.issue = cleanText(firstOf(fields, 'IS'));
  record.pages = joinPages(firstOf(fields, 'BP'), firstOf(fields, 'EP')) ?? cleanText(firstOf(fields, 'AR'));
  record.doi = firstDoi(allOf(fields, 'DI', 'D2'));
  record.pmid = normalisePmid(firstOf(fields, 'PM'));
  record.keywords = splitKeywords([...allOf(fields, 'DE'), ...allOf(fields, 'ID')]);
  record.language = cleanText(firstOf(fields, 'LA'));
  record.publicationType = cleanText(firstOf(fields, 'DT'));
  return record;
}
