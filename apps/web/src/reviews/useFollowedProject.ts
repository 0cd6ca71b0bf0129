// The open project, kept current whichever step is on screen: background work started on one
// step (an import, the de-duplication it starts) changes what every other step shows, so the
// page, not the step, follows it and reads the affected lists again when it settles.
import { useEffect } from 'react';
import { isFinished, trpc } from '../trpc.ts';
import { useImports } from './ImportList.tsx';

export function useFollowedProject(projectId: string) {
  const imports = useImports(projectId);
  const utils = trpc.useUtils();
  const importing = imports.data?.some((entry) => !isFinished(entry.task.state)) ?? false;
  const project = trpc.getProject.useQuery(
    { projectId },
    {
      // A mangled or foreign id will not heal on retry.
      retry: (failures, error) => error.data?.code !== 'NOT_FOUND' && error.data?.code !== 'BAD_REQUEST' && failures < 2,
      refetchInterval: (query) => {
        const dedup = query.state.data?.dedup;
        return importing || (dedup && !isFinished(dedup.state)) ? 2000 : false;
      },
    },
  );

  // Each finished import adds records: read the counts and the records again.
  const finished = imports.data?.filter((entry) => isFinished(entry.task.state)).length ?? 0;
  useEffect(() => {
    if (finished > 0) void Promise.all([utils.getProject.invalidate({ projectId }), utils.listRecords.invalidate({ projectId })]);
  }, [finished, projectId, utils]);

  // A finished de-duplication replaces the groups and the pairs: every list built from the old
  // ones is read again (a split of a group that is gone would fail).
  const dedupDone = project.data?.dedup?.state === 'ready' ? project.data.dedup.id : null;
  useEffect(() => {
    if (dedupDone === null) return;
    void Promise.all([
      utils.listDuplicateGroups.invalidate({ projectId }),
      utils.listPossibleDuplicates.invalidate({ projectId }),
      utils.listRecords.invalidate({ projectId }),
    ]);
  }, [dedupDone, projectId, utils]);

  return project;
}
