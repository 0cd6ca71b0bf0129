// What to read next and when to stop, beside the review table: the relevance ranking (learnt from
// the researcher's decisions, with "Re-rank now"), and the run's stopping test: decided records,
// includes found, the random sample the test asks for, and the rule applied (or undone) once the
// sample shows the recall target is met.
import { useId, useState } from 'react';
import { LoadError } from '../components/LoadError.tsx';
import { formatCount, plural } from '../format.ts';
import { trpc, type RankingView, type StoppingView } from '../trpc.ts';

const RECALL_TARGETS = [0.8, 0.9, 0.95, 0.99] as const;
const CONFIDENCES = [0.9, 0.95, 0.99] as const;
const percent = (fraction: number) => `${Math.round(fraction * 1000) / 10} %`;

export function StoppingPanel({ projectId, taskId }: { projectId: string; taskId: string }) {
  const ranking = trpc.getRanking.useQuery({ projectId }, { refetchInterval: (query) => (query.state.data?.running ? 1000 : 5000) });
  const stopping = trpc.getStopping.useQuery({ projectId, taskId }, { refetchInterval: 5000 });
  return (
    <section className="panel stopping-panel" aria-labelledby="stopping-heading">
      <h2 id="stopping-heading">What to read next, and when to stop</h2>
      <LoadError query={ranking} what="the ranking" />
      {ranking.data && <RankingLine projectId={projectId} ranking={ranking.data} />}
      <LoadError query={stopping} what="the stopping test" />
      {stopping.data && <StoppingTest projectId={projectId} taskId={taskId} stopping={stopping.data} />}
    </section>
  );
}

function RankingLine({ projectId, ranking }: { projectId: string; ranking: RankingView }) {
  const utils = trpc.useUtils();
  const rerank = trpc.rerank.useMutation({ onSuccess: () => utils.getRanking.invalidate({ projectId }) });
  const fresh = ranking.labelsNow - ranking.labels;
  return (
    <div className="ranking-line">
      <p role="status">
        {ranking.running
          ? 'Ranking the records by relevance…'
          : ranking.rankedAt === null
            ? 'Not ranked yet.'
            : `Ranked by relevance from the criteria and ${formatCount(ranking.labels)} include/exclude decisions of yours` +
              (fresh > 0 ? `; ${plural(fresh, 'new decision', 'new decisions')} since (it learns again every 5).` : '.')}
      </p>
      <p className="muted">Sort the table by “Most likely relevant first” to read the likely includes first; each record shows the words that raised it.</p>
      <button type="button" className="button secondary" onClick={() => rerank.mutate({ projectId })} disabled={rerank.isPending || ranking.running !== null}>
        Re-rank now
      </button>
      {rerank.isError && <p className="message error" role="alert">Could not start the ranking: {rerank.error.message}</p>}
    </div>
  );
}

function StoppingTest({ projectId, taskId, stopping }: { projectId: string; taskId: string; stopping: StoppingView }) {
  const utils = trpc.useUtils();
  const targetId = useId();
  const confidenceId = useId();
  const [recallTarget, setRecallTarget] = useState<number>(stopping.recallTarget);
  const [confidence, setConfidence] = useState<number>(stopping.confidence);
  const refresh = () =>
    Promise.all([utils.getStopping.invalidate({ projectId, taskId }), utils.listScreenedRecords.invalidate({ projectId, taskId }), utils.getPrismaFlow.invalidate({ projectId, taskId })]);
  const start = trpc.startStoppingTest.useMutation({ onSuccess: refresh });
  const apply = trpc.applyStoppingRule.useMutation({ onSuccess: refresh });
  const undo = trpc.undoStoppingRule.useMutation({ onSuccess: refresh });
  const failed = start.error ?? apply.error ?? undo.error;
  const { test } = stopping;

  return (
    <div className="stopping-test">
      <ul className="run-counts" aria-label="Screening so far">
        <li>{formatCount(stopping.decided)} of {plural(stopping.records, 'record', 'records')} decided by you</li>
        <li>{plural(stopping.includes, 'include', 'includes')} found</li>
        {test?.estimatedIncludesRemaining != null && <li>about {formatCount(Math.round(test.estimatedIncludesRemaining))} includes estimated among the records left</li>}
      </ul>
      {stopping.state === 'not started' && (
        <>
          <p className="muted">
            Screen in ranked order until new includes become rare, then start the stopping test. Sift draws a random sample of the records you have not decided
            (the “Random sample” tab, in random order). When the sample shows that your recall reaches the target at the chosen confidence (the hypergeometric test
            of Callaghan &amp; Müller-Hansen 2020), you may exclude the records nobody read by the stopping rule; PRISMA and every export say so.
          </p>
          <span>
            <label htmlFor={targetId}>Recall target</label>{' '}
            <select id={targetId} value={recallTarget} onChange={(event) => setRecallTarget(Number(event.target.value))}>
              {RECALL_TARGETS.map((value) => <option key={value} value={value}>{percent(value)}</option>)}
            </select>
          </span>{' '}
          <span>
            <label htmlFor={confidenceId}>Confidence</label>{' '}
            <select id={confidenceId} value={confidence} onChange={(event) => setConfidence(Number(event.target.value))}>
              {CONFIDENCES.map((value) => <option key={value} value={value}>{percent(value)}</option>)}
            </select>
          </span>{' '}
          <button type="button" className="button" onClick={() => start.mutate({ projectId, taskId, recallTarget, confidence })} disabled={start.isPending}>
            Start the stopping test
          </button>
        </>
      )}
      {stopping.state === 'sampling' && test && (
        <>
          <p role="status">
            Stopping test for recall ≥ {percent(stopping.recallTarget)} at {percent(stopping.confidence)} confidence: {plural(stopping.sampleSize, 'record', 'records')} of
            the random sample screened, {plural(stopping.sampleIncludes, 'include', 'includes')} among them; p = {test.pValue.toFixed(3)}.{' '}
            {test.canStop
              ? 'The test has passed.'
              : `Screen about ${plural(stopping.stillNeeded ?? 0, 'more record', 'more records')} of the random sample (more if you find includes).`}
          </p>
          {test.canStop && (
            <button type="button" className="button" onClick={() => apply.mutate({ projectId, taskId })} disabled={apply.isPending}>
              Exclude the {plural(stopping.undecided, 'record', 'records')} nobody read by the stopping rule
            </button>
          )}
        </>
      )}
      {stopping.state === 'applied' && (
        <>
          <p role="status">Stopping rule applied: {stopping.appliedClaim}. The records nobody read are excluded “by stopping rule”.</p>
          <button type="button" className="button secondary" onClick={() => undo.mutate({ projectId, taskId })} disabled={undo.isPending}>
            Undo the stopping rule
          </button>
        </>
      )}
      {failed && <p className="message error" role="alert">{failed.message}</p>}
    </div>
  );
}
