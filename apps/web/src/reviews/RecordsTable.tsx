// The project's records, read from the server a page at a time so a 20,000-record project stays
// quick: a search box (sent once typing pauses), a filter by source file, and sorting by title,
// first author, year or journal (a header click cycles ascending, descending, file order). The
// columns fit a 1280-px screen: title, first author, year, journal, the import it came from and
// whether it has duplicates; a record's title opens it beside the table with its full abstract.
import { useId, useState } from 'react';
import { keepPreviousData } from '@tanstack/react-query';
import { nextRecordSort, recordAriaSort, recordRangeLabel, RECORDS_PAGE_SIZE, type RecordSort } from '../paging.ts';
import { useSearchPaging } from '../hooks/useSearchPaging.ts';
import { trpc, type RecordSortKey, type RelatedListing } from '../trpc.ts';
import { LoadError } from '../components/LoadError.tsx';
import { Pager } from '../components/Pager.tsx';
import { SortButton } from '../components/SortButton.tsx';
import { useImports } from './ImportList.tsx';
import { RecordPanel } from './RecordPanel.tsx';

const COLUMNS: { key: RecordSortKey | null; label: string }[] = [
  { key: 'title', label: 'Title' },
  { key: 'firstAuthor', label: 'First author' },
  { key: 'year', label: 'Year' },
  { key: 'journal', label: 'Journal' },
  { key: null, label: 'Import' },
  { key: null, label: 'Duplicates' },
];

export function RecordsTable({ projectId }: { projectId: string }) {
  const { search, setSearch, query, offset, setOffset } = useSearchPaging();
  const [importId, setImportId] = useState('');
  const [sort, setSort] = useState<RecordSort | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const imports = useImports(projectId);
  const searchId = useId();
  const sourceId = useId();
  const page = trpc.listRecords.useQuery(
    {
      projectId,
      offset,
      limit: RECORDS_PAGE_SIZE,
      direction: sort?.direction ?? 'asc',
      ...(query ? { search: query } : {}),
      ...(importId ? { importId } : {}),
      ...(sort ? { sort: sort.key } : {}),
    },
    { placeholderData: keepPreviousData },
  );

  const sources = (imports.data ?? []).filter((entry) => entry.importId !== null);
  const records = page.data?.records ?? [];
  const total = page.data?.total;
  const opened = records.find((record) => record.id === openId);

  return (
    <section className="panel" aria-labelledby="records-heading">
      <h2 id="records-heading">Records</h2>
      <div className="records-filters">
        <span>
          <label htmlFor={searchId}>Search records</label>{' '}
          <input id={searchId} type="search" value={search} onChange={(event) => setSearch(event.target.value)} placeholder="Words in the title, abstract or authors" />
        </span>
        <span>
          <label htmlFor={sourceId}>Source file</label>{' '}
          <select
            id={sourceId}
            value={importId}
            onChange={(event) => {
              setImportId(event.target.value);
              setOffset(0);
            }}
          >
            <option value="">All files</option>
            {sources.map((entry) => (
              <option key={entry.importId} value={entry.importId ?? ''}>
                {entry.fileName}
              </option>
            ))}
          </select>
        </span>
      </div>
      <div className={opened ? 'records-layout with-panel' : 'records-layout'}>
        <div className="table-scroll" role="region" aria-label="Records of this project" aria-busy={page.isPlaceholderData} tabIndex={0}>
          <table className="records-table">
            <thead>
              <tr>
                {COLUMNS.map((column) => {
                  const order = recordAriaSort(sort, column.key);
                  const key = column.key;
                  return (
                    <th scope="col" key={column.label} aria-sort={order} className={`col-${column.label.toLowerCase().replace(' ', '-')}`}>
                      {key === null ? (
                        column.label
                      ) : (
                        <SortButton
                          label={column.label}
                          order={order}
                          title={`Sort by ${column.label.toLowerCase()}`}
                          onClick={() => {
                            setSort(nextRecordSort(sort, key));
                            setOffset(0);
                          }}
                        />
                      )}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {records.map((record) => (
                <tr key={record.id} aria-selected={record.id === openId ? true : undefined}>
                  <td className="record-title">
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => setOpenId(record.id)}
                      aria-expanded={record.id === openId}
                      aria-label={record.title === null ? 'Untitled record' : undefined}
                    >
                      {record.title ?? '—'}
                    </button>
                    <RelatedLinks links={record.related} />
                  </td>
                  <td>{record.authors[0] ?? '—'}</td>
                  <td>{record.year ?? '—'}</td>
                  <td className="record-journal">{record.journal ?? '—'}</td>
                  <td className="record-import">{record.fileName}</td>
                  <td>{record.duplicateGroupId ? <span className="badge">grouped</span> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {opened && <RecordPanel projectId={projectId} record={opened} onClose={() => setOpenId(null)} />}
      </div>
      <LoadError query={page} what="the records" />
      <Pager
        label="Pages of records"
        offset={offset}
        pageSize={RECORDS_PAGE_SIZE}
        total={total ?? 0}
        rangeLabel={recordRangeLabel(offset, RECORDS_PAGE_SIZE, total)}
        onOffset={setOffset}
      />
    </section>
  );
}

/** "Erratum of: <title> (2019)" under a record's title: a related report, kept apart on purpose. */
function RelatedLinks({ links }: { links: RelatedListing[] }) {
  if (links.length === 0) return null;
  return (
    <ul className="related-links" aria-label="Related records">
      {links.map((link) => (
        <li key={`${link.label}-${link.recordId}`}>
          {link.label}: <cite>{link.title ?? 'untitled record'}</cite>
          {link.year !== null && ` (${link.year})`}
        </li>
      ))}
    </ul>
  );
}
