// Screening of a review project: the criteria form, "Start screening" with the run's live
// progress and decision counts, the list of runs (each tied to the criteria version it used, so
// decisions under an older version stay visible), then for the chosen run the review table beside
// its criteria, what to read next and the LLM's second opinion. The exports and the PRISMA 2020
// diagram are the project's next step (reviews/PrismaStep.tsx). With two reviewers per record,
// owners also get the conflicts to resolve and the agreement.
import { useEffect, useId, useRef, useState } from 'react';
import { LoadError } from '../components/LoadError.tsx';
import { TaskCard } from '../components/TaskCard.tsx';
import { formatCount, plural } from '../format.ts';
import { taskStatusInterval, useTaskStatus } from '../hooks/useTaskStatus.ts';
import { isFinished, trpc, type CriteriaVersion, type DecisionCounts, type DesignOption, type ScreenerChoice, type ScreeningOverview, type ScreeningRun, type TaskStatus } from '../trpc.ts';
import { AgreementPanel } from './AgreementPanel.tsx';
import { ConflictsPanel } from './ConflictsPanel.tsx';
import { CriteriaForm } from './CriteriaForm.tsx';
import { CriteriaSummary } from './CriteriaSummary.tsx';
import { UnscreenedRecords } from './UnscreenedRecords.tsx';
import { ReviewTable } from './ReviewTable.tsx';
import { ColumnChoice } from './ColumnChoice.tsx';
import { SecondOpinionPanel } from './SecondOpinionPanel.tsx';
import { StoppingPanel } from './StoppingPanel.tsx';
import { DECISION_LABELS, formatRate, runLabel, runsInterval, screeningBlocker } from './screeningView.ts';

export function ScreeningPanel({ projectId }: { projectId: string }) {
  // While a run goes on, the run list follows it too (its state, and when "Start screening" frees up).
  const overview = trpc.getScreening.useQuery({ projectId }, { refetchInterval: (query) => runsInterval(query.state.data?.runs) });
  const project = trpc.getProject.useQuery({ projectId });
  const [chosenRunId, setChosenRunId] = useState<string | null>(null);
  const runs = overview.data?.runs ?? [];
  const run = runs.find((entry) => entry.task.id === chosenRunId) ?? runs[0];
  const latest = overview.data?.criteria ?? null;
  const dedup = project.data?.dedup;
  const blocker = screeningBlocker({
    criteriaSaved: latest !== null,
    records: project.data?.counts.afterDedup,
    dedupRunning: dedup !== null && dedup !== undefined && !isFinished(dedup.state),
    runActive: runs.some((entry) => !isFinished(entry.task.state)),
  });

  return (
    <>
      <section className="panel" aria-labelledby="screening-heading">
        <h2 id="screening-heading">Screening</h2>
        <p className="muted">
          Write the review’s criteria, then let Sift judge every record after duplicates are removed. Each decision comes with its reason; yours overrides it.
        </p>
        <LoadError query={overview} what="the screening" />
        {overview.data && (
          <>
            <CriteriaForm key={latest?.id ?? 'none'} projectId={projectId} saved={latest} designs={overview.data.designs} />
            <StartScreening projectId={projectId} overview={overview.data} blocker={blocker} onStarted={setChosenRunId} />
            {runs.length > 0 && <RunList runs={runs} selectedId={run?.task.id ?? null} onSelect={setChosenRunId} />}
            {run && <RunProgress key={run.task.id} projectId={projectId} run={run} />}
          </>
        )}
      </section>
      {run && overview.data && (
        <RunResults key={run.task.id} projectId={projectId} run={run} latestVersion={latest?.version ?? null} designs={overview.data.designs} />
      )}
    </>
  );
}

function StartScreening(props: { projectId: string; overview: ScreeningOverview; blocker: string | null; onStarted: (taskId: string) => void }) {
  const { projectId, overview, blocker, onStarted } = props;
  const [screener, setScreener] = useState<ScreenerChoice>('builtin');
  const name = useId();
  const utils = trpc.useUtils();
  const start = trpc.startScreening.useMutation({
    onSuccess: async (status) => {
      utils.getTaskStatus.setData({ id: status.id }, status);
      await utils.getScreening.invalidate({ projectId });
      onStarted(status.id);
    },
  });
  const { llm } = overview;

  return (
    <div className="start-screening">
      <h3>Screen the records</h3>
      {llm && (
        <fieldset className="screener-choice">
          <legend>Screener</legend>
          <label>
            <input type="radio" name={name} checked={screener === 'builtin'} onChange={() => setScreener('builtin')} /> Built-in (offline, explains every decision)
          </label>
          <label>
            <input type="radio" name={name} checked={screener === 'llm'} onChange={() => setScreener('llm')} /> Language model ({llm.models.join(' and ')})
            {llm.models.length > 1 && ', disagreements become conflicts for you to settle'}
          </label>
        </fieldset>
      )}
      <div className="upload-actions">
        <button
          type="button"
          className="button"
          onClick={() => start.mutate({ projectId, screener: llm ? screener : 'builtin' })}
          disabled={blocker !== null || start.isPending}
        >
          {start.isPending ? 'Starting…' : 'Start screening'}
        </button>{' '}
        {blocker && <span className="muted">{blocker}</span>}
      </div>
      {start.isError && (
        <p className="message error" role="alert">
          Could not start screening: {start.error.message}
        </p>
      )}
    </div>
  );
}

