// The screened records of one run, a page at a time from the server: tabs by decision (with the
// run's counts), search, sort, and per record its decision (the screener's, and the researcher's
// when they overrode it), the reason with the matching words marked, and the confidence.
// Include / Exclude / Uncertain record the researcher's decision; with the table focused the
// keys i, e, u decide, z undoes the last decision, and j/k or the arrows move between records,
// across pages. After each decision a status line says what was decided and which record is next.
// With two reviewers per record the table adds "My queue" (and, for owners, the records awaiting
// a second reviewer); a blind reviewer's rows hold only their own decisions (the server's doing).
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { keepPreviousData } from '@tanstack/react-query';
import { LoadError } from '../components/LoadError.tsx';
import { Pager } from '../components/Pager.tsx';
import { useSearchPaging } from '../hooks/useSearchPaging.ts';
import { RECORDS_PAGE_SIZE, recordRangeLabel } from '../paging.ts';
import { trpc, type DecisionFilter, type ReviewDecision, type ScreenedRecord, type ScreenedSortKey, type SortDirection } from '../trpc.ts';
import { shortcutFor, SHORTCUT_HELP, stepRecord, stillListed } from './keyboard.ts';
import { RecordRows } from './ReviewRow.tsx';
import { DECISION_LABELS, dualTabs, FILTER_TABS } from './screeningView.ts';

const SORT_OPTIONS: { key: ScreenedSortKey | ''; label: string }[] = [
  { key: '', label: 'File order' },
  { key: 'relevance', label: 'Most likely relevant first' },
  { key: 'title', label: 'Title' },
  { key: 'year', label: 'Year' },
  { key: 'confidence', label: 'Confidence' },
  { key: 'decision', label: 'Decision' },
];

const COLUMNS: { label: string; sort: ScreenedSortKey | null }[] = [
  { label: 'Title', sort: 'title' },
  { label: 'Year', sort: 'year' },
  { label: 'Decision', sort: 'decision' },
  { label: 'Reason', sort: null },
  { label: 'Confidence', sort: 'confidence' },
  { label: 'Your decision', sort: null },
];

interface ReviewTableProps {
  projectId: string;
  taskId: string;
  pollMs: number | false;
  /** Two reviewers per record, and whether the asker is an owner (who sees both). */
  dual: { owner: boolean } | null;
}

