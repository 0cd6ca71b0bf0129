// Words of a title or abstract with their offsets into the ORIGINAL string (for highlights), each
// folded to American spelling ("randomised" = "randomized", "paediatric" = "pediatric") and
// stemmed lightly ("trials" = "trial", "controlled" = "control"), and marked when a negation
// ("no", "not", "without", "non-") governs it. Letters and digits are separate words, so
// "SGLT2" = "SGLT-2" = "SGLT 2" and "T2DM" is t·2·dm; each Chinese character is a word of its own.
// Over 300 lines on purpose: the one-pass tokenizer and its folding tables, the hot path of screening.

export interface Token {
  start: number;
  end: number;
  /** Lower case, spelling folded, not stemmed: the design vocabulary matches these. */
  word: string;
  /** `word` stemmed: criteria terms match these. */
  stem: string;
  /** A negation governs this word ("no patients with diabetes", "non-randomised"). */
  negated: boolean;
  /** Clause punctuation stands between this word and the one before. */
  breakBefore: boolean;
  /** The ids (registerKey) of `stem` and of `word` when a phrase index or the criteria registered them, else -1: lookups by number, not string. */
  stemKey: number;
  wordKey: number;
}

/** Punctuation that ends a negation's scope. */
const CLAUSE_BREAKS = new Set('.,;:!?()[]{}。，；：！？（）'.split('').map((c) => c.charCodeAt(0)));
const LETTER = 1;
const DIGIT = 2;
const HAN = 3;
/** Between words, and ending a negation's scope. */
const CLAUSE = 4;
const NON_ASCII_LETTER = /[\p{L}\p{M}]/u;
const NON_ASCII_DIGIT = /\p{N}/u;

/** The class of each ASCII character, looked up rather than worked out. */
const ASCII_CLASS = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  ASCII_CLASS[code] = (code >= 97 && code <= 122) || (code >= 65 && code <= 90) ? LETTER : code >= 48 && code <= 57 ? DIGIT : CLAUSE_BREAKS.has(code) ? CLAUSE : 0;
}

/** LETTER, DIGIT, HAN (one word per character) or 0 for anything between words. */
function charClass(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) return LETTER;
  if (code >= 48 && code <= 57) return DIGIT;
  if (code < 0xc0) return 0;
  if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff)) return HAN;
  if (code >= 0x2000 && code <= 0x2bff) return 0; // punctuation, arrows, maths symbols
  const char = text[index] as string;
  return NON_ASCII_LETTER.test(char) ? LETTER : NON_ASCII_DIGIT.test(char) ? DIGIT : 0;
}

/** Words that negate the next few words of their clause. */
const NEGATION_CUES = new Set(['no', 'not', 'without', 'nor', 'neither', 'never', 'absence', 'excluding', 'except', 'lack', 'lacking']);
const NEGATION_SCOPE = 5;
/** Chinese cues negate the next characters: 非随机 (non-random), 无糖尿病 (without diabetes). */
const HAN_NEGATION_CUES = new Set(['非', '无', '未']);
const HAN_NEGATION_SCOPE = 3;
/** A word that starts a negation ("not", "without", "non", 非). */
export function isNegationCue(word: string): boolean {
  return NEGATION_CUES.has(word) || HAN_NEGATION_CUES.has(word) || word === 'non';
}

/** "no significant difference in ...", "not only": the cue does not negate what follows. */
const PSEUDO_NEGATION_NEXT = new Set([
  'significant', 'significantly', 'statistically', 'difference', 'differences', 'different', 'differ', 'change', 'changes', 'increase',
  'increased', 'decrease', 'decreased', 'effect', 'effects', 'longer', 'more', 'less', 'only', 'clear', 'clearly', 'major', 'further',
  'other', 'association', 'associated', 'relevant', 'doubt', 'matter', 'reduction', 'improvement', 'benefit', 'impact', 'added',
]);
/** Words that end a negation's scope ("no diabetes but hypertension"). */
const SCOPE_ENDS = new Set(['but', 'however', 'although', 'whereas', 'while', 'yet', 'instead', 'unlike']);
/** "non" glued to a word ("nonrandomised") is split off, except in these words. */
const NON_WORDS = new Set(['nonetheless', 'nonsense']);

