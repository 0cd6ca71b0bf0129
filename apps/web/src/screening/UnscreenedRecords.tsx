// What a failed or cancelled run left unscreened (a batch that failed after its retries, or the
// batches a cancel stopped), listed so the researcher knows what "Try again" on the card will screen.
import { formatCount } from '../format.ts';
import { trpc } from '../trpc.ts';

const SHOWN = 20;

export function UnscreenedRecords({ projectId, taskId }: { projectId: string; taskId: string }) {
  const unscreened = trpc.listUnscreenedRecords.useQuery({ projectId, taskId, limit: SHOWN });
  const data = unscreened.data;
  if (!data || data.total === 0) return null;
  return (
    <div className="unscreened" role="region" aria-label="Records not screened">
      <p>
        {formatCount(data.total)} {data.total === 1 ? 'record was' : 'records were'} not screened. Everything else is saved; “Try again” screens just
        these:
      </p>
      <ul>
        {data.records.map((record) => (
          <li key={record.id}>{record.title ?? '(no title)'}</li>
        ))}
      </ul>
      {data.total > data.records.length && <p className="muted">…and {formatCount(data.total - data.records.length)} more.</p>}
    </div>
  );
}
