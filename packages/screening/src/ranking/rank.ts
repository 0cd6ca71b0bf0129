// Relevance ranking from the researcher's decisions so far, with the review's criteria as prior
// knowledge: continuous active learning on ASReview's features (TF-IDF words + bigrams, linear SVM),
// the criteria scored as a query (cosine similarity, as in Rocchio's relevance feedback) and blended
// with the SVM's score by a weight that fades as includes come.
//
// Why hand-written: npm's text classifiers (natural, wink-naive-bayes-text-classifier,
// ml-logistic-regression) keep documents as objects or dense matrices and have no sparse TF-IDF
// input, so a 20,000-record retrain would not fit in a second; the SVM here is ~80 lines.
import { type Criteria, studyDesignLabels } from '../criteria.ts';
import { type SparseVector, type TextFeatures, vectorizeText } from './features.ts';
import { type LinearModel, margin, type TrainingExample, trainLinearSvm } from './linearSvm.ts';
import { sampleWithoutReplacement, seededRandom } from './random.ts';

export interface RankInput {
  features: TextFeatures;
  /** The researcher's decisions by record index: 1 include, 0 exclude. */
  labels: ReadonlyMap<number, 0 | 1>;
  /** The review's criteria: their similarity to a record ranks alone before the first include, then fades. */
  prior?: Criteria | null;
  /** Seeds the random choices (presumed excludes, training order): same input, same ranking. */
  seed?: number;
}

export interface Ranking {
  /** A relevance score for every record; only the order means something. */
  scores: Float64Array;
  /** The undecided records, most likely relevant first (ties keep the input order). */
  order: Int32Array;
  /** Per record, up to three of its terms that raise its score most, strongest first. */
  why: string[][];
}

/**
 * Settings chosen from the literature and first principles, not fitted to any labels. The criteria
 * weigh as much as 10 includes: their share of the score is 10 / (10 + includes), all of it before
 * the first include, a tenth by 90. The classes weigh the same however many decisions each has
 * (scikit-learn's class_weight='balanced'); C = 1 is LIBLINEAR's default.
 */
const CRITERIA_AS_INCLUDES = 10;
const COST = 1;
const WHY_TERMS = 3;
/**
 * Before the first exclude an SVM has one class only, so random undecided records stand in as
 * excludes, as in Cormack & Grossman's BMI (100 of them, never more than a tenth of the undecided).
 * After it they are dropped: each is wrong with the review's prevalence, which is a fifth or more
 * in reviews whose searches were narrow, and real excludes say more.
 */
const PRESUMED_EXCLUDES = 100;
const PRESUMED_SHARE_AT_MOST = 0.1;

/** The criteria as a text: PICO, the inclusion statements and the designs asked for. Exclusion statements share the topic's words, so they are left out. */
export function criteriaText(criteria: Criteria): string {
  const designs = criteria.designs.map((design) => studyDesignLabels[design]);
  return [criteria.population, criteria.intervention, criteria.comparator, criteria.outcomes, ...criteria.include, ...designs].join('. ');
}

function rowOf(features: TextFeatures, index: number): SparseVector {
  const start = features.rowStart[index] as number;
  const end = features.rowStart[index + 1] as number;
  return { columns: features.columns.subarray(start, end), values: features.values.subarray(start, end) };
}

function undecidedOf(features: TextFeatures, labels: ReadonlyMap<number, 0 | 1>): number[] {
  const undecided: number[] = [];
  for (let index = 0; index < features.rows; index++) if (!labels.has(index)) undecided.push(index);
  return undecided;
}

/** The training set: the decisions, and presumed excludes while there is no real one; each class weighing half. */
function trainingExamples(features: TextFeatures, labels: ReadonlyMap<number, 0 | 1>, random: () => number): TrainingExample[] {
  const examples: TrainingExample[] = [];
  for (const [index, label] of labels) examples.push({ row: rowOf(features, index), positive: label === 1, weight: 1 });
  const includes = examples.filter((example) => example.positive).length;
  if (includes > 0 && includes === labels.size) {
    const undecided = undecidedOf(features, labels);
    const presumed = Math.min(PRESUMED_EXCLUDES, Math.floor(undecided.length * PRESUMED_SHARE_AT_MOST));
    for (const index of sampleWithoutReplacement(undecided, presumed, random)) examples.push({ row: rowOf(features, index), positive: false, weight: 1 });
  }
  const excludes = examples.length - includes;
  for (const example of examples) example.weight = examples.length / (2 * (example.positive ? includes : excludes));
  return examples;
}