// Maps, not object literals: a word such as "constructor" must not find Object.prototype's.
const IRREGULAR = new Map(
  Object.entries({
    children: 'child', women: 'woman', men: 'man', mice: 'mouse', feet: 'foot', teeth: 'tooth', geese: 'goose', lives: 'life', wives: 'wife',
    analyses: 'analysis', diagnoses: 'diagnosis', criteria: 'criterion', data: 'datum', indices: 'index', ages: 'age', programme: 'program',
    programmes: 'program',
  }),
);
const ROMAN = new Map(Object.entries({ i: '1', ii: '2', iii: '3', iv: '4' }));
const ROMAN_AFTER = new Set(['type', 'phase', 'grade', 'stage', 'class']);

/** British to American spelling, applied alike to criteria and records so either spelling matches. */
function foldSpelling(lower: string): string {
  if (lower.length < 4) return lower;
  let word = lower;
  if (word.includes('ae') && !word.startsWith('aer')) word = word.replace(/ae/g, 'e'); // paediatric, haemoglobin, anaesthesia, aetiology
  if (word.startsWith('oe')) word = word.slice(1); // oedema, oesophagus, oestrogen
  word = word.replace(/oea/g, 'ea').replace(/^coeli/, 'celi').replace(/^foet/, 'fet').replace(/sulph/g, 'sulf');
  if (word.length >= 6) {
    word = word.replace(/is(e|ed|es|ing|ation|ations|er|ers)$/, 'iz$1'); // randomised, organisation
    word = word.replace(/our(s|ed|ing|al|ally|able|ite|ites)?$/, 'or$1'); // tumour, behavioural, favourable
  }
  return word
    .replace(/ys(e|ed|es|ing)$/, 'yz$1') // analyse
    .replace(/^(cent|fib|lit|met|calib|theat|spect)re(s|d)?$/, '$1er$2') // centre, fibre
    .replace(/ogue(s)?$/, 'og$1'); // catalogue, analogue
}

const ASCII_WORD = /^[a-z]+$/;

/** A light suffix stripper for plurals and -ed/-ing/-ly forms; the same on both sides, so odd stems still match. */
function stemWord(word: string): string {
  const irregular = IRREGULAR.get(word);
  if (irregular) return irregular;
  if (word.length <= 3 || !ASCII_WORD.test(word)) return word;
  let stem = word;
  if (stem.endsWith('ies') && stem.length > 4) stem = `${stem.slice(0, -3)}y`;
  else if (stem.endsWith('sses')) stem = stem.slice(0, -2);
  else if (/(?:x|z|ch|sh)es$/.test(stem)) stem = stem.slice(0, -2);
  else if (stem.endsWith('s') && !/(?:ss|us|is|ys)$/.test(stem)) stem = stem.slice(0, -1);
  if (stem.endsWith('ing') && stem.length >= 7) stem = stem.slice(0, -3);
  else if (stem.endsWith('ied') && stem.length > 4) stem = `${stem.slice(0, -3)}y`;
  else if (stem.endsWith('ed') && stem.length >= 6) stem = stem.slice(0, -2);
  else if (stem.endsWith('ly') && stem.length >= 7) stem = stem.slice(0, -2);
  if (stem.endsWith('e') && stem.length >= 5) stem = stem.slice(0, -1);
  const last = stem.length - 1;
  if (stem.length >= 4 && stem[last] === stem[last - 1] && !/[aeiou]/.test(stem[last] as string)) stem = stem.slice(0, -1);
  return stem;
}

/** What a folded word does to negation, worked out once per word. */
const CUE = 1;
const SHORT_CUE = 2; // "non": negates the next word only
const HAN_CUE = 4;
const SCOPE_END = 8;
const PSEUDO = 16;
const ROMAN_NEXT = 32; // "type", "phase": a Roman numeral after it is a number

interface Folded {
  word: string;
  stem: string;
  flags: number;
  stemKey: number;
  wordKey: number;
  /** The keysVersion stemKey and wordKey were looked up in. */
  keysVersion: number;
}

/**
 * Folding is the costly part and the vocabulary is small: remember each lower-case form in an
 * open-addressing table keyed by two hashes computed while the word is scanned, so a known word
 * costs no string slice, string hashing or character comparison. The key is 53 bits (FNV-1a and
 * a multiplicative hash): two different words share one with odds of about 1 in 9·10^15.
 */
