// The ranking's worker thread: TF-IDF features and a linear model over every screened record (the
// features take seconds at 20,000) would otherwise block the event loop that heartbeats and serves
// the API. Features kept from an earlier ranking of the same records come in as bytes and are
// read instead of built; features built here go back as bytes to be kept.
import { buildFeatures, decodeFeatures, encodeFeatures, rankRecords, type Criteria, type ScreeningRecord } from '@sift/screening';
import { threadChannel } from '../../workerThread.ts';

export interface RankThreadInput {
  /** The records' features from an earlier ranking of the same records, or the records to build them from. */
  source: { features: Uint8Array } | { records: ScreeningRecord[] };
  /** [record index, 1 include / 0 exclude] */
  labels: [number, 0 | 1][];
  criteria: Criteria | null;
}

export interface RankThreadResult {
  /** Record indexes, most likely relevant first. */
  order: number[];
  scores: number[];
  why: string[][];
  /** The features built for these records, to keep; null when they came in. */
  built: Uint8Array | null;
}

const channel = threadChannel<RankThreadInput, never, RankThreadResult>();
try {
  const { source, labels, criteria } = channel.input;
  const features = 'features' in source ? decodeFeatures(source.features) : buildFeatures(source.records);
  const ranking = rankRecords({ features, labels: new Map(labels), prior: criteria, seed: 1 });
  // The ranking orders the undecided records; the decided ones follow, so every record has a place.
  const ordered = new Set(ranking.order);
  const order = [...ranking.order, ...Array.from({ length: features.rows }, (_, index) => index).filter((index) => !ordered.has(index))];
  channel.done({ order, scores: [...ranking.scores], why: ranking.why, built: 'features' in source ? null : encodeFeatures(features) });
} catch (error) {
  channel.fail(error);
}
