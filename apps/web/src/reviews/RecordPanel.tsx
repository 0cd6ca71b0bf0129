// One record opened beside the records table: everything its export said (the full abstract,
// all authors, identifiers, keywords), where it came from, its duplicate group and related
// reports, and its history of screening decisions (who, when, under which criteria).
import { useEffect, useRef } from 'react';
import { LoadError } from '../components/LoadError.tsx';
import { plural } from '../format.ts';
import { trpc, type RecordListing } from '../trpc.ts';
import { DECISION_LABELS } from '../screening/screeningView.ts';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function RecordPanel({ projectId, record, onClose }: { projectId: string; record: RecordListing; onClose: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Opening a record moves the focus to it, so a keyboard or screen reader user lands on what they opened.
  useEffect(() => heading.current?.focus(), [record.id]);
  const identifiers = [record.doi && `DOI ${record.doi}`, record.pmid && `PMID ${record.pmid}`].filter(Boolean).join(' · ');
  const source = [record.journal, record.year, record.volume && `${record.volume}${record.issue ? `(${record.issue})` : ''}`, record.pages].filter(Boolean).join(', ');
  return (
    <aside
      className="record-panel"
      aria-labelledby="record-panel-heading"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <div className="record-panel-header">
        <h3 id="record-panel-heading" tabIndex={-1} ref={heading}>
          {record.title ?? 'Untitled record'}
        </h3>
        <button type="button" className="button secondary inline-action" onClick={onClose} aria-label="Close the record">
          Close
        </button>
      </div>
      {record.authors.length > 0 && <p className="record-authors">{record.authors.join('; ')}</p>}
      {source && <p className="muted">{source}</p>}
      {identifiers && <p className="muted">{identifiers}</p>}
      <h4>Abstract</h4>
      <p className="record-abstract">{record.abstract ?? <span className="muted">This record has no abstract in its export.</span>}</p>
      {record.keywords.length > 0 && (
        <p>
          <strong>Keywords:</strong> {record.keywords.join('; ')}
        </p>
      )}
      <h4>History</h4>
      <ul className="record-history" aria-label="History of this record">
        <li>
          Imported from {record.fileName}, record {record.position + 1} of that file{record.publicationType ? ` (${record.publicationType})` : ''}.
        </li>
        <li>{record.duplicateGroupId ? 'Grouped with its duplicates from other files: it counts once after duplicates are removed.' : 'No duplicate found among the other records.'}</li>
        {record.related.map((link) => (
          <li key={`${link.label}-${link.recordId}`}>
            {link.label}: <cite>{link.title ?? 'untitled record'}</cite>
            {link.year !== null && ` (${link.year})`}
          </li>
        ))}
        <ReviewHistory projectId={projectId} recordId={record.id} />
      </ul>
    </aside>
  );
}

function ReviewHistory({ projectId, recordId }: { projectId: string; recordId: string }) {
  const history = trpc.getReviewHistory.useQuery({ projectId, recordId });
  if (history.isError)
    return (
      <li>
        <LoadError query={history} what="the decisions on this record" />
      </li>
    );
  if (!history.data) return <li className="muted">Loading the decisions…</li>;
  if (history.data.length === 0) return <li>No screening decision by a person yet.</li>;
  return (
    <li>
      {plural(history.data.length, 'decision', 'decisions')} by people, newest first:
      <ol>
        {history.data.map((entry) => (
          <li key={entry.id} className={entry.undoneAt ? 'undone' : undefined}>
            <time dateTime={entry.createdAt}>{dateTime.format(new Date(entry.createdAt))}</time>: {entry.before ? DECISION_LABELS[entry.before] : 'undecided'} →{' '}
            {DECISION_LABELS[entry.decision]} by {entry.reviewerName} (criteria v{entry.criteriaVersion}){entry.note && ` · “${entry.note}”`}
            {entry.onAnotherCopy && ' · on a duplicate copy'}
            {entry.undoneAt && ' · undone'}
          </li>
        ))}
      </ol>
    </li>
  );
}
