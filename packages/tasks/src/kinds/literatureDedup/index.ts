// The literature-dedup task kind: finds the duplicate groups among all of a project's records,
// honouring the pairs the researcher split apart or judged (merge, keep apart), and replaces the
// project's groups, possible duplicates and related records. Reading,
// matching and writing happen in one transaction under the project's group lock, so concurrent
// runs end with the groups of the last one, computed from everything committed before it.
import { z } from 'zod';
import { outOfMemory, TaskFailure } from '../../errors.ts';
import { findProject, requireProject } from '../../data/projectStore.ts';
import { DEFAULT_QUEUE_POLICY, defineTaskKind } from '../../taskKind.ts';
import { lockProjectGroups, replaceGroups } from '../../data/groupStore.ts';
import { liveRecord } from '../../data/liveRecords.ts';
import { replacePossibleDuplicates } from '../../data/possibleDuplicates.ts';
import { loadDedupInputs, loadKeepApart, loadPairDecisions } from '../../data/recordStore.ts';
import { replaceRelatedRecords } from '../../data/relatedRecords.ts';
import { analyzeTables } from '../../data/statistics.ts';
import { runInThread } from '../../workerThread.ts';
import type { DedupThreadInput, DedupThreadOutput } from './dedupThread.ts';

export const literatureDedupTask = defineTaskKind({
  name: 'literature-dedup',
  input: z.object({ projectId: z.uuid() }),
  queue: { ...DEFAULT_QUEUE_POLICY, expireInSeconds: 30 * 60 },

  async prepare(input, { db, ownerId }) {
    const project = await requireProject(db, ownerId, input.projectId);
    return { title: `Duplicates · ${project.name}` };
  },

  async run({ db, settings, ownerId, input, signal, progress, log }) {
    const project = await findProject(db, ownerId, input.projectId);
    if (!project) throw new TaskFailure('project_missing', 'This project no longer exists.');
    progress(0, 0, 'loading records');
    const result = await db.$transaction(async (tx) => {
      await lockProjectGroups(tx, project.id);
      const records = await loadDedupInputs(tx, { projectId: project.id, ...liveRecord });
      const decided = await loadPairDecisions(tx, project.id);
      const keepApart = [...(await loadKeepApart(tx, project.id)), ...decided.keep_apart];
      progress(0, records.length, 'finding duplicates');
      const { groups, possible, related } = await runInThread<DedupThreadInput, never, DedupThreadOutput>({
        script: new URL('./dedupThread.ts', import.meta.url),
        input: { records, keepApart, mergePairs: decided.merge },
        signal,
        memory: { limitMb: settings.parseMemoryMb, exceeded: outOfMemory.findingDuplicates },
      });
      progress(records.length, records.length, 'saving groups');
      await replaceGroups(tx, project.id, groups);
      await replacePossibleDuplicates(tx, project.id, possible);
      await replaceRelatedRecords(tx, project.id, related);
      signal.throwIfAborted(); // a cancelled run must not commit
      const duplicates = groups.reduce((sum, group) => sum + group.ids.length, 0);
      return {
        records: records.length, groups: groups.length, afterDedup: records.length - duplicates + groups.length, possibleDuplicates: possible.length, related: related.length,
      };
    }, { maxWait: 60_000, timeout: 10 * 60_000 }); // room for a 20,000-record project on a slow machine
    await analyzeTables(db, ['duplicate_group', 'duplicate_group_member', 'possible_duplicate', 'related_record'], log);
    return result;
  },
});
