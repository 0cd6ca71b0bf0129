// The LLM as a second opinion on a finished built-in run: which records it will be asked about
// (those the screener left uncertain, and the others the ranking puts below its median), "Ask for
// a second opinion" as a background task with progress, cancel and "Try again", and the conflicts
// its answers raised, which the review table lists under its Conflict tab with both opinions.
import { useEffect, useRef } from 'react';
import { LoadError } from '../components/LoadError.tsx';
import { TaskCard } from '../components/TaskCard.tsx';
import { formatCount, plural } from '../format.ts';
import { isFinished, trpc, type SecondOpinionView } from '../trpc.ts';

export function SecondOpinionPanel({ projectId, taskId }: { projectId: string; taskId: string }) {
  const view = trpc.getSecondOpinion.useQuery(
    { projectId, taskId },
    { refetchInterval: (query) => (query.state.data?.task && !isFinished(query.state.data.task.state) ? 1000 : 5000) },
  );
  return (
    <section className="panel second-opinion-panel" aria-labelledby="second-opinion-heading">
      <h2 id="second-opinion-heading">Second opinion from the LLM</h2>
      <LoadError query={view} what="the second opinion" />
      {view.data && <SecondOpinion projectId={projectId} taskId={taskId} view={view.data} />}
    </section>
  );
}

function SecondOpinion({ projectId, taskId, view }: { projectId: string; taskId: string; view: SecondOpinionView }) {
  const utils = trpc.useUtils();
  const start = trpc.startSecondOpinion.useMutation({ onSuccess: () => utils.getSecondOpinion.invalidate({ projectId, taskId }) });
  const state = view.task?.state;
  // When the answers are in, the table (its Conflict tab) and PRISMA's awaiting count are read again.
  const previous = useRef(state);
  useEffect(() => {
    const was = previous.current;
    previous.current = state;
    if (was && state && !isFinished(was) && isFinished(state)) {
      void Promise.all([utils.listScreenedRecords.invalidate({ projectId, taskId }), utils.getPrismaFlow.invalidate({ projectId, taskId })]);
    }
  }, [state, projectId, taskId, utils]);

  if (!view.llm) {
    return (
      <p className="muted" role="status">
        No LLM screener is configured on this server, so no second opinion can be asked. The operator sets SIFT_LLM_BASE_URL (with SIFT_LLM_API_KEY and
        SIFT_LLM_MODELS) and restarts Sift.
      </p>
    );
  }
  if (view.runScreener === 'llm') {
    return <p className="muted">This run was screened by the LLM. A second opinion sets the LLM beside the built-in screener: choose a built-in run.</p>;
  }
  const running = state !== undefined && !isFinished(state);
  return (
    <div className="second-opinion">
      <p>
        <ToAsk view={view} models={view.llm.models.join(' and ')} /> Records read last, or never once the stopping rule applies, are where a second reader matters most.
      </p>
      <p className="muted">
        Its answers stay beside the screener’s and change no decision. Where it disagrees with the screener, or with a decision of yours made before it, the record is a
        conflict under the table’s Conflict tab, with both opinions. Deciding it settles the conflict; your decision always wins. Answers are cached, so nothing is asked twice.
      </p>
      {view.asked > 0 && (
        <ul className="run-counts" aria-label="Second opinions so far">
          <li>{plural(view.asked, 'record', 'records')} with a second opinion</li>
          <li>{plural(view.conflicts, 'conflict', 'conflicts')} with the screener</li>
          <li>{plural(view.disputed, 'decision', 'decisions')} of yours disputed</li>
        </ul>
      )}
      <button
        type="button"
        className="button secondary"
        onClick={() => start.mutate({ projectId, taskId })}
        disabled={start.isPending || running || view.toAsk.total === 0}
      >
        {start.isPending ? 'Starting…' : view.asked > 0 ? 'Ask about the records not asked yet' : 'Ask for a second opinion'}
      </button>
      {start.isError && (
        <p className="message error" role="alert">
          Could not ask for a second opinion: {start.error.message}
        </p>
      )}
      {view.task && <TaskCard listed={view.task} unit="records" renderReady={() => null} />}
    </div>
  );
}

/** What the LLM will be asked about, or why nothing is left to ask. */
function ToAsk({ view, models }: { view: SecondOpinionView; models: string }) {
  const { toAsk } = view;
  const lowerHalf = view.ranked === 0 ? ' (none yet: the records are not ranked yet)' : '';
  if (toAsk.total > 0) {
    return (
      <>
        {models} will be asked about {plural(toAsk.total, 'record', 'records')}
        {view.asked > 0 ? ' not asked yet' : ''}: {formatCount(toAsk.uncertain)} the screener left uncertain, and {formatCount(toAsk.lowRanked)} others the ranking puts in its
        lower half{lowerHalf}.
      </>
    );
  }
  if (view.asked > 0) return <>{models} has answered about every record it is asked about: those the screener left uncertain, and those the ranking puts in its lower half.</>;
  return <>There is nothing to ask {models} about: the screener left no record uncertain, and none lies in the lower half of the ranking{lowerHalf}.</>;
}
