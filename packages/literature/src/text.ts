// Field-level cleaning shared by every parser, so a title or DOI reads the same whichever
// format it came from: whitespace collapsed, placeholders ("NA", "[No abstract available]")
// dropped to null, inline markup removed, DOIs found anywhere in a field and normalised.
import { decodeHTML } from 'entities';

/** What exports write when a field is empty; treated as absent rather than as text. */
const PLACEHOLDERS = new Set(['na', 'n/a', 'n.a.', 'none', 'null', '-', '[no abstract available]', 'no abstract available', '[no abstract]', 'no abstract', '[not available].', '[not available]', 'not available']);

/** Inline markup seen in titles and abstracts (PubMed, Zotero, EndNote, Scopus); a bare "<" in "p < 0.05" is left alone. */
const MARKUP = /<\/?(?:i|b|u|em|strong|sup|sub|sc|scp|span|p|br|div|a|font|mml:[a-z]+|math|inline-formula)\b[^>]*>/gi;

export function cleanText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = value.replace(/\s+/g, ' ').trim().normalize('NFC');
  return text === '' || PLACEHOLDERS.has(text.toLowerCase()) ? null : text;
}

/** cleanText after decoding HTML entities and removing inline tags (for titles, abstracts, journals). */
export function cleanMarkup(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return cleanText(decodeHTML(value.replace(MARKUP, '')));
}

const DOI_PATTERN = /10\.\d{4,9}\/[^\s"<>]+/i;
/** Record DOIs of the Cochrane CENTRAL database itself, found in its UR lines: not the article's DOI. */
const DATABASE_DOI = /^10\.1002\/central\//;

/** The first DOI in a field: URL prefixes and "doi:" dropped, %-escapes decoded, lower case, trailing punctuation and "[doi]" removed. */
export function normaliseDoi(value: string | null | undefined): string | null {
  if (!value) return null;
  let text = value;
  if (/%2f/i.test(text)) {
    try {
      text = decodeURIComponent(text);
    } catch {
      // a stray "%" that is not an escape: search the text as it is
    }
  }
  const match = DOI_PATTERN.exec(text);
  if (!match) return null;
  const doi = match[0].replace(/\[doi\]$/i, '').replace(/[.,;:)\]}>'"]+$/, '').toLowerCase();
  return DATABASE_DOI.test(doi) ? null : doi;
}

/** The first DOI in any of the values, in order of trust. */
export function firstDoi(values: readonly (string | null | undefined)[]): string | null {
  for (const value of values) {
    const doi = normaliseDoi(value);
    if (doi) return doi;
  }
  return null;
}

/** A PubMed ID: 1 to 8 digits, optionally written "PMID: 123", "PUBMED 123" or "NLM123" (EBSCO). */
export function normalisePmid(value: string | null | undefined): string | null {
  if (!value) return null;
  const match = /^\s*(?:pmid|pubmed(?:\s*id)?|nlm)?\s*:?\s*(\d{1,8})\s*$/i.exec(value);
  return match?.[1] ?? null;
}

/** A PMID mentioned inside free text (notes, accession numbers) or a PubMed URL. */
export function pmidInText(value: string | null | undefined): string | null {
  if (!value) return null;
  const labelled = /\b(?:pmid|pubmed(?:\s*id)?)\s*:?\s*(?:nlm)?(\d{1,8})\b/i.exec(value);
  if (labelled) return labelled[1] ?? null;
  const url = /(?:pubmed\.ncbi\.nlm\.nih\.gov\/|ncbi\.nlm\.nih\.gov\/pubmed\/|[?&]list_uids=)(\d{1,8})\b/i.exec(value);
  return url?.[1] ?? null;
}

/** The publication year in "2020 Jan 15", "2020/11//", "20200115", "Spring 2019" or "2019-2020" (the first). */
export function parseYear(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  const match = /^(\d{4})\d{4}$/.exec(text) ?? /(?:^|\D)(1[5-9]\d\d|20\d\d)(?!\d)/.exec(text);
  return match ? Number(match[1]) : null;
}

/** Pages from a start and an end ("123", "9" => "123-9"); a start that is already a range is kept. */
export function joinPages(start: string | null | undefined, end: string | null | undefined): string | null {
  const first = cleanText(start);
  const last = cleanText(end);
  if (!first) return last;
  if (!last || /[-–]/.test(first) || last === first) return first.replace(/\s*[–—]\s*/, '-');
  return `${first}-${last}`;
}

/**
 * Keywords from repeated fields, each possibly holding several separated by ";" or line breaks;
 * MeSH's major-topic stars ("*Delirium/prevention & control") removed; repeats dropped.
 */
export function splitKeywords(values: readonly (string | null | undefined)[], separator: RegExp = /[;\n\r]+/): string[] {
  const seen = new Set<string>();
  const keywords: string[] = [];
  for (const value of values) {
    if (!value) continue;
    for (const part of value.split(separator)) {
      const keyword = cleanText(part.replace(/\*/g, ''));
      if (keyword && !seen.has(keyword.toLowerCase())) {
        seen.add(keyword.toLowerCase());
        keywords.push(keyword);
      }
    }
  }
  return keywords;
}

/** "Smith, John" stays; "Smith JA" and "Smith J.A." become "Smith, JA" and "Smith, J.A."; Scopus author IDs are dropped. */
export function formatAuthor(value: string | null | undefined): string | null {
  const name = cleanText(value?.replace(/\(\s*\d{5,}\s*\)/g, ''));
  if (!name) return null;
  const comma = name.indexOf(',');
  if (comma > 0) {
    const given = name.slice(comma + 1).trim();
    return given ? `${name.slice(0, comma).trim()}, ${given}` : name.slice(0, comma).trim();
  }
  const initials = /^(.+?)\s+((?:\p{Lu}\.?\s?-?){1,4})$/u.exec(name);
  return initials ? `${initials[1]}, ${(initials[2] ?? '').trim()}` : name;
}

export function formatAuthors(values: readonly (string | null | undefined)[]): string[] {
  const authors: string[] = [];
  for (const value of values) {
    const author = formatAuthor(value);
    if (author) authors.push(author);
  }
  return authors;
}
