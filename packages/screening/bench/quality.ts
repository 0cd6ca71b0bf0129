// The screening-quality bench: active-learning simulations and the stopping rule on labelled
// reviews, per review, beside the ASReview-style anchor of issue 15, plus the ranker's retrain time
// at 20,000 records. Pure: it reads the dataset and returns rows and a printable table.
import { buildFeatures } from '../src/ranking/features.ts';
import { seededRandom } from '../src/ranking/random.ts';
import { type LabelledReview, readLabelledReviews } from './dataset.ts';
import { type RankTiming, timeRetrainAndRerank } from './rankTiming.ts';
import { readToRecall, recallAfter, simulateReadingOrder, wssAt95 } from './simulation.ts';
import { simulateExcludeRunRule, simulateStoppingRule, type StoppingOutcome } from './stoppingSimulation.ts';

/** Mean WSS@95 of the ASReview-style reference run (issue 15: TF-IDF words + bigrams, SVM or naive Bayes, 5 seeds). */
export const ANCHOR_WSS95: Readonly<Record<string, number>> = {
  Antihistamines: 0.275,
  AtypicalAntipsychotics: 0.161,
  CalciumChannelBlockers: 0.248,
  Estrogens: 0.379,
  NSAIDS: 0.329,
  OralHypoglycemics: 0.136,
  SkeletalMuscleRelaxants: 0.389,
};

/** The heuristic compared with the stopping test: stop after this many excludes in a row. */
const EXCLUDE_RUN = 50;

export interface Spread {
  mean: number;
  min: number;
  max: number;
}

export interface ActiveLearningResult {
  wss95: Spread;
  recallAt10: Spread;
  readTo95: Spread;
}

export interface StoppingSummary {
  runs: number;
  recall: Spread;
  workSaved: Spread;
  belowTarget: number;
}

export interface QualityRow {
  review: string;
  records: number;
  includes: number;
  /** Seeded starts of one include and one exclude, with the criteria as prior knowledge. */
  withCriteria: ActiveLearningResult | null;
  withoutCriteria: ActiveLearningResult;
  /** No starting decisions: the criteria rank the first batch. */
  criteriaOnlyWss95: number | null;
  anchorWss95: number | null;
  stopping: StoppingSummary;
  excludeRunHeuristic: StoppingSummary;
}

export interface QualityOptions {
  datasetPath: string;
  /** Starting sets per review for the WSS measures (default 5). */
  seeds?: number;
  /** Simulations of the stopping rule per review (default 20). */
  stoppingSeeds?: number;
  /** Time retrain + re-rank at 20,000 records (default true). */
  timing?: boolean;
}

function spread(values: readonly number[]): Spread {
  return { mean: values.reduce((sum, value) => sum + value, 0) / values.length, min: Math.min(...values), max: Math.max(...values) };
}

function summarise(outcomes: readonly StoppingOutcome[], target: number): StoppingSummary {
  return {
    runs: outcomes.length,
    recall: spread(outcomes.map((run) => run.recall)),
    workSaved: spread(outcomes.map((run) => run.workSaved)),
    belowTarget: outcomes.filter((run) => run.recall < target).length,
  };
}

/** One random include and one random exclude per seed, as ASReview's simulations start. */
function startingSet(truth: Uint8Array, seed: number): number[] {
  const random = seededRandom(seed * 7_919 + 1);
  const includes: number[] = [];
  const excludes: number[] = [];
  truth.forEach((label, index) => (label === 1 ? includes : excludes).push(index));
  const pick = (items: number[]) => items[Math.floor(random() * items.length)];
  return [pick(includes), pick(excludes)].filter((index): index is number => index !== undefined);
}

function measure(orders: readonly Int32Array[], truth: Uint8Array): ActiveLearningResult {
  return {
    wss95: spread(orders.map((order) => wssAt95(order, truth))),
    recallAt10: spread(orders.map((order) => recallAfter(order, truth, 0.1))),
    readTo95: spread(orders.map((order) => readToRecall(order, truth, 0.95))),
  };
}