/** The standard deviation of `values`; 0 becomes 1 so that a flat score stays flat. */
function spreadOf(values: Float64Array): number {
  let sum = 0;
  for (const value of values) sum += value;
  const mean = sum / values.length;
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  return Math.sqrt(squares / values.length) || 1;
}

function scoresOf(features: TextFeatures, model: LinearModel): Float64Array {
  const scores = new Float64Array(features.rows);
  for (let index = 0; index < features.rows; index++) scores[index] = margin(model, rowOf(features, index));
  return scores;
}

/**
 * The SVM and the criteria query as one linear model: each score scaled to unit spread over the
 * records (margins and cosines have unrelated scales), then weighed (1 − share) and share. Being
 * linear, it explains a record's score by its terms as the SVM alone would.
 */
function blend(features: TextFeatures, learned: LinearModel, query: SparseVector, share: number): { model: LinearModel; scores: Float64Array } {
  const queryModel: LinearModel = { weights: new Float64Array(learned.weights.length), bias: 0 };
  query.columns.forEach((column, k) => (queryModel.weights[column] = query.values[k] as number));
  const learnedScores = scoresOf(features, learned);
  const similarity = scoresOf(features, queryModel);
  const a = (1 - share) / spreadOf(learnedScores);
  const b = share / spreadOf(similarity);
  return {
    model: { weights: learned.weights.map((weight, column) => a * weight + b * (queryModel.weights[column] as number)), bias: a * learned.bias },
    scores: learnedScores.map((score, index) => a * score + b * (similarity[index] as number)),
  };
}

/** The terms of `row` with the largest positive contribution to its score. */
function strongestTerms(model: LinearModel, row: SparseVector, terms: readonly string[]): string[] {
  const best: { column: number; contribution: number }[] = [];
  for (let k = 0; k < row.columns.length; k++) {
    const column = row.columns[k] as number;
    const contribution = (model.weights[column] as number) * (row.values[k] as number);
    if (contribution <= 0 || (best.length === WHY_TERMS && contribution <= (best[WHY_TERMS - 1] as { contribution: number }).contribution)) continue;
    best.push({ column, contribution });
    best.sort((a, b) => b.contribution - a.contribution);
    if (best.length > WHY_TERMS) best.pop();
  }
  return best.map((entry) => terms[entry.column] as string);
}

/**
 * Scores every record and orders the undecided ones. Works from any start: no decision or no
 * include (the criteria rank alone), only includes (presumed excludes), only excludes and no
 * criteria (away from the excludes). With neither decisions nor criteria every score is 0 and the
 * order is the input order.
 */
export function rankRecords(input: RankInput): Ranking {
  const { features, labels } = input;
  const random = seededRandom(input.seed ?? 1);
  const examples = trainingExamples(features, labels, random);
  const learned: LinearModel = examples.length > 0 ? trainLinearSvm(examples, features.terms.length, { cost: COST, random }) : { weights: new Float64Array(features.terms.length), bias: 0 };
  const query = input.prior ? vectorizeText(features, criteriaText(input.prior)) : null;
  const includes = examples.filter((example) => example.positive).length;
  const { model, scores } = query && query.columns.length > 0 ? blend(features, learned, query, CRITERIA_AS_INCLUDES / (CRITERIA_AS_INCLUDES + includes)) : { model: learned, scores: scoresOf(features, learned) };
  const why = Array.from({ length: features.rows }, (_, index) => strongestTerms(model, rowOf(features, index), features.terms));
  const undecided = undecidedOf(features, labels);
  undecided.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  return { scores, order: Int32Array.from(undecided), why };
}
