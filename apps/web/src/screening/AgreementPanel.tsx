// How the reviewers agree (dual screening), for an owner: per pair of reviewers, on the records
// both decided, raw agreement and Cohen's kappa (include, exclude and uncertain as categories),
// and each reviewer's progress through the run.
import { LoadError } from '../components/LoadError.tsx';
import { formatCount } from '../format.ts';
import { trpc } from '../trpc.ts';

const percent = (fraction: number | null) => (fraction === null ? '—' : `${Math.round(fraction * 1000) / 10} %`);

export function AgreementPanel({ projectId, taskId }: { projectId: string; taskId: string }) {
  const agreement = trpc.getAgreement.useQuery({ projectId, taskId }, { refetchInterval: 5000 });
  const data = agreement.data;
  return (
    <section className="panel agreement-panel" aria-labelledby="agreement-heading">
      <h2 id="agreement-heading">Agreement between reviewers</h2>
      <LoadError query={agreement} what="the agreement" />
      {data && (
        <>
          <ul className="run-counts" aria-label="Progress per reviewer">
            {data.progress.map((entry) => (
              <li key={entry.reviewer}>
                {entry.name}: {formatCount(entry.decided)} of {formatCount(data.total)} decided
              </li>
            ))}
          </ul>
          {data.pairs.length === 0 ? (
            <p className="muted">No record has been decided by two reviewers yet.</p>
          ) : (
            <table className="agreement-table" aria-label="Agreement per pair of reviewers">
              <thead>
                <tr>
                  <th scope="col">Reviewers</th>
                  <th scope="col">Records both decided</th>
                  <th scope="col">Disagreements</th>
                  <th scope="col">Raw agreement</th>
                  <th scope="col">Cohen’s kappa</th>
                </tr>
              </thead>
              <tbody>
                {data.pairs.map((pair) => (
                  <tr key={pair.reviewers.join(' ')}>
                    <td>{pair.names.join(' and ')}</td>
                    <td>{formatCount(pair.items)}</td>
                    <td>{formatCount(pair.disagreements)}</td>
                    <td>{percent(pair.observed)}</td>
                    <td>{pair.kappa === null ? '— (both always chose the same)' : pair.kappa.toFixed(2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
