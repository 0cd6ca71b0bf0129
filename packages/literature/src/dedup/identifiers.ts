// DOIs and PMIDs are evidence, not proof. Embase gives every abstract of a congress supplement the
// supplement's DOI, and a record can carry a wrong identifier; so a shared DOI links two records
// only when their titles (or journal, volume and first page) agree too. A DOI shared by records
// that do not agree names a container, not a paper: it neither links nor keeps records apart.
import { bigrams, dice, samePlace, wordsAlike } from './match.ts';
import type { Profile } from './profile.ts';

/** Alike enough for two records that already share an identifier: one title missing, the same, one inside the other, or alike. */
export function titlesAgree(a: Profile, b: Profile, similarity: number): boolean {
  if (a.titleKey === '' || b.titleKey === '' || a.titleKey === b.titleKey) return true;
  if (contains(a.titleKey, b.titleKey)) return true;
  return dice(bigrams(a.titleKey), bigrams(b.titleKey)) >= similarity && wordsAlike(a.words, b.words);
}

/** One title key holds the other whole: a subtitle, heading or appended note on one side, or a title cut off at a field limit. */
export function contains(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length > 0 && long.includes(short);
}

/** Why two records sharing a DOI are one paper, or null. */
export function doiEvidence(a: Profile, b: Profile, similarity: number): string | null {
  if (a.kind !== b.kind || differ(a.pmid, b.pmid)) return null;
  if (titlesAgree(a, b, similarity)) return `Same DOI ${a.doi}, titles agree`;
  return samePlace(a, b) ? `Same DOI ${a.doi}, same journal, volume and page` : null;
}

/** DOIs held by two records of one kind that do not agree: a supplement's or a series' DOI. */
export function containerDois(buckets: Profile[][], similarity: number): Set<string> {
  const shared = new Set<string>();
  for (const bucket of buckets) {
    const doi = bucket[0]?.doi;
    if (!doi) continue;
    disagree: for (let j = 1; j < bucket.length; j++) {
      for (let i = 0; i < j; i++) {
        const a = bucket[i] as Profile;
        const b = bucket[j] as Profile;
        if (a.kind === b.kind && !titlesAgree(a, b, similarity) && !samePlace(a, b)) {
          shared.add(doi);
          break disagree;
        }
      }
    }
  }
  return shared;
}

export function differ(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && a !== b;
}
