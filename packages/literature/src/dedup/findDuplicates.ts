// Finds duplicate groups among records from one or many files without comparing every pair:
// records are bucketed by DOI, PMID, title key, title start, title end, first author plus year,
// and volume plus first page; only records sharing a bucket are compared. Links are made strongest
// first (researcher's merges, DOI, PMID, same title, alike title, contained title), each kept with
// its reason. Pairs compared but not linked come back as related reports and possible duplicates.
import type { LiteratureRecord } from '../record.ts';
import { bigrams, dice, type Guard, judgeTitleMatch, samePlace, sameWork, wordsAlike } from './match.ts';
import { containerDois, contains, differ, doiEvidence } from './identifiers.ts';
import { type NearPair, possibleDuplicate, type PossibleDuplicate, type RelatedLink, relatedLink, worthListing } from './neighbours.ts';
import { type Profile, profile } from './profile.ts';
import { Components } from './components.ts';

export type DuplicateReason = 'doi' | 'pmid' | 'title_year_author' | 'researcher';

export interface DuplicateLink {
  ids: [string, string];
  reason: DuplicateReason;
  /** Why, in words: "Same DOI 10.1000/x", "Same title, same year 2020, same first author (smith)". */
  detail: string;
}

export interface DuplicateGroup {
  /** Member ids in input order. */
  ids: string[];
  /** The strongest reason among the links: doi, then pmid, then title_year_author, then researcher (joined only by the researcher). */
  reason: DuplicateReason;
  /** The links that joined the group, one fewer than its members. */
  links: DuplicateLink[];
}

export interface DedupInput {
  id: string;
  record: LiteratureRecord;
}

export interface DedupOptions {
  /** Pairs the researcher has split apart: never put in one group again, directly or through others. */
  keepApart?: readonly (readonly [string, string])[];
  /** Pairs the researcher merged (a possible duplicate they judged): linked first, unless kept apart. */
  mergePairs?: readonly (readonly [string, string])[];
  /** Dice similarity of title keys for titles that are not identical (Default: 0.9). */
  titleSimilarity?: number;
}

export interface DedupResult {
  groups: DuplicateGroup[];
  /** Pairs in different groups whose titles match but a guard on often-mangled fields kept apart. */
  possible: PossibleDuplicate[];
  /** Errata, retractions and comments with their article; conference abstracts with their paper. */
  related: RelatedLink[];
}

const REASON_RANK: Record<DuplicateReason, number> = { doi: 0, pmid: 1, title_year_author: 2, researcher: 3 };

export function findDuplicates(records: readonly DedupInput[], options: DedupOptions = {}): DuplicateGroup[] {
  return analyseDuplicates(records, options).groups;
}

