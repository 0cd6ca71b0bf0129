// Retrain + re-rank time at 20,000 records. The records are synthesised: the labelled reviews' own
// records repeated, each copy dropping a different tenth of its abstract's words so no two rows are
// the same, with a fifth of them decided (their labels copied from the originals). Beside it, the
// path a ranking task takes once the features are kept for the record set: read them back from
// their bytes, then retrain + re-rank.
import type { Criteria } from '../src/criteria.ts';
import { buildFeatures } from '../src/ranking/features.ts';
import { decodeFeatures, encodeFeatures, featuresKey } from '../src/ranking/featureBytes.ts';
import { sampleWithoutReplacement, seededRandom } from '../src/ranking/random.ts';
import { rankRecords } from '../src/ranking/rank.ts';
import type { ScreeningRecord } from '../src/screener.ts';
import type { LabelledReview } from './dataset.ts';

export interface RankTiming {
  records: number;
  decided: number;
  buildFeaturesMs: number;
  /** Median of the runs: train on the decisions, score every record, order the undecided, explain each. */
  retrainAndRerankMs: number;
  runs: number;
  /** The kept features: their size, writing them once, naming the record set, and (median) reading them back. */
  keptBytes: number;
  encodeMs: number;
  keyMs: number;
  decodeMs: number;
}

function perturbed(record: ScreeningRecord, copy: number): ScreeningRecord {
  if (copy === 0) return record;
  const words = (record.abstract ?? '').split(' ');
  return { ...record, id: `${record.id}#${copy}`, abstract: words.filter((_, k) => k % 10 !== copy % 10).join(' ') };
}

export function timeRetrainAndRerank(reviews: readonly LabelledReview[], criteria: Criteria | null, size = 20_000, runs = 5): RankTiming {
  const pool = reviews.flatMap((review) => review.records.map((record, index) => ({ record, label: review.truth[index] === 1 ? 1 : 0 }) as const));
  if (pool.length === 0) throw new Error('no records to time the ranker on');
  const picked = Array.from({ length: size }, (_, k) => ({ record: perturbed((pool[k % pool.length] as (typeof pool)[number]).record, Math.floor(k / pool.length)), label: (pool[k % pool.length] as (typeof pool)[number]).label }));
  const started = performance.now();
  const features = buildFeatures(picked.map((entry) => entry.record));
  const buildFeaturesMs = performance.now() - started;
  const decided = sampleWithoutReplacement(Array.from({ length: size }, (_, k) => k), size / 5, seededRandom(20_000));
  const labels = new Map(decided.map((index) => [index, (picked[index] as (typeof picked)[number]).label]));
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    rankRecords({ features, labels, prior: criteria, seed: run });
    times.push(performance.now() - start);
  }
  const encodeStarted = performance.now();
  const kept = encodeFeatures(features);
  const encodeMs = performance.now() - encodeStarted;
  const keyStarted = performance.now();
  featuresKey(picked.map((entry) => entry.record));
  const keyMs = performance.now() - keyStarted;
  const decodes: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    decodeFeatures(kept);
    decodes.push(performance.now() - start);
  }
  const middle = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  return {
    records: size, decided: labels.size, buildFeaturesMs, retrainAndRerankMs: middle(times), runs,
    keptBytes: kept.byteLength, encodeMs, keyMs, decodeMs: middle(decodes),
  };
}
