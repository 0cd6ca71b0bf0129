// One screened record in the review table: its row (title with the matched words marked, year,
// the decision in force beside the screener's, the reason, the confidence and the researcher's
// buttons) and, opened, its details: source, abstract, criterion and the history of decisions.
import type { Ref } from 'react';
import { LoadError } from '../components/LoadError.tsx';
import { formatPercent } from '../format.ts';
import { trpc, type Decision, type Highlight, type ReviewDecision, type ScreenedRecord } from '../trpc.ts';
import { highlightSegments } from './highlight.ts';
import { DECISION_LABELS } from './screeningView.ts';

const REVIEW_DECISIONS: ReviewDecision[] = ['include', 'exclude', 'uncertain'];

interface RecordRowsProps {
  record: ScreenedRecord;
  projectId: string;
  titleId: string;
  open: boolean;
  active: boolean;
  rowRef: Ref<HTMLTableRowElement> | undefined;
  onActivate: () => void;
  onToggle: () => void;
  onDecide: (decision: ReviewDecision) => void;
  /** The table's column count, for the details row that spans them. */
  columns: number;
  /** The criteria version of the run shown; a decision made under another one says so. */
  runVersion: number | undefined;
}

export function RecordRows({ record, projectId, titleId, open, active, rowRef, onActivate, onToggle, onDecide, columns, runVersion }: RecordRowsProps) {
  const detailsId = `${titleId}-details`;
  return (
    <>
      <tr ref={rowRef} className={active ? 'screened-row active' : 'screened-row'} aria-current={active || undefined} onClick={onActivate}>
        <td className="screened-title">
          <button type="button" className="expand-button" aria-expanded={open} aria-controls={open ? detailsId : undefined} onClick={onToggle}>
            <span aria-hidden="true">{open ? '▾' : '▸'}</span>
            <span className="visually-hidden">{open ? 'Hide' : 'Show'} abstract and history</span>
          </button>{' '}
          <span id={titleId} className="screened-title-text">{record.title ? <Highlighted text={record.title} highlights={record.highlights} field="title" /> : <em>No title</em>}</span>
        </td>
        <td>{record.year ?? '—'}</td>
        <td className="decision-cell">
          <DecisionCell record={record} runVersion={runVersion} />
        </td>
        <td className="reason">
          {record.reason}
          {record.opinion && (
            <span className="second-opinion-reason">
              {' '}
              Second opinion ({record.opinion.screener}): {record.opinion.reason}
            </span>
          )}
          {record.why.length > 0 && <span className="relevance-why"> Relevance rank {record.relevanceRank === null ? '—' : record.relevanceRank + 1}: raised by {record.why.join(', ')}.</span>}
        </td>
        <td>{record.confidence === null ? '—' : formatPercent(record.confidence * 100)}</td>
        <td>
          <div className="review-buttons" role="group" aria-label="Your decision">
            {REVIEW_DECISIONS.map((decision) => (
              <button
                key={decision}
                type="button"
                className={`button secondary review-${decision}`}
                aria-pressed={record.mine === decision}
                aria-describedby={titleId}
                onClick={() => onDecide(decision)}
              >
                {DECISION_LABELS[decision]}
              </button>
            ))}
          </div>
        </td>
      </tr>
      {open && (
        <tr className="details-row">
          <td colSpan={columns} id={detailsId}>
            <RecordDetails record={record} projectId={projectId} />
          </td>
        </tr>
      )}
    </>
  );
}

export function DecisionBadge({ decision }: { decision: Decision }) {
  return <span className={`decision decision-${decision}`}>{DECISION_LABELS[decision]}</span>;
}

/** The screener's decision beside the one in force; nothing when the owner hides it from this member. */
function MachineLine({ record }: { record: ScreenedRecord }) {
  return (
    record.machine && (
      <span className="decision-machine">
        screener: <DecisionBadge decision={record.machine} />
      </span>
    )
  );
}

/** Dual screening, owners' view: each reviewer's newest decision, by name. */
function Votes({ record }: { record: ScreenedRecord }) {
  if (!record.votes?.length) return null;
  return (
    <span className="decision-votes">
      {record.votes.map((vote) => (
        <span key={vote.reviewer} className="decision-machine">
          {vote.name}: <DecisionBadge decision={vote.decision} />
        </span>
      ))}
    </span>
  );
}