export function analyseDuplicates(records: readonly DedupInput[], options: DedupOptions = {}): DedupResult {
  const profiles = records.map((entry, index) => profile(index, entry.id, entry.record));
  const components = new Components(records.length);
  const indexOf = new Map(records.map((entry, index) => [entry.id, index]));
  for (const [a, b] of options.keepApart ?? []) {
    const ia = indexOf.get(a);
    const ib = indexOf.get(b);
    if (ia !== undefined && ib !== undefined) components.keepApart(ia, ib);
  }
  const links: DuplicateLink[] = [];
  const link = (a: Profile, b: Profile, reason: DuplicateReason, detail: string) => {
    if (components.union(a.index, b.index)) links.push({ ids: [a.id, b.id], reason, detail });
  };
  for (const [a, b] of options.mergePairs ?? []) {
    const ia = indexOf.get(a);
    const ib = indexOf.get(b);
    if (ia !== undefined && ib !== undefined) link(profiles[ia] as Profile, profiles[ib] as Profile, 'researcher', 'Merged by the researcher');
  }
  // Pairs compared and not linked, once each (the first bucket to compare them says what it found).
  const near = new Map<number, NearPair>();
  const remember = (a: Profile, b: Profile, similarity: number, guard: Guard | null, identifiersConflict: boolean, sameDoi = false) => {
    if (!worthListing(a, b, guard)) return;
    const key = Math.min(a.index, b.index) * records.length + Math.max(a.index, b.index);
    if (!near.has(key)) near.set(key, { a, b, similarity, guard, identifiersConflict, sameDoi });
  };
  const judged = (a: Profile, b: Profile, similarity: number, titleNote: string) => {
    const verdict = judgeTitleMatch(a, b, titleNote);
    if ('detail' in verdict) return verdict.detail;
    remember(a, b, similarity, verdict.guard, false);
    return null;
  };

  // Identifiers: the same DOI links when the titles or the place agree too (a congress supplement's
  // DOI is on every abstract in it); the same PMID links unless the DOIs contradict it. Neither links
  // a notice (erratum, retraction) to the article it is filed under.
  const threshold = options.titleSimilarity ?? 0.9;
  const doiBuckets = buckets(profiles, (p) => (p.doi ? [p.doi] : []));
  const containers = containerDois(doiBuckets, threshold);
  for (const bucket of doiBuckets) {
    if (containers.has(bucket[0]?.doi as string)) continue;
    linkWithin(bucket, (a, b) => {
      const evidence = doiEvidence(a, b, threshold);
      // An erratum or comment filed under its article's DOI is related to it.
      if (!evidence && a.kind !== b.kind) remember(a, b, 0, 'kind', false, true);
      return evidence;
    }, 'doi');
  }
  // Conflicting identifiers keep alike titles apart (two trials named alike); a container DOI is no identifier.
  const doisConflict = (a: Profile, b: Profile) => differ(a.doi, b.doi) && !containers.has(a.doi as string) && !containers.has(b.doi as string);
  const identifiersConflict = (a: Profile, b: Profile) => differ(a.pmid, b.pmid) || doisConflict(a, b);
  for (const bucket of buckets(profiles, (p) => (p.pmid ? [p.pmid] : []))) {
    linkWithin(bucket, (a, b) => (a.kind === b.kind && !doisConflict(a, b) ? `Same PMID ${a.pmid}` : null), 'pmid');
  }
  // Titles: identical title keys first, then alike titles by the same first author in the same year.
  for (const bucket of buckets(profiles, (p) => (p.titleKey ? [p.titleKey] : []))) {
    linkWithin(bucket, (a, b) => {
      if (!identifiersConflict(a, b)) return judged(a, b, 1, 'Same title');
      remember(a, b, 1, null, true);
      return null;
    }, 'title_year_author');
  }
  // A notice's title names its article after an opening ("Erratum to:", "Comment on"): only
  // buckets holding a notice are compared, and only for related links.
  for (const bucket of buckets(profiles, (p) => (p.subjectKey && p.subjectKey !== p.titleKey ? [p.subjectKey] : []), (p) => (p.kind === 'article' && p.titleKey ? [p.titleKey] : []))) {
    for (const notice of bucket) {
      if (notice.kind === 'article') continue;
      for (const article of bucket) if (article.kind === 'article') remember(notice, article, 1, 'kind', identifiersConflict(notice, article));
    }
  }
  const pairs = new Map<number, Uint32Array>();
  const pairsOf = (p: Profile) => pairs.get(p.index) ?? pairs.set(p.index, bigrams(p.titleKey)).get(p.index) as Uint32Array;
  // Alike titles are looked for among records sharing the first or last 20 characters of the
  // title key (a typo or spelling variant rarely touches both ends), or the first author and year.
  const fuzzyKeys = (p: Profile) => {
    if (p.titleKey.length < 20) return [];
    const keys = [`<${p.titleKey.slice(0, 20)}`, `>${p.titleKey.slice(-20)}`];
    if (p.year !== null) for (const key of p.firstAuthor) keys.push(`@${key}|${p.year}`, `@${key}|${p.year + 1}`);
    return keys;
  };
  for (const bucket of buckets(profiles, fuzzyKeys)) {
    linkWithin(bucket, (a, b) => {
      // Conflicting identifiers leave only a related link to find (a notice or an abstract and its article).
      const conflict = identifiersConflict(a, b);
      if (a.titleKey === b.titleKey || (conflict && a.kind === b.kind && a.meeting === b.meeting)) return null;
      const [short, long] = a.titleKey.length <= b.titleKey.length ? [a.titleKey, b.titleKey] : [b.titleKey, a.titleKey];
      if (short.length < long.length * 0.8) return null;
      const similarity = dice(pairsOf(a), pairsOf(b));
      if (similarity < threshold || !wordsAlike(a.words, b.words)) return null;
      if (!conflict) return judged(a, b, similarity, `Titles ${Math.floor(similarity * 100)}% alike`);
      remember(a, b, similarity, null, true);
      return null;
    }, 'title_year_author');
  }
  // One title inside the other at the same journal, volume and first page: a subtitle, a section
  // heading ("MEDICAL PROGRESS"), a group name or citation appended, or a title cut off at 255 characters.
  const placeKeys = (p: Profile) => (p.volume && p.page && p.journal.length > 0 && p.titleKey ? [`${p.volume}|${p.page}`] : []);
  for (const bucket of buckets(profiles, placeKeys)) {
    linkWithin(bucket, (a, b) => {
      if (a.titleKey === b.titleKey || identifiersConflict(a, b) || !samePlace(a, b) || !contains(a.titleKey, b.titleKey)) return null;
      return sameWork(a, b, 'One title contains the other', 'contained');
    }, 'title_year_author');
  }

  function linkWithin(bucket: Profile[], why: (a: Profile, b: Profile) => string | null, reason: DuplicateReason) {
    for (let j = 1; j < bucket.length; j++) {
      const b = bucket[j] as Profile;
      for (let i = 0; i < j; i++) {
        const a = bucket[i] as Profile;
        if (components.same(a.index, b.index)) continue;
        const detail = why(a, b);
        if (detail) link(a, b, reason, detail);
      }
    }
  }

  // Only pairs the groups left apart are worth showing, each once per pair of groups (works),
  // whichever copies it was found between; related works are not also possible duplicates. A
  // researcher's keep-apart is layered on top by the caller, so a dismissed pair is still reported
  // (shown as dismissed), and it is the one listed for its two groups, so the dismissal stays put.
  const related = new Map<number, RelatedLink>();
  const possible = new Map<number, PossibleDuplicate>();
  const dismissed = new Set((options.keepApart ?? []).map(([a, b]) => `${a}|${b}`));
  for (const pair of near.values()) {
    const [rootA, rootB] = [components.find(pair.a.index), components.find(pair.b.index)];
    if (rootA === rootB) continue;
    const works = Math.min(rootA, rootB) * records.length + Math.max(rootA, rootB);
    const relation = relatedLink(pair);
    if (relation) {
      if (!related.has(works)) related.set(works, relation);
      continue;
    }
    const candidate = possibleDuplicate(pair);
    const kept = (entry: PossibleDuplicate) => dismissed.has(entry.ids.join('|')) || dismissed.has(`${entry.ids[1]}|${entry.ids[0]}`);
    const listed = possible.get(works);
    if (candidate && (!listed || (!kept(listed) && kept(candidate)))) possible.set(works, candidate);
  }
  for (const works of related.keys()) possible.delete(works);
  return { groups: groupsOf(components, profiles, links), possible: [...possible.values()], related: [...related.values()] };
}