const TABLE_BITS = 16;
const TABLE_MASK = (1 << TABLE_BITS) - 1;
/** Half full at most, then emptied: probes stay short and memory bounded. */
const TABLE_LIMIT = 1 << (TABLE_BITS - 1);
const tableKeys = new Float64Array(1 << TABLE_BITS);
const tableEntries: (Folded | undefined)[] = new Array(1 << TABLE_BITS).fill(undefined);
let tableCount = 0;
const HASH_START = 0x811c9dc5;
const HASH_PRIME = 0x01000193;
const SECOND_START = 0x9747b28c;
const SECOND_PRIME = 0x5bd1e995;

/** The 53-bit key of two 32-bit hashes, exact in a double. */
function keyOf(first: number, second: number): number {
  return (first >>> 0) * 0x200000 + (second >>> 11);
}

function hashOf(lower: string, start: number, end: number): number {
  let first = HASH_START;
  let second = SECOND_START;
  for (let i = start; i < end; i++) {
    const code = lower.charCodeAt(i);
    first = Math.imul(first ^ code, HASH_PRIME);
    second = Math.imul(second ^ code, SECOND_PRIME) ^ (second >>> 15);
  }
  return keyOf(first, second);
}

/** The folded form of lower[start, end), whose key (hashOf) is given. */
function foldAt(lower: string, start: number, end: number, key: number): Folded {
  let slot = (key / 0x200000) & TABLE_MASK;
  for (let entry = tableEntries[slot]; entry !== undefined; entry = tableEntries[slot]) {
    if (tableKeys[slot] === key) return entry;
    slot = (slot + 1) & TABLE_MASK;
  }
  const folded = foldWord(lower.slice(start, end));
  if (tableCount >= TABLE_LIMIT) {
    tableEntries.fill(undefined);
    tableCount = 0;
    slot = (key / 0x200000) & TABLE_MASK;
  }
  tableKeys[slot] = key;
  tableEntries[slot] = folded;
  tableCount++;
  return folded;
}

function foldWord(lower: string): Folded {
  const word = IRREGULAR.has(lower) ? lower : foldSpelling(lower);
  const flags =
    (NEGATION_CUES.has(word) ? CUE : 0) |
    (word === 'non' ? SHORT_CUE : 0) |
    (HAN_NEGATION_CUES.has(word) ? HAN_CUE : 0) |
    (SCOPE_ENDS.has(word) ? SCOPE_END : 0) |
    (PSEUDO_NEGATION_NEXT.has(word) ? PSEUDO : 0) |
    (ROMAN_AFTER.has(word) ? ROMAN_NEXT : 0);
  return { word, stem: stemWord(word), flags, stemKey: -1, wordKey: -1, keysVersion: -1 };
}

function fold(lower: string): Folded {
  return foldAt(lower, 0, lower.length, hashOf(lower, 0, lower.length));
}

/** Stems and words that phrase indexes and criteria look for, numbered; only ever added to (criteria are small). */
const registeredKeys = new Map<string, number>();
let keysVersion = 0;

/** The number of a stem or word to look up by Token.stemKey / Token.wordKey. */
export function registerKey(key: string): number {
  let id = registeredKeys.get(key);
  if (id === undefined) {
    id = registeredKeys.size;
    registeredKeys.set(key, id);
    keysVersion++;
  }
  return id;
}

/** Stems of one word as criteria text would give it (for vocabularies written as single words). */
export function stemOf(text: string): string {
  return fold(text.toLowerCase()).stem;
}

/** Negation state while a text is cut into words. */
interface Cutting {
  tokens: Token[];
  /** Words still governed by a negation. */
  scope: number;
  /** Index of the last negation cue. */
  cue: number;
  previousFlags: number;
  breakBefore: boolean;
}

