// Words of a title or abstract with their offsets into the ORIGINAL string (for highlights), each
// folded to American spelling ("randomised" = "randomized", "paediatric" = "pediatric") and
// stemmed lightly ("trials" = "trial", "controlled" = "control"), and marked when a negation
// ("no", "not", "without", "non-") governs it. Letters and digits are separate words, so
// "SGLT2" = "SGLT-2" = "SGLT 2" and "T2DM" is t·2·dm; each Chinese character is a word of its own.

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
}

/** Punctuation that ends a negation's scope. */
const CLAUSE_BREAKS = new Set('.,;:!?()[]{}。，；：！？（）'.split('').map((c) => c.charCodeAt(0)));
const LETTER = 1;
const DIGIT = 2;
const HAN = 3;
const NON_ASCII_LETTER = /[\p{L}\p{M}]/u;
const NON_ASCII_DIGIT = /\p{N}/u;

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

const IRREGULAR: Record<string, string> = {
  children: 'child', women: 'woman', men: 'man', mice: 'mouse', feet: 'foot', teeth: 'tooth', geese: 'goose', lives: 'life', wives: 'wife',
  analyses: 'analysis', diagnoses: 'diagnosis', criteria: 'criterion', data: 'datum', indices: 'index', ages: 'age', programme: 'program',
  programmes: 'program',
};
const ROMAN: Record<string, string> = { i: '1', ii: '2', iii: '3', iv: '4' };
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
  const irregular = IRREGULAR[word];
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

interface Folded {
  word: string;
  stem: string;
}

/** Folding is the costly part and the vocabulary is small: remember each lower-case form. */
const foldedCache = new Map<string, Folded>();
const FOLDED_CACHE_LIMIT = 200_000;

function fold(lower: string): Folded {
  let folded = foldedCache.get(lower);
  if (!folded) {
    const word = IRREGULAR[lower] === undefined ? foldSpelling(lower) : lower;
    folded = { word, stem: stemWord(word) };
    if (foldedCache.size >= FOLDED_CACHE_LIMIT) foldedCache.clear();
    foldedCache.set(lower, folded);
  }
  return folded;
}

/** Stems of one word as criteria text would give it (for vocabularies written as single words). */
export function stemOf(text: string): string {
  return fold(text.toLowerCase()).stem;
}

interface Span {
  start: number;
  end: number;
  lower: string;
  /** Clause punctuation stands between this word and the one before. */
  breakBefore: boolean;
}

export function tokenize(text: string): Token[] {
  const spans = splitWords(text);
  const tokens: Token[] = new Array(spans.length);
  let scope = 0; // words still governed by a negation
  let cue = -1;
  let previousWord = '';
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i] as Span;
    const roman = ROMAN_AFTER.has(previousWord) ? ROMAN[span.lower] : undefined;
    const folded = roman ? { word: roman, stem: roman } : fold(span.lower);
    if (span.breakBefore || SCOPE_ENDS.has(folded.word) || (i === cue + 1 && PSEUDO_NEGATION_NEXT.has(folded.word))) scope = 0;
    tokens[i] = { start: span.start, end: span.end, word: folded.word, stem: folded.stem, negated: scope > 0, breakBefore: span.breakBefore };
    if (scope > 0) scope--;
    if (NEGATION_CUES.has(folded.word)) {
      scope = NEGATION_SCOPE;
      cue = i;
    } else if (folded.word === 'non') {
      scope = 1; // "non-randomised controlled trial": only "randomised" is negated
      cue = i;
    } else if (HAN_NEGATION_CUES.has(folded.word)) {
      scope = HAN_NEGATION_SCOPE;
      cue = i;
    }
    previousWord = folded.word;
  }
  return tokens;
}

function splitWords(text: string): Span[] {
  const spans: Span[] = [];
  const length = text.length;
  let breakBefore = false;
  let index = 0;
  while (index < length) {
    const kind = charClass(text, index);
    if (kind === 0) {
      if (CLAUSE_BREAKS.has(text.charCodeAt(index))) breakBefore = true;
      index++;
      continue;
    }
    const start = index;
    index++;
    if (kind !== HAN) while (index < length && charClass(text, index) === kind) index++;
    const wordEnd = index;
    // Possessive "'s" stays with its word: "Crohn's disease" = "Crohn disease".
    if (kind === LETTER && (text[index] === "'" || text[index] === '\u2019') && (text[index + 1] === 's' || text[index + 1] === 'S') && (index + 2 >= length || charClass(text, index + 2) !== LETTER)) {
      index += 2;
    }
    const end = index;
    const lower = text.slice(start, wordEnd).toLowerCase();
    if (kind === LETTER && lower.length >= 8 && lower.startsWith('non') && !NON_WORDS.has(lower)) {
      spans.push({ start, end: start + 3, lower: 'non', breakBefore });
      spans.push({ start: start + 3, end, lower: lower.slice(3), breakBefore: false });
    } else {
      spans.push({ start, end, lower, breakBefore });
    }
    breakBefore = false;
  }
  return spans;
}
