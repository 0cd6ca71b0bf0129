// The project's duplicate groups, a page at a time: each group (collapsed) names its first
// record, how many records it joins and why; opened, it lists the members with their source
// files and the reason for every link, and lets the researcher take members back out; the last
// split can be undone (its keep-apart pairs go and de-duplication runs again).
import { useId, useState } from 'react';
import { keepPreviousData } from '@tanstack/react-query';
import { LoadError } from '../components/LoadError.tsx';
import { Pager } from '../components/Pager.tsx';
import { formatCount, plural } from '../format.ts';
import { trpc, type DuplicateGroupListing, type DuplicateReason } from '../trpc.ts';

export const GROUPS_PAGE_SIZE = 20;

const REASONS: Record<DuplicateReason, string> = {
  doi: 'same DOI',
  pmid: 'same PMID',
  title_year_author: 'same title, year and first author',
  researcher: 'merged by you',
};

export function reasonLabel(reason: DuplicateReason): string {
  return REASONS[reason];
}

export function groupRangeLabel(offset: number, shown: number, total: number): string {
  if (total === 0) return 'No duplicate groups';
  return `Groups ${formatCount(offset + 1)}–${formatCount(offset + shown)} of ${formatCount(total)}`;
}

export function DuplicateGroups({ projectId }: { projectId: string }) {
  const [offset, setOffset] = useState(0);
  const page = trpc.listDuplicateGroups.useQuery({ projectId, offset, limit: GROUPS_PAGE_SIZE }, { placeholderData: keepPreviousData });
  const total = page.data?.total ?? 0;
  const groups = page.data?.groups ?? [];
  // After a split the last page may be empty: step back to one that has groups.
  const lastOffset = Math.max(0, Math.floor((total - 1) / GROUPS_PAGE_SIZE) * GROUPS_PAGE_SIZE);
  if (page.data && !page.isPlaceholderData && offset > lastOffset) setOffset(lastOffset);
  const [lastSplit, setLastSplit] = useState<{ splitId: string; title: string } | null>(null);

  return (
    // Busy while the groups are read again (after a de-duplication replaced them): a split chosen
    // on the old list would name a group that is gone.
    <section className="panel" aria-labelledby="groups-heading" aria-busy={page.isFetching || undefined}>
      <h2 id="groups-heading">Duplicate groups</h2>
      <LoadError query={page} what="the duplicate groups" />
      {page.data && (
        <p role="status" className="group-total">
          {plural(total, 'duplicate group', 'duplicate groups')}
        </p>
      )}
      {lastSplit && <UndoSplit projectId={projectId} split={lastSplit} onDone={() => setLastSplit(null)} />}
      {groups.length > 0 && (
        <ol className="group-list" start={offset + 1} aria-busy={page.isPlaceholderData}>
          {groups.map((group) => (
            <li key={group.id}>
              <DuplicateGroup group={group} projectId={projectId} onSplit={(splitId, title) => setLastSplit({ splitId, title })} />
            </li>
          ))}
        </ol>
      )}
      {total > GROUPS_PAGE_SIZE && (
        <Pager
          label="Pages of duplicate groups"
          offset={offset}
          pageSize={GROUPS_PAGE_SIZE}
          total={total}
          rangeLabel={groupRangeLabel(offset, groups.length, total)}
          onOffset={setOffset}
        />
      )}
    </section>
  );
}

function firstAuthor(authors: string[]): string {
  return authors[0] ?? '—';
}

/** "Took records out of …: Undo": the split's pairs go, and the de-duplication it starts regroups the records. */
function UndoSplit({ projectId, split, onDone }: { projectId: string; split: { splitId: string; title: string }; onDone: () => void }) {
  const utils = trpc.useUtils();
  const undo = trpc.undoSplit.useMutation({
    onSuccess: () => {
      onDone();
      return Promise.all([utils.listTasks.invalidate(), utils.getProject.invalidate({ projectId })]);
    },
  });
  return (
    <div className="undo-split" aria-live="polite">
      <span>Took records out of “{split.title}”.</span>{' '}
      <button type="button" className="button secondary" onClick={() => undo.mutate({ splitId: split.splitId })} disabled={undo.isPending}>
        {undo.isPending ? 'Undoing…' : 'Undo the split'}
      </button>
      {undo.isError && <span className="message error" role="alert"> Could not undo: {undo.error.message}</span>}
    </div>
  );
}

function DuplicateGroup({ group, projectId, onSplit }: { group: DuplicateGroupListing; projectId: string; onSplit: (splitId: string, title: string) => void }) {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const utils = trpc.useUtils();
  const captionId = useId();
  const split = trpc.splitDuplicateGroup.useMutation({
    onSuccess: (result) => {
      onSplit(result.splitId, group.members[0]?.title ?? 'Untitled record');
      return Promise.all([
        utils.listDuplicateGroups.invalidate({ projectId }),
        utils.getProject.invalidate({ projectId }),
        utils.listRecords.invalidate({ projectId }),
      ]);
    },
  });
  const title = group.members[0]?.title ?? 'Untitled record';
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
  };

  return (
    <details className="duplicate-group">
      <summary>
        <span className="group-title">{title}</span>{' '}
        <span className="muted">
          · {plural(group.members.length, 'record', 'records')} · {reasonLabel(group.reason)}
        </span>
      </summary>
      <ul className="group-reasons" aria-label="Why these records were merged">
        {group.links.map((link, index) => (
          <li key={index}>{link.detail}</li>
        ))}
      </ul>
      <div className="table-scroll">
        <table aria-labelledby={captionId}>
          <caption id={captionId} className="visually-hidden">
            Records in the group “{title}”
          </caption>
          <thead>
            <tr>
              <th scope="col">Take out</th>
              <th scope="col">Title</th>
              <th scope="col">First author</th>
              <th scope="col">Year</th>
              <th scope="col">Source file</th>
            </tr>
          </thead>
          <tbody>
            {group.members.map((member) => (
              <tr key={member.id}>
                <td>
                  <input
                    type="checkbox"
                    checked={chosen.has(member.id)}
                    onChange={(event) => toggle(member.id, event.target.checked)}
                    aria-label={`Take out the record from ${member.fileName}: ${member.title ?? 'untitled'}`}
                  />
                </td>
                <td>{member.title ?? '—'}</td>
                <td>{firstAuthor(member.authors)}</td>
                <td>{member.year ?? '—'}</td>
                <td>{member.fileName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="upload-actions">
        <button
          type="button"
          className="button secondary"
          disabled={chosen.size === 0 || split.isPending}
          onClick={() => split.mutate({ groupId: group.id, recordIds: [...chosen] })}
        >
          {split.isPending ? 'Taking out…' : 'Take out of this group'}
        </button>
      </div>
      {split.isError && (
        <p className="message error" role="alert">
          Could not split the group: {split.error.message}
        </p>
      )}
    </details>
  );
}