export function ReviewTable({ projectId, taskId, pollMs, dual }: ReviewTableProps) {
  const [filter, setFilter] = useState<DecisionFilter | undefined>(undefined);
  const [sort, setSort] = useState<ScreenedSortKey | ''>('');
  const [direction, setDirection] = useState<SortDirection>('asc');
  const [active, setActive] = useState(0);
  // A new search starts at the first record of the first page.
  const { search, setSearch, query, offset, setOffset } = useSearchPaging(() => setActive(0));
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  // The records decided in this sitting, newest last: what "Undo" takes back, one at a time.
  const [undoable, setUndoable] = useState<{ id: string; title: string }[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const searchId = useId();
  const sortId = useId();
  const directionId = useId();
  const tableRef = useRef<HTMLDivElement>(null);
  const activeRowRef = useRef<HTMLTableRowElement>(null);
  const utils = trpc.useUtils();

  // While the run's stopping test is sampling, its random sample is one more tab.
  const stopping = trpc.getStopping.useQuery({ projectId, taskId }, { refetchInterval: 5000 });
  const sampling = stopping.data?.state === 'sampling';
  const tabs = [
    ...FILTER_TABS,
    ...(dual ? dualTabs(dual.owner) : []),
    ...(sampling ? [{ filter: 'sample' as const, label: 'Random sample', count: () => stopping.data?.undecided ?? 0 }] : []),
  ];
  const page = trpc.listScreenedRecords.useQuery(
    {
      projectId,
      taskId,
      offset,
      limit: RECORDS_PAGE_SIZE,
      direction,
      ...(filter ? { decision: filter } : {}),
      ...(query ? { search: query } : {}),
      ...(sort ? { sort } : {}),
    },
    { placeholderData: keepPreviousData, refetchInterval: pollMs },
  );
  const refresh = (recordId: string) =>
    Promise.all([
      utils.listScreenedRecords.invalidate({ projectId, taskId }),
      utils.getPrismaFlow.invalidate({ projectId, taskId }),
      utils.getReviewHistory.invalidate({ projectId, recordId }),
      utils.getStopping.invalidate({ projectId, taskId }),
      utils.getRanking.invalidate({ projectId }),
    ]);
  const review = trpc.reviewRecord.useMutation({ onSuccess: (_result, input) => refresh(input.recordId) });
  const undo = trpc.undoReview.useMutation({
    onSuccess: (result, input) => {
      const title = undoable.find((entry) => entry.id === input.recordId)?.title ?? 'the record';
      setUndoable((stack) => stack.filter((entry) => entry.id !== input.recordId));
      setAnnouncement(`Undid ${DECISION_LABELS[result.undone].toLowerCase()} on “${title}”: it is ${DECISION_LABELS[result.now].toLowerCase()} again.`);
      return refresh(input.recordId);
    },
    onError: (error) => setAnnouncement(`Could not undo: ${error.message}`),
  });

  const records = page.data?.records ?? [];
  const total = page.data?.total ?? 0;
  const counts = page.data?.counts;
  // A decided record can leave the filtered page; the active row then stays within it.
  const activeIndex = Math.min(active, Math.max(records.length - 1, 0));
  const activeRecord = records[activeIndex];

  // A new ranking (it learns again every few decisions, in the background) reorders a ranked table.
  const rankedAt = trpc.getRanking.useQuery({ projectId }, { refetchInterval: 5000 }).data?.rankedAt;
  useEffect(() => {
    if (sort === 'relevance' && rankedAt) void utils.listScreenedRecords.invalidate({ projectId, taskId });
  }, [rankedAt, sort, projectId, taskId, utils]);

  // Keep the active row in view while the researcher works through the table with the keys.
  useEffect(() => {
    if (tableRef.current?.contains(document.activeElement)) activeRowRef.current?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex, offset]);

  const move = (step: 1 | -1) => {
    const next = stepRecord({ offset, index: activeIndex, pageLength: records.length, pageSize: RECORDS_PAGE_SIZE, total }, step);
    setOffset(next.offset);
    setActive(next.index);
    return next;
  };

  const decide = (record: ScreenedRecord, decision: ReviewDecision) => {
    const title = record.title ?? 'Untitled record';
    review.mutate({ projectId, taskId, recordId: record.id, decision });
    setUndoable((stack) => [...stack.filter((entry) => entry.id !== record.id), { id: record.id, title }]);
    return title;
  };

  const undoLast = () => {
    const last = undoable.at(-1);
    if (last) undo.mutate({ projectId, taskId, recordId: last.id });
    else setAnnouncement('Nothing to undo: you have not decided a record here yet.');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    const action = shortcutFor({
      key: event.key,
      ctrlKey: event.ctrlKey,
      metaKey: event.metaKey,
      altKey: event.altKey,
      typing: target.matches('input, textarea, select, [contenteditable="true"]'),
    });
    if (!action) return;
    event.preventDefault();
    if (action.kind === 'move') return void move(action.step);
    if (action.kind === 'undo') return undoLast();
    if (!activeRecord) return;
    const title = decide(activeRecord, action.decision);
    // The next record is one row down, unless this one leaves the filtered list and the next moves up.
    const stays = stillListed(filter, action.decision);
    const next = stays ? move(1) : { offset, index: activeIndex };
    const samePage = next.offset === offset;
    const upcoming = !samePage ? undefined : stays ? (next.index !== activeIndex ? records[next.index] : undefined) : records[activeIndex + 1];
    const where = upcoming ? `Next: “${upcoming.title ?? 'Untitled record'}”.` : samePage ? 'That was the last record here.' : 'Next: the first record of the next page.';
    setAnnouncement(`${DECISION_LABELS[action.decision]}: “${title}”. ${where} Press z to undo.`);
  };

  const chooseFilter = (next: DecisionFilter | undefined) => {
    setFilter(next);
    setOffset(0);
    setActive(0);
  };

  const toggle = (recordId: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(recordId)) next.add(recordId);
      return next;
    });

  return (
    <div className="review-table">
      <div className="decision-tabs" role="group" aria-label="Show records by decision">
        {tabs.map((tab) => (
          <button key={tab.label} type="button" className="decision-tab" aria-pressed={filter === tab.filter} onClick={() => chooseFilter(tab.filter)}>
            {tab.label} <span className="tab-count">{counts ? tab.count(counts) : '…'}</span>
          </button>
        ))}
      </div>
      <div className="records-filters">
        <span>
          <label htmlFor={searchId}>Search screened records</label>{' '}
          <input id={searchId} type="search" value={search} onChange={(event) => setSearch(event.target.value)} placeholder="Words in the title, abstract or authors" />
        </span>
        <span>
          <label htmlFor={sortId}>Sort by</label>{' '}
          <select
            id={sortId}
            value={sort}
            onChange={(event) => {
              setSort(event.target.value as ScreenedSortKey | '');
              setOffset(0);
            }}
          >
            {SORT_OPTIONS.map((option) => (
              <option key={option.key} value={option.key}>
                {option.label}
              </option>
            ))}
          </select>
        </span>
        {sort && sort !== 'relevance' && (
          <span>
            <label htmlFor={directionId}>Order</label>{' '}
            <select
              id={directionId}
              value={direction}
              onChange={(event) => {
                setDirection(event.target.value as SortDirection);
                setOffset(0);
              }}
            >
              <option value="asc">Ascending</option>
              <option value="desc">Descending</option>
            </select>
          </span>
        )}
      </div>
      <p className="muted shortcut-help" id={`${searchId}-keys`}>
        {SHORTCUT_HELP} (click the table first)
      </p>
      <div
        ref={tableRef}
        className="table-scroll screened-table"
        role="region"
        aria-label="Screened records"
        aria-describedby={`${searchId}-keys`}
        aria-keyshortcuts="i e u j k ArrowDown ArrowUp"
        aria-busy={page.isPlaceholderData}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <table>
          <thead>
            <tr>
              {COLUMNS.map((column) => (
                <th scope="col" key={column.label} aria-sort={column.sort !== null && column.sort === sort ? (direction === 'asc' ? 'ascending' : 'descending') : undefined}>
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {records.map((record, index) => {
              const open = expanded.has(record.id);
              const isActive = index === activeIndex;
              const titleId = `screened-${record.id}-title`;
              return (
                <RecordRows
                  key={record.id}
                  record={record}
                  projectId={projectId}
                  titleId={titleId}
                  open={open}
                  active={isActive}
                  rowRef={isActive ? activeRowRef : undefined}
                  onActivate={() => setActive(index)}
                  onToggle={() => toggle(record.id)}
                  onDecide={(decision) => decide(record, decision)}
                  columns={COLUMNS.length}
                  runVersion={page.data?.criteria.version}
                />
              );
            })}
          </tbody>
        </table>
        {page.data && records.length === 0 && <p className="muted empty-table">No records in this view.</p>}
      </div>
      <div className="review-status">
        <p role="status" aria-live="polite">
          {announcement || (activeRecord ? `Selected: “${activeRecord.title ?? 'Untitled record'}” (${DECISION_LABELS[activeRecord.effective].toLowerCase()}).` : '')}
        </p>
        <button type="button" className="button secondary" onClick={undoLast} disabled={undoable.length === 0 || undo.isPending}>
          Undo last decision{undoable.length > 0 ? ` (${undoable.length})` : ''}
        </button>
      </div>
      <LoadError query={page} what="the screened records" />
      {review.isError && (
        <p className="message error" role="alert">
          Could not save your decision: {review.error.message}
        </p>
      )}
      <Pager
        label="Pages of screened records"
        offset={offset}
        pageSize={RECORDS_PAGE_SIZE}
        total={total}
        rangeLabel={recordRangeLabel(offset, RECORDS_PAGE_SIZE, page.data?.total)}
        onOffset={(next) => {
          setOffset(next);
          setActive(0);
        }}
      />
    </div>
  );
}
