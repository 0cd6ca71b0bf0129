// The Postgres cache as the operator sees it: entries, expired ones the cleanup job has not
// removed yet, this server's hit rate since it started, sizes, and the key prefixes, each of
// which can be cleared (recorded in the audit log).
import { useId, useState, type FormEvent } from 'react';
import { formatAge, formatBytes, formatCount, formatPercent } from '../format.ts';
import { trpc } from '../trpc.ts';
import { OpsPanel, OpsTable } from './OpsPanel.tsx';

export function CachePanel() {
  const cache = trpc.ops.cache.useQuery(undefined, { refetchInterval: 10_000 });
  const utils = trpc.useUtils();
  const clear = trpc.ops.clearCache.useMutation({ onSuccess: () => utils.ops.invalidate() });
  const [prefix, setPrefix] = useState('');
  const prefixId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (prefix) clear.mutate({ prefix });
  };

  return (
    <OpsPanel id="cache-heading" title="Cache" query={cache} what="the cache">
      {(view) => {
        const reads = view.reads.hits + view.reads.misses;
        return (
          <>
            <dl className="ops-stats">
              <div>
                <dt>Entries</dt>
                <dd>{formatCount(view.entries)}</dd>
              </div>
              <div>
                <dt>Expired, not yet cleaned</dt>
                <dd>{formatCount(view.expired)}</dd>
              </div>
              <div>
                <dt>Hit rate (this server)</dt>
                <dd>
                  {reads ? formatPercent((100 * view.reads.hits) / reads) : '—'}{' '}
                  <span className="muted">
                    {formatCount(view.reads.hits)} hits, {formatCount(view.reads.misses)} misses since {formatAge(view.reads.since)}
                  </span>
                </dd>
              </div>
              <div>
                <dt>Size</dt>
                <dd>
                  {formatBytes(view.dataBytes)} of data <span className="muted">({formatBytes(view.tableBytes)} on disk)</span>
                </dd>
              </div>
            </dl>
            {view.prefixes.length > 0 && (
              <OpsTable label="Cache key prefixes" columns={['Key prefix', 'Entries', 'Expired', 'Size', <span className="visually-hidden">Actions</span>]}>
                {view.prefixes.map((row) => (
                  <tr key={row.prefix}>
                    <th scope="row">
                      <code>{row.prefix}</code>
                    </th>
                    <td>{formatCount(row.entries)}</td>
                    <td>{formatCount(row.expired)}</td>
                    <td>{formatBytes(row.dataBytes)}</td>
                    <td>
                      <button type="button" className="button secondary inline-action" disabled={clear.isPending} onClick={() => clear.mutate({ prefix: row.prefix })}>
                        Clear
                      </button>
                    </td>
                  </tr>
                ))}
              </OpsTable>
            )}
            <form className="ops-inline-form" onSubmit={submit}>
              <label htmlFor={prefixId}>Clear keys starting with</label>
              <input id={prefixId} value={prefix} onChange={(event) => setPrefix(event.target.value)} placeholder="dataset-order:" maxLength={200} />
              <button type="submit" className="button secondary" disabled={clear.isPending || !prefix}>
                Clear
              </button>
            </form>
            {clear.data && <p role="status">Removed {formatCount(clear.data.removed)} entries.</p>}
            {clear.isError && (
              <p className="message error" role="alert">
                Could not clear: {clear.error.message}
              </p>
            )}
          </>
        );
      }}
    </OpsPanel>
  );
}