/**
 * Profiles sharing a key, for every key held by two or more. `joinKeys` adds profiles only to
 * buckets a `keys` profile opened (articles joining the bucket of a notice about them).
 */
function buckets(profiles: Profile[], keys: (p: Profile) => string[], joinKeys?: (p: Profile) => string[]): Profile[][] {
  const byKey = new Map<string, Profile[]>();
  for (const p of profiles) {
    for (const key of keys(p)) {
      const bucket = byKey.get(key);
      if (bucket) bucket.push(p);
      else byKey.set(key, [p]);
    }
  }
  if (joinKeys) for (const p of profiles) for (const key of joinKeys(p)) byKey.get(key)?.push(p);
  return [...byKey.values()].filter((bucket) => bucket.length > 1);
}

function groupsOf(components: Components, profiles: Profile[], links: DuplicateLink[]): DuplicateGroup[] {
  const byRoot = new Map<number, DuplicateGroup>();
  const rootOf = new Map(profiles.map((p) => [p.id, components.find(p.index)]));
  for (const p of profiles) {
    const root = components.find(p.index);
    if (components.size(root) < 2) continue;
    const group = byRoot.get(root);
    if (group) group.ids.push(p.id);
    else byRoot.set(root, { ids: [p.id], reason: 'researcher', links: [] }); // the weakest, lowered by each link
  }
  for (const entry of links) {
    const group = byRoot.get(rootOf.get(entry.ids[0]) as number) as DuplicateGroup;
    group.links.push(entry);
    if (REASON_RANK[entry.reason] < REASON_RANK[group.reason]) group.reason = entry.reason;
  }
  return [...byRoot.values()];
}
