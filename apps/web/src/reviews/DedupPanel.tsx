// Duplicates: every finished import starts a literature-dedup task on the server; "Find
// duplicates" starts one by hand. The newest one is followed with a task card, and when it is
// done the project's counts, groups and records are read again.
import { useEffect, useState } from 'react';
import { TaskCard } from '../components/TaskCard.tsx';
import { plural } from '../format.ts';
import { useTaskStatus } from '../hooks/useTaskStatus.ts';
import { isFinished, trpc, type ImportListing, type TaskStatus } from '../trpc.ts';
import { useImports } from './ImportList.tsx';

/** Why duplicates cannot be looked for yet, or null when they can. */
export function dedupBlocker(imports: readonly ImportListing[] | undefined, dedupRunning: boolean): string | null {
  if (!imports) return 'Loading the imports…';
  if (dedupRunning) return 'Looking for duplicates…';
  if (imports.some((entry) => !isFinished(entry.task.state))) return 'Wait for the imports to finish.';
  if (!imports.some((entry) => entry.task.state === 'ready')) return 'Import at least one file first.';
  return null;
}

/** The later-created of two tasks (ISO timestamps compare as text). */
function newest(a: TaskStatus | null, b: TaskStatus | null): TaskStatus | null {
  if (!a || !b) return a ?? b;
  return a.createdAt >= b.createdAt ? a : b;
}

export function DedupPanel({ projectId }: { projectId: string }) {
  const imports = useImports(projectId);
  const project = trpc.getProject.useQuery({ projectId });
  const utils = trpc.useUtils();
  const [started, setStarted] = useState<TaskStatus | null>(null);
  const current = newest(started, project.data?.dedup ?? null);
  const live = useTaskStatus(current?.id ?? '', { enabled: current !== null && !isFinished(current.state) });
  const task = live.data ?? current;
  const running = task !== null && !isFinished(task.state);
  const start = trpc.startDedup.useMutation({
    onSuccess: (status) => {
      utils.getTaskStatus.setData({ id: status.id }, status);
      setStarted(status);
    },
  });

  const done = task?.state === 'ready';
  useEffect(() => {
    if (done) {
      void Promise.all([
        utils.getProject.invalidate({ projectId }),
        utils.listDuplicateGroups.invalidate({ projectId }),
        utils.listPossibleDuplicates.invalidate({ projectId }),
        utils.listRecords.invalidate({ projectId }),
      ]);
    }
  }, [done, projectId, utils]);

  const blocker = dedupBlocker(imports.data, running || start.isPending);
  const counts = project.data?.counts;
  return (
    <section className="panel" aria-labelledby="dedup-heading">
      <h2 id="dedup-heading">Duplicates</h2>
      <p className="muted">
        Sift links records with the same DOI or PMID, or the same title, year and first author, across all of this project’s files.
      </p>
      <div className="upload-actions">
        <button type="button" className="button" onClick={() => start.mutate({ projectId })} disabled={blocker !== null}>
          Find duplicates
        </button>{' '}
        {blocker && <span className="muted">{blocker}</span>}
      </div>
      {start.isError && (
        <p className="message error" role="alert">
          Could not start looking for duplicates: {start.error.message}
        </p>
      )}
      {task && (
        <TaskCard
          listed={task}
          unit="records"
          renderReady={() =>
            counts && (
              <p>
                Found {plural(counts.duplicateGroups, 'duplicate group', 'duplicate groups')} holding {plural(counts.recordsInGroups, 'record', 'records')}
                .
              </p>
            )
          }
        />
      )}
    </section>
  );
}
