// The PRISMA & exports step: the diagram and the downloads of one screening run, the newest by
// default (a select picks an older one). Before any run there is nothing to draw, and it says so.
import { useId, useState } from 'react';
import { LoadError } from '../components/LoadError.tsx';
import { routeHash } from '../hooks/useHashRoute.ts';
import { taskStatusInterval, useTaskStatus } from '../hooks/useTaskStatus.ts';
import { trpc, type ScreeningRun } from '../trpc.ts';
import { ExportLinks } from '../screening/ExportLinks.tsx';
import { PrismaFlowPanel } from '../screening/PrismaFlowPanel.tsx';
import { runLabel } from '../screening/screeningView.ts';

export function PrismaStep({ projectId }: { projectId: string }) {
  const overview = trpc.getScreening.useQuery({ projectId });
  const [chosen, setChosen] = useState<string | null>(null);
  const selectId = useId();
  const runs = overview.data?.runs ?? [];
  const run = runs.find((entry) => entry.task.id === chosen) ?? runs[0];
  if (overview.isError) return <LoadError query={overview} what="the screening runs" />;
  if (!overview.data) return <p className="muted">Loading the screening runs…</p>;
  if (!run) {
    return (
      <section className="panel" aria-labelledby="prisma-empty-heading">
        <h2 id="prisma-empty-heading">PRISMA 2020 flow diagram</h2>
        <p className="muted">
          The diagram and the exports come from a screening run. <a href={routeHash({ page: 'project', projectId, step: 'screening' })}>Screen the records</a> first.
        </p>
      </section>
    );
  }
  return (
    <>
      {runs.length > 1 && (
        <p className="run-select">
          <label htmlFor={selectId}>Screening run</label>{' '}
          <select id={selectId} value={run.task.id} onChange={(event) => setChosen(event.target.value)}>
            {runs.map((entry) => (
              <option key={entry.task.id} value={entry.task.id}>
                {runLabel(entry)} · {entry.task.state}
              </option>
            ))}
          </select>
        </p>
      )}
      <RunOutputs key={run.task.id} projectId={projectId} run={run} />
    </>
  );
}

function RunOutputs({ projectId, run }: { projectId: string; run: ScreeningRun }) {
  const live = useTaskStatus(run.task.id, { enabled: true });
  const task = live.data ?? run.task;
  const pollMs = taskStatusInterval(task);
  const summary = trpc.listScreenedRecords.useQuery({ projectId, taskId: task.id, limit: 1 }, { refetchInterval: pollMs });
  return (
    <>
      {summary.data && <ExportLinks projectId={projectId} taskId={task.id} counts={summary.data.counts} />}
      <PrismaFlowPanel projectId={projectId} taskId={task.id} version={run.criteriaVersion} pollMs={pollMs} />
    </>
  );
}
