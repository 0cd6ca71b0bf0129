// Relevance ranking from the researcher's decisions so far, with the review's criteria as prior
// knowledge: continuous active learning as in Cormack & Grossman's baseline model implementation
// (BMI, "Autonomy and reliability of continuous active learning for technology-assisted review",
// 2015, the TREC Total Recall baseline) on ASReview's features (TF-IDF words + bigrams, linear SVM).
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
  /** The review's criteria, read as one more included record (a synthetic document). */
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
 * Settings chosen from the literature, not fitted to any labels. Most undecided records are
 * irrelevant, so BMI lets random undecided records stand in as excludes; here only until the
 * researcher has excluded 100 (BMI's count): beyond that they add little, and where a tenth or more
 * of the records are relevant they are wrong often. The criteria count as much as 10 includes, so
 * they lead the first decisions and weigh a tenth by 90 includes. The classes weigh the same
 * however many decisions each has (scikit-learn's class_weight='balanced'); C = 1 is LIBLINEAR's default.
 */
const PRESUMED_EXCLUDES = 100;
/** In a small collection they stay a sample of the background, never most of the records being ranked. */
const PRESUMED_SHARE_AT_MOST = 0.1;
const CRITERIA_AS_INCLUDES = 10;
const COST = 1;
const WHY_TERMS = 3;

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

/** The training set: decisions, the criteria document, presumed excludes; each class weighing half. */
function trainingExamples(input: RankInput, random: () => number): TrainingExample[] {
  const { features, labels } = input;
  const examples: TrainingExample[] = [];
  let includes = 0;
  for (const [index, label] of labels) {
    examples.push({ row: rowOf(features, index), positive: label === 1, weight: 1 });
    includes += label;
  }
  const criteria = input.prior ? vectorizeText(features, criteriaText(input.prior)) : null;
  if (criteria && criteria.columns.length > 0) examples.push({ row: criteria, positive: true, weight: CRITERIA_AS_INCLUDES });
  const positiveMass = includes + (examples.length > labels.size ? CRITERIA_AS_INCLUDES : 0);
  const excludes = labels.size - includes;
  if (positiveMass > 0 && excludes < PRESUMED_EXCLUDES) {
    const undecided: number[] = [];
    for (let index = 0; index < features.rows; index++) if (!labels.has(index)) undecided.push(index);
    const presumed = Math.min(PRESUMED_EXCLUDES - excludes, Math.floor(undecided.length * PRESUMED_SHARE_AT_MOST));
    for (const index of sampleWithoutReplacement(undecided, presumed, random)) examples.push({ row: rowOf(features, index), positive: false, weight: 1 });
  }
  const negativeMass = examples.length - examples.filter((example) => example.positive).length;
  const totalMass = positiveMass + negativeMass;
  for (const example of examples) example.weight *= totalMass / (2 * (example.positive ? positiveMass : negativeMass));
  return examples;
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
 * Scores every record and orders the undecided ones. Works from any start: no decision (the
 * criteria rank alone), only includes, only excludes (the criteria are the include). With neither
 * decisions nor criteria every score is 0 and the order is the input order.
 */
export function rankRecords(input: RankInput): Ranking {
  const { features, labels } = input;
  const random = seededRandom(input.seed ?? 1);
  const examples = trainingExamples(input, random);
  const model: LinearModel = examples.length > 0 ? trainLinearSvm(examples, features.terms.length, { cost: COST, random }) : { weights: new Float64Array(features.terms.length), bias: 0 };
  const scores = new Float64Array(features.rows);
  const why: string[][] = [];
  for (let index = 0; index < features.rows; index++) {
    const row = rowOf(features, index);
    scores[index] = margin(model, row);
    why.push(strongestTerms(model, row, features.terms));
  }
  const undecided: number[] = [];
  for (let index = 0; index < features.rows; index++) if (!labels.has(index)) undecided.push(index);
  undecided.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  return { scores, order: Int32Array.from(undecided), why };
}
