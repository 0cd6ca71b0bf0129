// The ranking's worker thread: TF-IDF features and a linear model over every screened record (about
// a second for 20,000) would otherwise block the event loop that heartbeats and serves the API.
import { buildFeatures, rankRecords, type Criteria, type ScreeningRecord } from '@sift/screening';
import { threadChannel } from '../../workerThread.ts';

export interface RankThreadInput {
  records: ScreeningRecord[];
  /** [record index, 1 include / 0 exclude] */
  labels: [number, 0 | 1][];
  criteria: Criteria | null;
}

export interface RankThreadResult {
  /** Record indexes, most likely relevant first. */
  order: number[];
  scores: number[];
  why: string[][];
}

const channel = threadChannel<RankThreadInput, never, RankThreadResult>();
try {
  const { records, labels, criteria } = channel.input;
  const ranking = rankRecords({ features: buildFeatures(records), labels: new Map(labels), prior: criteria, seed: 1 });
  // The ranking orders the undecided records; the decided ones follow, so every record has a place.
  const ordered = new Set(ranking.order);
  const order = [...ranking.order, ...records.map((_, index) => index).filter((index) => !ordered.has(index))];
  channel.done({ order, scores: [...ranking.scores], why: ranking.why });
} catch (error) {
  channel.fail(error);
}
