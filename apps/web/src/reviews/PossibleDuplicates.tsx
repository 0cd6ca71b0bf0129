// The Duplicates step's grey zone: pairs whose titles match as a merge needs but that a rule kept
// apart (another journal, a conflicting first page, different first authors). Each pair is shown
// side by side with what matched and what differed; "Merge" makes them one group from the next
// de-duplication on, "Keep apart" dismisses the pair, and either can be undone.
import { useId, useState } from 'react';
import { keepPreviousData } from '@tanstack/react-query';
import { LoadError } from '../components/LoadError.tsx';
import { Pager } from '../components/Pager.tsx';
import { formatCount, plural } from '../format.ts';
import { trpc, type PairRecord, type PossiblePair } from '../trpc.ts';

export const PAIRS_PAGE_SIZE = 10;

const FIELDS: { label: string; value: (record: PairRecord) => string | number | null }[] = [
  { label: 'Title', value: (record) => record.title },
  { label: 'Authors', value: (record) => (record.authors.length > 3 ? `${record.authors.slice(0, 3).join('; ')} …` : record.authors.join('; ')) || null },
  { label: 'Year', value: (record) => record.year },
  { label: 'Journal', value: (record) => record.journal },
  { label: 'Volume', value: (record) => record.volume },
  { label: 'Pages', value: (record) => record.pages },
  { label: 'DOI', value: (record) => record.doi },
  { label: 'PMID', value: (record) => record.pmid },
  { label: 'Publication type', value: (record) => record.publicationType },
  { label: 'Source file', value: (record) => record.fileName },
];

/** What the researcher decided, in words; null while undecided. */
export function pairStatusLabel(pair: Pick<PossiblePair, 'status' | 'inOneGroup'>): string | null {
  if (pair.status === 'kept_apart') return 'You kept these apart.';
  if (pair.status === 'merged') return pair.inOneGroup ? 'You merged these: they are one duplicate group.' : 'You merged these, but they are not one group yet: de-duplication is still running, or a split you made keeps their groups apart.';
  return null;
}

export function PossibleDuplicates({ projectId }: { projectId: string }) {
  const [offset, setOffset] = useState(0);
  const page = trpc.listPossibleDuplicates.useQuery({ projectId, offset, limit: PAIRS_PAGE_SIZE }, { placeholderData: keepPreviousData });
  const total = page.data?.total ?? 0;
  const pairs = page.data?.pairs ?? [];
  const lastOffset = Math.max(0, Math.floor((total - 1) / PAIRS_PAGE_SIZE) * PAIRS_PAGE_SIZE);
  if (page.data && !page.isPlaceholderData && offset > lastOffset) setOffset(lastOffset);

  return (
    <section className="panel" aria-labelledby="possible-heading">
      <h2 id="possible-heading">Possible duplicates</h2>
      <p className="muted">
        Titles as alike as Sift’s merges need, kept apart by one of its rules (another journal or first page, different first authors, a year
        apart). Sift does not merge these on its own: you judge them.
      </p>
      <LoadError query={page} what="the possible duplicates" />
      {page.data && (
        <p role="status">
          {plural(page.data.open, 'pair to judge', 'pairs to judge')}
          {total > page.data.open && `, ${formatCount(total - page.data.open)} judged`}
        </p>
      )}
      {pairs.length > 0 && (
        <ol className="pair-list" start={offset + 1} aria-busy={page.isPlaceholderData}>
          {pairs.map((pair) => (
            <li key={`${pair.records[0].id}-${pair.records[1].id}`}>
              <PairView pair={pair} projectId={projectId} />
            </li>
          ))}
        </ol>
      )}
      {total > PAIRS_PAGE_SIZE && (
        <Pager
          label="Pages of possible duplicates"
          offset={offset}
          pageSize={PAIRS_PAGE_SIZE}
          total={total}
          rangeLabel={`Pairs ${formatCount(offset + 1)}–${formatCount(offset + pairs.length)} of ${formatCount(total)}`}
          onOffset={setOffset}
        />
      )}
    </section>
  );
}

function PairView({ pair, projectId }: { pair: PossiblePair; projectId: string }) {
  const captionId = useId();
  const utils = trpc.useUtils();
  const recordIds: [string, string] = [pair.records[0].id, pair.records[1].id];
  // A merge (or its undo) starts de-duplication: the Duplicates panel follows that task from the project.
  const refresh = () =>
    Promise.all([utils.listPossibleDuplicates.invalidate({ projectId }), utils.getProject.invalidate({ projectId }), utils.listTasks.invalidate()]);
  const decide = trpc.decidePossibleDuplicate.useMutation({ onSuccess: refresh });
  const undo = trpc.undoPairDecision.useMutation({ onSuccess: refresh });
  const busy = decide.isPending || undo.isPending;
  const status = pairStatusLabel(pair);
  const error = decide.error ?? undo.error;

  return (
    <article className="possible-pair" aria-labelledby={captionId}>
      <p className="pair-why">
        <strong>Kept apart because {pair.keptApartBy}.</strong> Matched: {pair.matched.join(', ')}.
        {pair.differed.length > 0 && <> Differed: {pair.differed.join(', ')}.</>}
      </p>
      <div className="table-scroll">
        <table className="pair-table">
          <caption id={captionId} className="visually-hidden">
            Possible duplicate: {pair.records[0].title ?? 'untitled record'}
          </caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">First record</th>
              <th scope="col">Second record</th>
            </tr>
          </thead>
          <tbody>
            {FIELDS.map((field) => {
              const [a, b] = pair.records.map(field.value);
              return (
                <tr key={field.label} className={a !== null && b !== null && a !== b ? 'pair-differs' : undefined}>
                  <th scope="row">{field.label}</th>
                  <td>{a ?? '—'}</td>
                  <td>{b ?? '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="upload-actions">
        {status ? (
          <>
            <span>{status}</span>{' '}
            <button type="button" className="button secondary" disabled={busy} onClick={() => undo.mutate({ recordIds })}>
              {undo.isPending ? 'Undoing…' : 'Undo'}
            </button>
          </>
        ) : (
          <>
            <button type="button" className="button" disabled={busy} onClick={() => decide.mutate({ recordIds, verdict: 'merge' })}>
              Merge
            </button>{' '}
            <button type="button" className="button secondary" disabled={busy} onClick={() => decide.mutate({ recordIds, verdict: 'keep_apart' })}>
              Keep apart
            </button>
          </>
        )}
      </div>
      {error && (
        <p className="message error" role="alert">
          Could not save your decision: {error.message}
        </p>
      )}
    </article>
  );
}
