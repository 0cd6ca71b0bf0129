// Conflicts between the two reviewers of a record (dual screening), for an owner: each reviewer's
// decision and note side by side, and a resolution (include or exclude, with a note saying why)
// that is in force until undone. Resolutions made here can be undone from the same list.
import { useId, useState, type FormEvent } from 'react';
import { LoadError } from '../components/LoadError.tsx';
import { trpc, type ScreenedRecord } from '../trpc.ts';
import { DecisionBadge } from './ReviewRow.tsx';

export function ConflictsPanel({ projectId, taskId }: { projectId: string; taskId: string }) {
  const conflicts = trpc.listScreenedRecords.useQuery({ projectId, taskId, decision: 'disagreement', limit: 50 }, { refetchInterval: 5000 });
  // Resolved in this sitting, newest last: each can be taken back.
  const [resolved, setResolved] = useState<{ id: string; title: string }[]>([]);
  const utils = trpc.useUtils();
  const refresh = () => utils.invalidate();
  const undo = trpc.undoResolution.useMutation({
    onSuccess: async (_result, input) => {
      setResolved((list) => list.filter((entry) => entry.id !== input.recordId));
      await refresh();
    },
  });
  const open = conflicts.data?.records ?? [];
  const more = (conflicts.data?.total ?? 0) - open.length;
  return (
    <section className="panel conflicts-panel" aria-labelledby="conflicts-heading">
      <h2 id="conflicts-heading">Conflicts between reviewers</h2>
      <LoadError query={conflicts} what="the conflicts" />
      {conflicts.data && open.length === 0 && <p className="muted">No conflicts: the reviewers agree on every record both decided.</p>}
      <ul className="conflict-list" aria-label="Conflicts">
        {open.map((record) => (
          <ConflictItem key={record.id} record={record} projectId={projectId} taskId={taskId} onResolved={(entry) => setResolved((list) => [...list, entry])} />
        ))}
      </ul>
      {more > 0 && <p className="muted">{more} more: they appear here as these are resolved.</p>}
      {resolved.length > 0 && (
        <ul className="resolved-list" aria-label="Resolved here">
          {resolved.map((entry) => (
            <li key={entry.id}>
              Resolved “{entry.title}”{' '}
              <button type="button" className="button secondary inline-action" onClick={() => undo.mutate({ projectId, taskId, recordId: entry.id })} disabled={undo.isPending}>
                Undo resolution
              </button>
            </li>
          ))}
        </ul>
      )}
      {undo.isError && (
        <p className="message error" role="alert">
          Could not undo: {undo.error.message}
        </p>
      )}
    </section>
  );
}

function ConflictItem(props: { record: ScreenedRecord; projectId: string; taskId: string; onResolved: (entry: { id: string; title: string }) => void }) {
  const { record, projectId, taskId, onResolved } = props;
  const [decision, setDecision] = useState<'include' | 'exclude'>('include');
  const [note, setNote] = useState('');
  const name = useId();
  const noteId = useId();
  const title = record.title ?? 'Untitled record';
  const utils = trpc.useUtils();
  const resolve = trpc.resolveConflict.useMutation({
    onSuccess: async () => {
      onResolved({ id: record.id, title });
      await utils.invalidate();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    resolve.mutate({ projectId, taskId, recordId: record.id, decision, note });
  };
  return (
    <li className="conflict-item">
      <h3>{title}</h3>
      <div className="conflict-votes">
        {(record.votes ?? []).map((vote) => (
          <div key={vote.reviewer} className="conflict-vote">
            <strong>{vote.name}</strong> <DecisionBadge decision={vote.decision} />
            <p className="muted">{vote.note ? `“${vote.note}”` : 'No note.'}</p>
          </div>
        ))}
      </div>
      <form className="ops-inline-form" onSubmit={submit} aria-label={`Resolve “${title}”`}>
        <label>
          <input type="radio" name={name} checked={decision === 'include'} onChange={() => setDecision('include')} /> Include
        </label>
        <label>
          <input type="radio" name={name} checked={decision === 'exclude'} onChange={() => setDecision('exclude')} /> Exclude
        </label>
        <label htmlFor={noteId}>Why (kept in the audit trail)</label>
        <input id={noteId} value={note} onChange={(event) => setNote(event.target.value)} maxLength={1000} required />
        <button type="submit" className="button" disabled={resolve.isPending}>
          Resolve
        </button>
        {resolve.isError && (
          <span className="message error" role="alert">
            {resolve.error.message}
          </span>
        )}
      </form>
    </li>
  );
}
