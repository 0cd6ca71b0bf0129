// Phrase matching over tokens: every phrase is indexed by its first word, so one pass over a
// record's words finds all phrases of all criteria at once.
import { registerKey, type Token, tokenize } from './tokens.ts';

export interface Phrase {
  /** The words as written, for reasons ("type 2 diabetes"). */
  text: string;
  /** Stems (or folded words, for a word index) in order. */
  keys: string[];
  /** Written in capitals ("MI", "AF"): matches only capitals in a record. */
  exactCase: boolean;
}

export interface PhraseHit<T> {
  payload: T;
  /** Token indices, `last` inclusive. */
  first: number;
  last: number;
  negated: boolean;
}

type KeyOf = 'stem' | 'word';

/** Up to five capital letters, with digits and hyphens: an abbreviation that must keep its case. */
const ABBREVIATION = /^(?=(?:[^A-Z]*[A-Z]){1,5}[^A-Z]*$)[A-Z0-9-]+$/;
/**
 * Letters and digits together, three or more ("311C90", "MK-462", "T2DM"): a code name, which no
 * ordinary word spells in lower case, so it matches in any case. Letters alone ("MI", "AF") do not.
 */
const CODE = /^(?=.*\d)(?=.*[A-Z])(?:[A-Z0-9]-?){3,}$/;

export function makePhrase(text: string, key: KeyOf): Phrase {
  const trimmed = text.trim();
  const keys = tokenize(trimmed).map((token) => token[key]);
  return { text: trimmed, keys, exactCase: ABBREVIATION.test(trimmed) && /[A-Z]{2}|[A-Z]\d|\d[A-Z]/.test(trimmed) && !CODE.test(trimmed) };
}

interface Entry<T> {
  phrase: Phrase;
  payload: T;
}

export class PhraseIndex<T> {
  /** Entries by the id of their first key (registerKey). */
  readonly #byFirstKey: (Entry<T>[] | undefined)[] = [];
  readonly #key: KeyOf;
  readonly #firstKeyOf: 'stemKey' | 'wordKey';

  constructor(key: KeyOf) {
    this.#key = key;
    this.#firstKeyOf = key === 'stem' ? 'stemKey' : 'wordKey';
  }

  add(phrase: Phrase, payload: T): void {
    const first = phrase.keys[0];
    if (first === undefined) return;
    const id = registerKey(first);
    const entries = this.#byFirstKey[id];
    if (entries) entries.push({ phrase, payload });
    else this.#byFirstKey[id] = [{ phrase, payload }];
  }

  /** Every occurrence of every phrase in `tokens` of `text`; overlapping hits are all reported. */
  scan(tokens: readonly Token[], text: string, onHit: (hit: PhraseHit<T>) => void): void {
    const key = this.#key;
    const firstKeyOf = this.#firstKeyOf;
    for (let i = 0; i < tokens.length; i++) {
      const id = (tokens[i] as Token)[firstKeyOf];
      if (id < 0) continue;
      const entries = this.#byFirstKey[id];
      if (!entries) continue;
      for (const { phrase, payload } of entries) {
        const last = i + phrase.keys.length - 1;
        if (last >= tokens.length) continue;
        let matches = true;
        for (let k = 1; k < phrase.keys.length && matches; k++) matches = (tokens[i + k] as Token)[key] === phrase.keys[k];
        if (matches && phrase.exactCase) matches = isCapitals(tokens, text, i, last);
        if (matches) onHit({ payload, first: i, last, negated: (tokens[i] as Token).negated });
      }
    }
  }
}

function isCapitals(tokens: readonly Token[], text: string, first: number, last: number): boolean {
  for (let i = first; i <= last; i++) {
    const token = tokens[i] as Token;
    const original = text.slice(token.start, token.end);
    if (original !== original.toUpperCase()) return false;
  }
  return true;
}
