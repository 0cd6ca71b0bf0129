// The screening-rank task kind: orders a project's de-duplicated records by how likely each is
// relevant, learning from the researcher's include/exclude decisions with the criteria as prior
// knowledge (active learning; the model is @sift/screening's ranking), and saves the order whole.
// Started after a screening run, every few decisions, and on the researcher's request. The TF-IDF
// features are kept per record set (keptFeatures.ts), so a retrain over the same records reads them
// back instead of building them.
import { z } from 'zod';
import { featuresKey } from '@sift/screening';
import { outOfMemory } from '../../errors.ts';
import { findProject, requireProject } from '../../data/projectStore.ts';
import { researcherLabels, saveRanking } from '../../data/ranking.ts';
import { latestCriteria, loadScreeningRecords, screenableRecordIds } from '../../data/screeningStore.ts';
import { DEFAULT_QUEUE_POLICY, defineTaskKind } from '../../taskKind.ts';
import { runInThread } from '../../workerThread.ts';
import { createFeatureStore, KEPT_FEATURES_MAX_BYTES } from './keptFeatures.ts';
import type { RankThreadInput, RankThreadResult } from './rankThread.ts';

const keptFeatures = createFeatureStore(KEPT_FEATURES_MAX_BYTES);

export const screeningRankTask = defineTaskKind({
  name: 'screening-rank',
  input: z.object({ projectId: z.uuid() }),
  queue: { ...DEFAULT_QUEUE_POLICY, expireInSeconds: 10 * 60 },

  async prepare(input, { db, ownerId }) {
    const project = await requireProject(db, ownerId, input.projectId);
    return { title: `Ranking · ${project.name}` };
  },

  async run({ db, settings, ownerId, input, signal, progress }) {
    if (!(await findProject(db, ownerId, input.projectId))) return { records: 0, labels: 0 }; // the project was deleted: nothing to rank
    progress(0, 0, 'loading records');
    const ids = await screenableRecordIds(db, input.projectId);
    const [records, labelsById, criteria] = await Promise.all([
      loadScreeningRecords(db, ids),
      researcherLabels(db, input.projectId, ids),
      latestCriteria(db, input.projectId),
    ]);
    const labels = records.flatMap((record, index): [number, 0 | 1][] => {
      const label = labelsById.get(record.id);
      return label === undefined ? [] : [[index, label]];
    });
    const recordSet = featuresKey(records);
    const kept = keptFeatures.get(input.projectId, recordSet);
    progress(0, records.length, 'learning from your decisions');
    const ranking = await runInThread<RankThreadInput, never, RankThreadResult>({
      script: new URL('./rankThread.ts', import.meta.url),
      input: { source: kept ? { features: kept } : { records }, labels, criteria: criteria?.criteria ?? null },
      signal,
      memory: { limitMb: settings.parseMemoryMb, exceeded: outOfMemory.ranking },
    });
    progress(records.length, records.length, 'saving the order');
    signal.throwIfAborted();
    if (ranking.built) keptFeatures.keep(input.projectId, recordSet, ranking.built);
    await saveRanking(
      db,
      input.projectId,
      ranking.order.map((index) => ({ recordId: records[index]!.id, score: ranking.scores[index]!, why: ranking.why[index] ?? [] })),
      labels.length,
    );
    return { records: records.length, labels: labels.length, features: kept ? 'kept' : 'built' };
  },
});
