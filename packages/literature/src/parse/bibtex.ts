// BibTeX/BibLaTeX through @citation-js/plugin-bibtex, one entry at a time: entries are cut out
// here by brace matching first, so one malformed or truncated entry is reported with its line
// and the rest still import. The library does the hard part (TeX accents and commands, macros,
// name lists); @string definitions are handed to every entry so macros still resolve.
import { type CSL, type CSLName, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import { emptyRecord, type LiteratureRecord } from '../record.ts';
import { cleanMarkup, cleanText, formatAuthors, normaliseDoi, normalisePmid, parseYear, splitKeywords } from '../text.ts';
import { lineFinder, RecordError, type ReadPlan, type RecordSource } from './source.ts';

interface Entry {
  type: string;
  text: string;
}

// The library's typings mark every option required; these two are all it needs.
const CHAIN_OPTIONS = { forceType: '@biblatex/text', generateGraph: false } as Parameters<typeof plugins.input.chain>[1];
/** An entry opens at the start of a line ("@article{", "@Book ("); an "@" inside a field (an e-mail address) does not. */
const ENTRY_START = /^[ \t]*@\s*([A-Za-z]+)\s*[{(]/gm;

export function readBibtex(text: string): ReadPlan<Entry> {
  const sources: RecordSource<Entry>[] = [];
  const strings: string[] = [];
  const lineOf = lineFinder(text);
  const starts = [...text.matchAll(ENTRY_START)];
  starts.forEach((match, index) => {
    const start = match.index + match[0].indexOf('@');
    const limit = starts[index + 1]?.index ?? text.length;
    const type = (match[1] as string).toLowerCase();
    const end = closingBracket(text, match.index + match[0].length - 1, limit);
    const raw = text.slice(start, end === -1 ? limit : end + 1).trimEnd();
    const line = lineOf(start);
    if (end === -1) {
      const incomplete =
        limit === text.length
          ? 'The file ends inside this entry (its braces never close): it looks truncated, so it was not imported'
          : `This entry's braces never close before the next entry at line ${lineOf(limit)}, so it was not imported`;
      if (type !== 'comment') sources.push({ line, raw, incomplete, data: { type, text: raw } });
    } else if (type === 'string') strings.push(raw);
    else if (type !== 'comment' && type !== 'preamble') sources.push({ line, raw, data: { type, text: raw } });
  });
  // Text between entries is a comment in BibTeX (JabRef headers, notes), so it is not reported.
  const prelude = strings.join('\n');
  return { sources, skipped: [], build: (source, sourceFile) => buildBibtexRecord(source, sourceFile, prelude) };
}

/** Offset of the bracket closing the one at `open`, before `limit`, skipping TeX-escaped braces; -1 if none. */
function closingBracket(text: string, open: number, limit: number): number {
  const closer = text[open] === '(' ? ')' : '}';
  let depth = 0;
  for (let i = open + 1; i < limit; i++) {
    const char = text[i];
    if (char === '\\') i++;
    else if (char === '{') depth++;
    else if (char === '}' && depth > 0) depth--;
    else if (char === closer && depth === 0) return i;
  }
  return -1;
}

function buildBibtexRecord(source: RecordSource<Entry>, sourceFile: string | null, prelude: string): LiteratureRecord {
  let entries: CSL[];
  try {
    entries = plugins.input.chain(prelude ? `${prelude}\n${source.data.text}` : source.data.text, CHAIN_OPTIONS);
  } catch (error) {
    const offset = source.line - 1 - (prelude ? prelude.split('\n').length : 0);
    const message = String((error as Error).message).split('\n')[0] ?? '';
    throw new RecordError(`Could not read this BibTeX entry: ${message.replace(/at line (\d+)/, (_, n: string) => `at line ${Number(n) + offset}`)}`);
  }
  const csl = entries[0];
  if (!csl) throw new RecordError('Could not read this BibTeX entry: it has no fields');
  const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? undotted(String(value)) : null);
  const record = emptyRecord(source.raw, sourceFile);
  record.title = cleanMarkup(text(csl.title));
  record.abstract = cleanMarkup(text(csl.abstract));
  record.authors = formatAuthors((csl.author ?? []).map(nameText));
  const parts = csl.issued?.['date-parts']?.[0];
  record.year = parseYear(parts?.[0] ?? csl.issued?.literal ?? csl.issued?.raw ?? null);
  record.journal = cleanMarkup(text(csl['container-title']));
  record.volume = cleanText(text(csl.volume));
  record.issue = cleanText(text(csl.issue));
  record.pages = cleanText(text(csl.page));
  record.doi = normaliseDoi(text(csl.DOI));
  record.pmid = normalisePmid(text(csl.PMID));
  record.keywords = splitKeywords([text(csl.keyword)], /[;,\n]+/);
  record.language = cleanText(text(csl.language));
  record.publicationType = source.data.type;
  return record;
}

/** "Surname, Given" from a CSL name; organisations (literal or family-only) as they are. */
function nameText(name: CSLName): string {
  const family = [name['non-dropping-particle'], name.family].filter(Boolean).join(' ');
  const given = [name.given, name['dropping-particle']].filter(Boolean).join(' ');
  return undotted(name.literal ?? (given ? `${family}, ${given}` : family));
}

/** TeX's {\'\i} comes out as a dotless i plus a combining accent; fold it to the accented letter (í). */
function undotted(value: string): string {
  return value.replace(/ı(?=[\u0300-\u036f])/g, 'i').normalize('NFC');
}
