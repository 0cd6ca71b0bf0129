// A record's title, abstract and keywords cut into words once, shared by the hard criteria,
// the design detection and the scoring.
import type { Highlight, ScreeningRecord } from '../screener.ts';
import { type Token, tokenize } from './tokens.ts';

export interface AnalysedField {
  field: 'title' | 'abstract' | 'keywords';
  text: string;
  tokens: Token[];
}

export interface AnalysedRecord {
  record: ScreeningRecord;
  title: AnalysedField | null;
  abstract: AnalysedField | null;
  keywords: AnalysedField | null;
}

const NOT_BLANK = /\S/;

function analyseField(field: AnalysedField['field'], text: string | null): AnalysedField | null {
  if (text === null || !NOT_BLANK.test(text)) return null;
  return { field, text, tokens: tokenize(text) };
}

export function analyseRecord(record: ScreeningRecord): AnalysedRecord {
  return {
    record,
    title: analyseField('title', record.title),
    abstract: analyseField('abstract', record.abstract),
    keywords: analyseField('keywords', record.keywords.length > 0 ? record.keywords.join('; ') : null),
  };
}

/** The highlight of tokens first..last of a field; keywords have no highlights (they are not shown as text). */
export function highlightOf(field: AnalysedField, first: number, last: number): Highlight | null {
  if (field.field === 'keywords') return null;
  return { field: field.field, start: (field.tokens[first] as Token).start, end: (field.tokens[last] as Token).end };
}

export function textOf(field: AnalysedField, first: number, last: number): string {
  return field.text.slice((field.tokens[first] as Token).start, (field.tokens[last] as Token).end);
}

/** Sorted, with overlapping and touching highlights of one field merged. */
export function mergeHighlights(highlights: readonly Highlight[]): Highlight[] {
  const sorted = [...highlights].sort((a, b) => (a.field === b.field ? a.start - b.start : a.field === 'title' ? -1 : 1));
  const merged: Highlight[] = [];
  for (const highlight of sorted) {
    const last = merged[merged.length - 1];
    if (last && last.field === highlight.field && highlight.start <= last.end) last.end = Math.max(last.end, highlight.end);
    else merged.push({ ...highlight });
  }
  return merged;
}
