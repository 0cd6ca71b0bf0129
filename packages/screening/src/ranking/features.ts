// TF-IDF features of literature records for the relevance ranker: words and word pairs (bigrams) of
// the title, the abstract and each keyword, as a sparse row-per-record matrix (CSR in typed arrays).
// Same recipe as ASReview's default feature extractor (scikit-learn's TfidfVectorizer): lower case,
// English stop words removed before pairs are formed, sublinear term frequency, smoothed idf, rows of
// unit length. Terms in fewer than two records are dropped: they cannot carry a decision to another record.
import type { ScreeningRecord } from '../screener.ts';

/** A sparse vector with unit length: column ids and their weights. */
export interface SparseVector {
  columns: Int32Array;
  values: Float32Array;
}

/** One row per record; row i is columns/values[rowStart[i] .. rowStart[i + 1]). */
export interface TextFeatures {
  rows: number;
  rowStart: Int32Array;
  columns: Int32Array;
  values: Float32Array;
  /** The term of each column: a word, or two words joined by a space. */
  terms: readonly string[];
  /** Inverse document frequency of each column. */
  idf: Float64Array;
}

/** Function words (a subset of scikit-learn's English list): they say nothing about a record's topic. */
const STOP_WORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by can could did do ' +
    'does doing down during each either few for from further had has have having he her here hers him his how however i if in into is it its ' +
    'itself may me might more most must my no nor not of off on once only or other our ours out over own per same she should so some such than ' +
    'that the their theirs them then there these they this those through thus to too under until up upon us very via was we were what when where ' +
    'whether which while who whom whose why will with within without would yet you your'
  ).split(' '),
);

/** Bigram keys are (first + 1) * 2^26 + second, apart from word keys (< 2^26) and exact in a double. */
const PAIR_BASE = 2 ** 26;
const MIN_RECORDS_PER_TERM = 2;

/** Lower-case words of two or more letters or digits with at least one letter, stop words removed. */
export function words(text: string): string[] {
  const found: string[] = [];
  for (const match of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = match[0];
    if (word.length < 2 || STOP_WORDS.has(word) || !/\p{L}/u.test(word)) continue;
    found.push(word);
  }
  return found;
}

/** The texts a record is read from; pairs never span two of them. */
function fieldsOf(record: ScreeningRecord): string[] {
  return [record.title ?? '', record.abstract ?? '', ...record.keywords];
}

/** Counts of each word and pair key in `texts`, with words numbered in `wordIds` (added to when `grow`). */
function countTerms(texts: readonly string[], wordIds: Map<string, number>, grow: boolean): Map<number, number> {
  const counts = new Map<number, number>();
  for (const text of texts) {
    let previous = -1;
    for (const word of words(text)) {
      let id = wordIds.get(word);
      if (id === undefined && grow) {
        id = wordIds.size;
        wordIds.set(word, id);
      }
      if (id === undefined) {
        previous = -1;
        continue;
      }
      counts.set(id, (counts.get(id) ?? 0) + 1);
      if (previous >= 0) {
        const pair = (previous + 1) * PAIR_BASE + id;
        counts.set(pair, (counts.get(pair) ?? 0) + 1);
      }
      previous = id;
    }
  }
  return counts;
}

/** The text of a word or pair key. */
function termOf(key: number, wordOf: readonly string[]): string {
  return key < PAIR_BASE ? (wordOf[key] as string) : `${wordOf[Math.floor(key / PAIR_BASE) - 1]} ${wordOf[key % PAIR_BASE]}`;
}

/** Sublinear tf times idf, scaled to unit length; terms without a column are skipped. */
function weigh(counts: ReadonlyMap<number, number>, columnOf: ReadonlyMap<number, number>, idf: Float64Array): SparseVector {
  const columns: number[] = [];
  const weights: number[] = [];
  let squares = 0;
  for (const [key, count] of counts) {
    const column = columnOf.get(key);
    if (column === undefined) continue;
    const weight = (1 + Math.log(count)) * (idf[column] as number);
    columns.push(column);
    weights.push(weight);
    squares += weight * weight;
  }
  const scale = squares > 0 ? 1 / Math.sqrt(squares) : 0;
  return { columns: Int32Array.from(columns), values: Float32Array.from(weights, (weight) => weight * scale) };
}

/** The TF-IDF matrix of `records`, one row per record in their order. */
export function buildFeatures(records: readonly ScreeningRecord[]): TextFeatures {
  const wordIds = new Map<string, number>();
  const counted = records.map((record) => countTerms(fieldsOf(record), wordIds, true));
  const recordsWith = new Map<number, number>();
  for (const counts of counted) for (const key of counts.keys()) recordsWith.set(key, (recordsWith.get(key) ?? 0) + 1);

  const wordOf: string[] = [];
  for (const [word, id] of wordIds) wordOf[id] = word;
  const columnOf = new Map<number, number>();
  const terms: string[] = [];
  const idfs: number[] = [];
  for (const [key, count] of recordsWith) {
    if (count < MIN_RECORDS_PER_TERM) continue;
    columnOf.set(key, terms.length);
    terms.push(termOf(key, wordOf));
    idfs.push(Math.log((1 + records.length) / (1 + count)) + 1);
  }
  const idf = Float64Array.from(idfs);

  const rowStart = new Int32Array(records.length + 1);
  const rows = counted.map((counts) => weigh(counts, columnOf, idf));
  rows.forEach((row, index) => (rowStart[index + 1] = (rowStart[index] as number) + row.columns.length));
  const columns = new Int32Array(rowStart[records.length] as number);
  const values = new Float32Array(columns.length);
  rows.forEach((row, index) => {
    columns.set(row.columns, rowStart[index]);
    values.set(row.values, rowStart[index]);
  });
  return { rows: records.length, rowStart, columns, values, terms, idf };
}

/**
 * `text` weighed as a record of the matrix would be; words and pairs the matrix lacks are ignored.
 * Its few terms are found in one pass over the columns: a map of every term (hundreds of thousands
 * at 20,000 records) would cost more than the retrain it serves.
 */
export function vectorizeText(features: TextFeatures, text: string): SparseVector {
  const wordIds = new Map<string, number>();
  const counts = countTerms([text], wordIds, true);
  const wordOf = [...wordIds.keys()];
  const keyOf = new Map([...counts.keys()].map((key) => [termOf(key, wordOf), key]));
  const columnOf = new Map<number, number>();
  features.terms.forEach((term, column) => {
    const key = keyOf.get(term);
    if (key !== undefined) columnOf.set(key, column);
  });
  return weigh(counts, columnOf, features.idf);
}