function RunList({ runs, selectedId, onSelect }: { runs: readonly ScreeningRun[]; selectedId: string | null; onSelect: (taskId: string) => void }) {
  const name = useId();
  return (
    <fieldset className="run-list">
      <legend>Screening runs</legend>
      {runs.map((run) => (
        <label key={run.task.id}>
          <input type="radio" name={name} checked={run.task.id === selectedId} onChange={() => onSelect(run.task.id)} /> {runLabel(run)} ·{' '}
          {run.task.state}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * The chosen run's task, followed live while it can change. Its status is always read once, so a
 * run that was cancelled and then retried (on its card) is followed again.
 */
function useRunTask(run: ScreeningRun): TaskStatus {
  const live = useTaskStatus(run.task.id, { enabled: true });
  return live.data ?? run.task;
}

/** The run's criteria and the decisions in force over the whole run, polled while the run goes on. */
function useRunSummary(projectId: string, task: TaskStatus): { counts: DecisionCounts; criteria: CriteriaVersion } | undefined {
  const summary = trpc.listScreenedRecords.useQuery({ projectId, taskId: task.id, limit: 1 }, { refetchInterval: taskStatusInterval(task) });
  return summary.data;
}

function RunProgress({ projectId, run }: { projectId: string; run: ScreeningRun }) {
  const task = useRunTask(run);
  const counts = useRunSummary(projectId, task)?.counts;
  const rate = formatRate(task.processed, task.elapsedMs);
  return (
    <div className="run-progress">
      <TaskCard listed={task} unit="records" renderReady={() => null} />
      {(task.state === 'error' || task.state === 'cancelled') && <UnscreenedRecords projectId={projectId} taskId={task.id} />}
      {counts && (
        <ul className="run-counts" aria-label="Decisions so far">
          <li>
            {/* The same number as the progress bar above (the task's saved progress), so the two never disagree. */}
            {formatCount(task.processed)} of {plural(task.total, 'record', 'records')} screened
          </li>
          {(['include', 'exclude', 'uncertain', 'conflict'] as const).map((decision) => (
            <li key={decision}>
              <span className={`decision decision-${decision}`}>{DECISION_LABELS[decision]}</span> {formatCount(counts[decision])}
            </li>
          ))}
          {rate && <li>{rate}</li>}
        </ul>
      )}
    </div>
  );
}

function RunResults(props: { projectId: string; run: ScreeningRun; latestVersion: number | null; designs: readonly DesignOption[] }) {
  const { projectId, run, latestVersion, designs } = props;
  const task = useRunTask(run);
  const summary = useRunSummary(projectId, task);
  const pollMs = taskStatusInterval(task);
  const project = trpc.getProject.useQuery({ projectId }).data;
  const owner = project?.role === 'owner';
  const dual = project?.screening.screeningMode === 'dual' ? { owner } : null;
  const utils = trpc.useUtils();
  // When the run settles, the run list, the table and the diagram are read once more.
  const previousState = useRef(task.state);
  useEffect(() => {
    const was = previousState.current;
    previousState.current = task.state;
    if (!isFinished(was) && isFinished(task.state)) {
      void Promise.all([
        utils.getScreening.invalidate({ projectId }),
        utils.listScreenedRecords.invalidate({ projectId, taskId: task.id }),
        utils.getPrismaFlow.invalidate({ projectId, taskId: task.id }),
      ]);
    }
  }, [task.state, task.id, projectId, utils]);
  return (
    <>
      <section className="panel" aria-labelledby="review-heading">
        <h2 id="review-heading">Review the decisions</h2>
        {dual && !owner && (
          <p className="message" role="note">
            Screened by two independent reviewers: you see only your own decisions
            {project?.screening.hideScreener ? ', not the screener’s suggestion' : ''}. A record is decided when both reviewers agree.
          </p>
        )}
        <div className="screening-review">
          {summary && <CriteriaSummary used={summary.criteria} latestVersion={latestVersion} designs={designs} />}
          <ColumnChoice>
            <ReviewTable projectId={projectId} taskId={task.id} pollMs={pollMs} dual={dual} />
          </ColumnChoice>
        </div>
      </section>
      {dual?.owner && <ConflictsPanel projectId={projectId} taskId={task.id} />}
      {dual?.owner && <AgreementPanel projectId={projectId} taskId={task.id} />}
      {task.state === 'ready' && <StoppingPanel projectId={projectId} taskId={task.id} />}
      {task.state === 'ready' && run.screener === 'builtin' && <SecondOpinionPanel projectId={projectId} taskId={task.id} />}
    </>
  );
}