const STATE_SOURCES = { agreed: 'both reviewers agree', resolved: 'resolved by an owner', awaiting: 'awaiting a second reviewer', conflict: 'the reviewers disagree' } as const;

/**
 * The decision in force; when the researcher overrode the screener, or the LLM gave a second
 * opinion, every opinion stays visible, and a conflict says with whom. With two reviewers per
 * record, owners see where the record stands and each reviewer's decision; a blind reviewer sees
 * only their own.
 */
function DecisionCell({ record, runVersion }: { record: ScreenedRecord; runVersion: number | undefined }) {
  const opinion = record.opinion && (
    <span className="decision-machine">
      second opinion: <DecisionBadge decision={record.opinion.decision} />
      {record.disputed && <strong className="disputed"> disagrees with your decision</strong>}
    </span>
  );
  const state = record.reviewState;
  // A conflict of the LLM screener's own models is the screener's decision, shown as such below.
  if (record.human === null && record.effective === 'conflict' && (state === 'conflict' || record.machine !== 'conflict')) {
    return (
      <>
        <DecisionBadge decision="conflict" />{' '}
        <span className="decision-source">{state === 'conflict' ? STATE_SOURCES.conflict : 'the screener and the second opinion disagree'}</span>
        <Votes record={record} />
        <MachineLine record={record} />
        {opinion}
      </>
    );
  }
  if (record.human === null) {
    return (
      <>
        {record.machine ? <DecisionBadge decision={record.machine} /> : <span className="decision decision-undecided">Not decided yet</span>}{' '}
        <span className="decision-source">{state === 'awaiting' ? STATE_SOURCES.awaiting : record.machine ? 'screener' : ''}</span>
        <Votes record={record} />
        {opinion}
      </>
    );
  }
  const under = record.reviewedUnder !== null && record.reviewedUnder !== runVersion ? `, decided under criteria v${record.reviewedUnder}` : '';
  return (
    <>
      <DecisionBadge decision={record.human} />{' '}
      <span className="decision-source">
        {state ? STATE_SOURCES[state] : 'your decision'}
        {under}
      </span>
      <Votes record={record} />
      <MachineLine record={record} />
      {opinion}
    </>
  );
}

function Highlighted({ text, highlights, field }: { text: string; highlights: readonly Highlight[]; field: Highlight['field'] }) {
  return (
    <>
      {highlightSegments(text, highlights, field).map((segment, index) => (segment.marked ? <mark key={index}>{segment.text}</mark> : <span key={index}>{segment.text}</span>))}
    </>
  );
}

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });

function RecordDetails({ record, projectId }: { record: ScreenedRecord; projectId: string }) {
  const history = trpc.getReviewHistory.useQuery({ projectId, recordId: record.id });
  const source = [record.authors.slice(0, 3).join('; ') + (record.authors.length > 3 ? ' et al.' : ''), record.journal, record.year, record.doi && `doi:${record.doi}`]
    .filter(Boolean)
    .join(' · ');
  return (
    <div className="record-details">
      {source && <p className="muted">{source}</p>}
      <h4>Abstract</h4>
      {record.abstract ? (
        <p className="abstract">
          <Highlighted text={record.abstract} highlights={record.highlights} field="abstract" />
        </p>
      ) : (
        <p className="muted">No abstract. A record without one is never excluded on its title alone unless it fails a hard limit.</p>
      )}
      {record.criterion && <p className="muted">Criterion: {record.criterion}</p>}
      <h4>Your decisions on this record</h4>
      <LoadError query={history} what="the history" />
      {history.data?.length === 0 && <p className="muted">None yet: the screener’s decision stands.</p>}
      {history.data && history.data.length > 0 && (
        <ol className="review-history" aria-label="Review history">
          {history.data.map((entry) => (
            <li key={entry.id}>
              <time dateTime={entry.createdAt}>{dateTime.format(new Date(entry.createdAt))}</time>: {entry.before ? DECISION_LABELS[entry.before] : 'undecided'} →{' '}
              {DECISION_LABELS[entry.decision]} by {entry.reviewerName} (criteria v{entry.criteriaVersion}){entry.note && ` · “${entry.note}”`}
              {entry.onAnotherCopy && ' · made on a duplicate copy of this record'}
              {entry.undoneAt && <strong className="undone"> · undone {dateTime.format(new Date(entry.undoneAt))}</strong>}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
