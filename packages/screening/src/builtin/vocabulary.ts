// The synonym list (synonyms.ts) as lookups: which known terms a text contains, a group's terms
// with everything narrower, and the terms beside a group under a broader one. Built once at load.
import { makePhrase, type Phrase, type PhraseHit, PhraseIndex } from './phrases.ts';
import { synonymGroups } from './synonyms.ts';
import type { Token } from './tokens.ts';

/** A synonym group found by one of its terms; `narrower` when the term is one of the group's narrower terms. */
export interface GroupRef {
  group: number;
  narrower: boolean;
}

const synonymIndex = new PhraseIndex<GroupRef>('stem');
const groupPhrases: Phrase[][] = [];
const groupsOfTerm = new Map<string, number[]>(); // phrase keys → groups it is a term of
for (const [group, { terms, narrower = [] }] of synonymGroups.entries()) {
  groupPhrases.push(terms.map((term) => makePhrase(term, 'stem')));
  for (const term of terms) {
    const phrase = makePhrase(term, 'stem');
    synonymIndex.add(phrase, { group, narrower: false });
    const key = phrase.keys.join(' ');
    groupsOfTerm.set(key, [...(groupsOfTerm.get(key) ?? []), group]);
  }
  for (const term of narrower) synonymIndex.add(makePhrase(term, 'stem'), { group, narrower: true });
}
/** The groups that list a group's terms as narrower ("osteoarthritis" for "knee osteoarthritis"). */
const parentsOf = new Map<number, number[]>();
for (const [parent, { narrower = [] }] of synonymGroups.entries()) {
  for (const term of narrower) {
    for (const child of groupsOfTerm.get(makePhrase(term, 'stem').keys.join(' ')) ?? []) parentsOf.set(child, [...(parentsOf.get(child) ?? []), parent]);
  }
}

/** The synonym-list terms in the text, longest first, none overlapping ("type 1 diabetes", not also "diabetes"). */
export function knownTerms(tokens: readonly Token[], text: string): PhraseHit<GroupRef>[] {
  const hits: PhraseHit<GroupRef>[] = [];
  synonymIndex.scan(tokens, text, (hit) => hits.push(hit));
  hits.sort((a, b) => b.last - b.first - (a.last - a.first) || a.first - b.first);
  const taken = new Set<number>();
  return hits.filter((hit) => {
    for (let i = hit.first; i <= hit.last; i++) if (taken.has(i)) return false;
    for (let i = hit.first; i <= hit.last; i++) taken.add(i);
    return true;
  });
}

/** The groups a known term found in `tokens` stands for: a drug named in the criteria is its own group, never its class. */
export function groupsOfHit(hit: PhraseHit<GroupRef>, tokens: readonly Token[]): number[] {
  if (!hit.payload.narrower) return [hit.payload.group];
  return groupsOfTerm.get(tokens.slice(hit.first, hit.last + 1).map((token) => token.stem).join(' ')) ?? [];
}

/** A group's terms, its narrower terms, and the groups those narrower terms head (one level down, then on). */
export function expandGroup(group: number, into: Map<string, Phrase>, seen: Set<number>): void {
  if (seen.has(group)) return;
  seen.add(group);
  const { narrower = [] } = synonymGroups[group] as (typeof synonymGroups)[number];
  for (const phrase of groupPhrases[group] as Phrase[]) into.set(phrase.keys.join(' '), phrase);
  for (const term of narrower) {
    const phrase = makePhrase(term, 'stem');
    into.set(phrase.keys.join(' '), phrase);
    for (const sub of groupsOfTerm.get(phrase.keys.join(' ')) ?? []) expandGroup(sub, into, seen);
  }
}

/** The terms beside `groups` under a broader term, with theirs (not those already in `seen`). */
export function siblingPhrases(groups: readonly number[], seen: Set<number>): Map<string, Phrase> {
  const siblings = new Map<string, Phrase>();
  for (const group of groups) {
    for (const parent of parentsOf.get(group) ?? []) {
      for (const term of synonymGroups[parent]?.narrower ?? []) {
        for (const sibling of groupsOfTerm.get(makePhrase(term, 'stem').keys.join(' ')) ?? []) expandGroup(sibling, siblings, seen);
      }
    }
  }
  return siblings;
}
