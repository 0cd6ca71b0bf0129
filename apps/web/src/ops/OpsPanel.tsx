// The frame every operations panel shares: a titled section that says when its data is loading
// or could not be read, and a scrolling table with its column headings.
import type { ReactNode } from 'react';
import { LoadError } from '../components/LoadError.tsx';

interface QueryLike {
  isPending: boolean;
  isError: boolean;
  error: { message: string } | null;
}

/** A query's loading and error states, said the same way everywhere on the page. */
export function QueryState({ query, what }: { query: QueryLike; what: string }) {
  if (query.isPending) return <p className="muted">Loading {what}…</p>;
  return <LoadError query={query} what={what} />;
}

export function OpsPanel<T>({
  id,
  title,
  query,
  what,
  empty,
  children,
}: {
  id: string;
  title: ReactNode;
  query: QueryLike & { data: T | undefined };
  what: string;
  /** Shown instead of the content when the data holds nothing. */
  empty?: { when: (data: T) => boolean; say: string };
  children: (data: T) => ReactNode;
}) {
  const { data } = query;
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <QueryState query={query} what={what} />
      {data !== undefined && (empty?.when(data) ? <p className="muted">{empty.say}</p> : children(data))}
    </section>
  );
}

export function OpsTable({ label, columns, children }: { label: string; columns: ReactNode[]; children: ReactNode }) {
  return (
    <div className="table-scroll">
      <table aria-label={label}>
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th scope="col" key={index}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
