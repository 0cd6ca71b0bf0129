// Previous / Next for a server-paged table, with the current range announced to screen readers;
// extra controls (e.g. a page-size picker) go after Next.
import type { ReactNode } from 'react';

export function Pager(props: {
  label: string;
  offset: number;
  pageSize: number;
  total: number;
  rangeLabel: string;
  onOffset: (offset: number) => void;
  children?: ReactNode;
}) {
  const { offset, pageSize, total, onOffset } = props;
  return (
    <nav className="pager" aria-label={props.label}>
      <button type="button" className="button secondary" onClick={() => onOffset(Math.max(0, offset - pageSize))} disabled={offset === 0}>
        Previous page
      </button>
      <span aria-live="polite">{props.rangeLabel}</span>
      <button type="button" className="button secondary" onClick={() => onOffset(offset + pageSize)} disabled={offset + pageSize >= total}>
        Next page
      </button>
      {props.children}
    </nav>
  );
}