export function measureReview(review: LabelledReview, seeds: number, stoppingSeeds: number): QualityRow {
  const { truth, criteria } = review;
  const features = buildFeatures(review.records);
  const run = (seed: number, prior: typeof criteria, start = startingSet(truth, seed)) => simulateReadingOrder({ features, truth, prior, start, seed });
  const seedList = Array.from({ length: Math.max(seeds, stoppingSeeds) }, (_, seed) => seed);
  // The stopping rule runs on the reading order a researcher would see: with the criteria when there are any.
  const ranked = seedList.map((seed) => run(seed, criteria));
  const withCriteria = criteria ? measure(ranked.slice(0, seeds), truth) : null;
  const withoutCriteria = criteria ? measure(seedList.slice(0, seeds).map((seed) => run(seed, null)), truth) : measure(ranked.slice(0, seeds), truth);
  const stoppingOrders = ranked.slice(0, stoppingSeeds);
  return {
    review: review.name,
    records: truth.length,
    includes: truth.reduce((sum, label) => sum + label, 0),
    withCriteria,
    withoutCriteria,
    criteriaOnlyWss95: criteria ? wssAt95(run(0, criteria, []), truth) : null,
    anchorWss95: ANCHOR_WSS95[review.name] ?? null,
    stopping: summarise(stoppingOrders.map((order, seed) => simulateStoppingRule(order, truth, seed)), 0.95),
    excludeRunHeuristic: summarise(stoppingOrders.map((order) => simulateExcludeRunRule(order, truth, EXCLUDE_RUN)), 0.95),
  };
}

const percent = (value: number) => `${(100 * value).toFixed(1)}`;
const range = (value: Spread, format = percent) => `${format(value.mean)} (${format(value.min)}–${format(value.max)})`;
const count = (value: number) => Math.round(value).toLocaleString('en');

function qualityTable(rows: readonly QualityRow[], timing: RankTiming | null, seeds: number): string {
  const lines = [
    `Active learning, ${seeds} starts of one random include + one random exclude; WSS@95 and recall in %, mean (min–max); read = records read to 95 % recall`,
    '| review | records | includes | WSS@95 criteria + AL | WSS@95 AL only | WSS@95 criteria only | anchor | recall@10% criteria + AL | recall@10% AL only | read, criteria + AL | read, AL only |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) =>
      [
        row.review,
        count(row.records),
        count(row.includes),
        row.withCriteria ? range(row.withCriteria.wss95) : '–',
        range(row.withoutCriteria.wss95),
        row.criteriaOnlyWss95 === null ? '–' : percent(row.criteriaOnlyWss95),
        row.anchorWss95 === null ? '–' : percent(row.anchorWss95),
        row.withCriteria ? percent(row.withCriteria.recallAt10.mean) : '–',
        percent(row.withoutCriteria.recallAt10.mean),
        row.withCriteria ? count(row.withCriteria.readTo95.mean) : '–',
        count(row.withoutCriteria.readTo95.mean),
      ].join(' | ').replace(/^/, '| ').replace(/$/, ' |'),
    ),
    '',
    `Stopping, target 95 % recall at 95 % confidence (ranked order, then a random sample of the rest), against stopping after ${EXCLUDE_RUN} excludes in a row; recall and work saved in %, mean (min–max)`,
    '| review | runs | recall | runs below 95 % | work saved | heuristic recall | heuristic runs below 95 % | heuristic work saved |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) =>
      `| ${row.review} | ${row.stopping.runs} | ${range(row.stopping.recall)} | ${row.stopping.belowTarget} | ${range(row.stopping.workSaved)} | ${range(row.excludeRunHeuristic.recall)} | ${row.excludeRunHeuristic.belowTarget} | ${range(row.excludeRunHeuristic.workSaved)} |`,
    ),
  ];
  if (timing) {
    lines.push(
      '',
      `Retrain + re-rank at ${count(timing.records)} synthesised records (${count(timing.decided)} decided): median ${timing.retrainAndRerankMs.toFixed(0)} ms of ${timing.runs} runs; building their features once: ${timing.buildFeaturesMs.toFixed(0)} ms`,
      `Kept features of that record set: ${(timing.keptBytes / 1024 / 1024).toFixed(1)} MB, written once in ${timing.encodeMs.toFixed(0)} ms; naming the record set ${timing.keyMs.toFixed(0)} ms; reading them back: median ${timing.decodeMs.toFixed(0)} ms`,
    );
  }
  return lines.join('\n');
}

export function runScreeningQuality(options: QualityOptions): { rows: QualityRow[]; timing: RankTiming | null; table: string } {
  const seeds = options.seeds ?? 5;
  const reviews = readLabelledReviews(options.datasetPath);
  const rows = reviews.map((review) => measureReview(review, seeds, options.stoppingSeeds ?? 20));
  const firstCriteria = reviews.find((review) => review.criteria)?.criteria ?? null;
  const timing = options.timing === false ? null : timeRetrainAndRerank(reviews, firstCriteria);
  return { rows, timing, table: qualityTable(rows, timing, seeds) };
}