function emit(state: Cutting, start: number, end: number, word: Folded): void {
  const index = state.tokens.length;
  let folded = word;
  if ((state.previousFlags & ROMAN_NEXT) !== 0) {
    const roman = ROMAN.get(folded.word);
    if (roman) folded = fold(roman);
  }
  if (folded.keysVersion !== keysVersion) {
    folded.stemKey = registeredKeys.get(folded.stem) ?? -1;
    folded.wordKey = registeredKeys.get(folded.word) ?? -1;
    folded.keysVersion = keysVersion;
  }
  const flags = folded.flags;
  if (state.breakBefore || (flags & SCOPE_END) !== 0 || (index === state.cue + 1 && (flags & PSEUDO) !== 0)) state.scope = 0;
  state.tokens.push({ start, end, word: folded.word, stem: folded.stem, negated: state.scope > 0, breakBefore: state.breakBefore, stemKey: folded.stemKey, wordKey: folded.wordKey });
  if (state.scope > 0) state.scope--;
  if ((flags & CUE) !== 0) {
    state.scope = NEGATION_SCOPE;
    state.cue = index;
  } else if ((flags & SHORT_CUE) !== 0) {
    state.scope = 1; // "non-randomised controlled trial": only "randomised" is negated
    state.cue = index;
  } else if ((flags & HAN_CUE) !== 0) {
    state.scope = HAN_NEGATION_SCOPE;
    state.cue = index;
  }
  state.previousFlags = flags;
  state.breakBefore = false;
}

/** The words of `text`, in one pass: cut, folded, and marked for negation as they come. */
export function tokenize(text: string): Token[] {
  const length = text.length;
  // Lower-casing the whole text once is cheaper than per word, when it keeps every offset. The
  // loop reads that new flat string: a slice or concatenation of strings passed in would make
  // every character read slower, for every later text too.
  const whole = text.toLowerCase();
  const lowered = whole.length === length ? whole : null;
  const chars = lowered ?? text;
  const state: Cutting = { tokens: [], scope: 0, cue: -1, previousFlags: 0, breakBefore: false };

  let index = 0;
  while (index < length) {
    const code = chars.charCodeAt(index);
    const kind = code < 128 ? (ASCII_CLASS[code] as number) : charClass(chars, index);
    if (kind === 0 || kind === CLAUSE) {
      if (kind === CLAUSE || (code >= 128 && CLAUSE_BREAKS.has(code))) state.breakBefore = true;
      index++;
      continue;
    }
    const start = index;
    // The hashes of the lower-case word (hashOf), computed while scanning (ASCII letters lower-cased by one bit).
    const firstCode = code < 128 ? code | 0x20 : lowered ? lowered.charCodeAt(index) : 0;
    let first = Math.imul(HASH_START ^ firstCode, HASH_PRIME);
    let second = Math.imul(SECOND_START ^ firstCode, SECOND_PRIME) ^ (SECOND_START >>> 15);
    index++;
    if (kind !== HAN) {
      while (index < length) {
        const next = chars.charCodeAt(index);
        let lowerCode: number;
        if (next < 128) {
          if (ASCII_CLASS[next] !== kind) break;
          lowerCode = next | 0x20;
        } else {
          if (charClass(chars, index) !== kind) break;
          lowerCode = lowered ? lowered.charCodeAt(index) : 0;
        }
        first = Math.imul(first ^ lowerCode, HASH_PRIME);
        second = Math.imul(second ^ lowerCode, SECOND_PRIME) ^ (second >>> 15);
        index++;
      }
    }
    const wordEnd = index;
    // Possessive "'s" stays with its word: "Crohn's disease" = "Crohn disease".
    if (kind === LETTER && index + 1 < length) {
      const quote = chars.charCodeAt(index);
      if ((quote === 39 || quote === 0x2019) && (chars.charCodeAt(index + 1) | 0x20) === 115 && (index + 2 >= length || charClass(chars, index + 2) !== LETTER)) index += 2;
    }
    // Some letters change length in lower case; then the text is lower-cased a word at a time.
    const source = lowered ?? text.slice(start, wordEnd).toLowerCase();
    const from = lowered ? start : 0;
    const to = lowered ? wordEnd : source.length;
    if (kind === DIGIT && to - from > 4) {
      emit(state, start, index, foldWord(source.slice(from, to))); // long numbers are many and rarely repeat: not cached
    } else if (kind === LETTER && to - from >= 8 && source.startsWith('non', from) && !NON_WORDS.has(source.slice(from, to))) {
      emit(state, start, start + 3, foldAt(source, from, from + 3, hashOf(source, from, from + 3)));
      emit(state, start + 3, index, foldAt(source, from + 3, to, hashOf(source, from + 3, to)));
    } else {
      emit(state, start, index, foldAt(source, from, to, lowered ? keyOf(first, second) : hashOf(source, from, to)));
    }
  }
  return state.tokens;
}
