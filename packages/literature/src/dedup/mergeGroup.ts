// One record from a duplicate group, keeping the best of each field and remembering where each
// came from: the longest abstract, the fullest author list, a title not in capitals, identifiers
// and publication details from PubMed-indexed copies first, keywords from all copies.
import type { LiteratureRecord } from '../record.ts';
import type { DedupInput } from './findDuplicates.ts';

export type MergedField = Exclude<keyof LiteratureRecord, 'raw' | 'sourceFile'>;

export interface MergedRecord {
  record: LiteratureRecord;
  /** Every member id, the primary (whose raw text and source file are kept) first. */
  sources: string[];
  /** Which member each chosen field value came from (keywords: the first that had any). */
  fieldSources: Partial<Record<MergedField, string>>;
}

const FIRST_PRESENT: MergedField[] = ['year', 'journal', 'volume', 'issue', 'pages', 'doi', 'pmid', 'language', 'publicationType'];

export function mergeGroup(members: readonly DedupInput[]): MergedRecord {
  if (members.length === 0) throw new Error('mergeGroup needs at least one record');
  const ranked = [...members].sort((a, b) => priority(b.record) - priority(a.record));
  const primary = ranked[0] as DedupInput;
  const record: LiteratureRecord = { ...primary.record, authors: [...primary.record.authors], keywords: [] };
  const fieldSources: MergedRecord['fieldSources'] = {};
  const choose = <K extends MergedField>(field: K, pick: DedupInput | undefined) => {
    if (!pick) return;
    record[field] = pick.record[field];
    fieldSources[field] = pick.id;
  };

  choose('title', best(ranked, (r) => r.title, (title) => (/[a-z]/.test(title) ? 1_000_000 : 0) + (/^\[/.test(title) ? 0 : 100_000) + title.length));
  choose('abstract', best(ranked, (r) => r.abstract, (text) => text.length));
  choose('authors', best(ranked, (r) => (r.authors.length > 0 ? r.authors : null), (authors) => authors.length * 10_000 + authors.join('').length));
  choose('journal', best(ranked, (r) => r.journal, (journal) => journal.length));
  choose('pages', best(ranked, (r) => r.pages, (pages) => pages.length));
  for (const field of FIRST_PRESENT) if (!(field in fieldSources)) choose(field, ranked.find((member) => member.record[field] !== null));

  const seen = new Set<string>();
  for (const member of ranked) {
    for (const keyword of member.record.keywords) {
      if (seen.has(keyword.toLowerCase())) continue;
      seen.add(keyword.toLowerCase());
      record.keywords.push(keyword);
      fieldSources.keywords ??= member.id;
    }
  }
  return { record, sources: ranked.map((member) => member.id), fieldSources };
}

/** PubMed-indexed copies first (their identifiers and dates are curated), then the most complete. */
function priority(record: LiteratureRecord): number {
  let filled = record.pmid ? 100 : 0;
  for (const value of Object.values(record)) if (value !== null && !(Array.isArray(value) && value.length === 0)) filled++;
  return filled;
}

/** The member whose value scores highest; earlier (higher-priority) members win ties. */
function best<T>(ranked: DedupInput[], value: (record: LiteratureRecord) => T | null, score: (value: T) => number): DedupInput | undefined {
  let winner: DedupInput | undefined;
  let top = -1;
  for (const member of ranked) {
    const candidate = value(member.record);
    if (candidate === null) continue;
    const points = score(candidate);
    if (points > top) {
      winner = member;
      top = points;
    }
  }
  return winner;
}
