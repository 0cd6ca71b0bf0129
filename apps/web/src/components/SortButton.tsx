// A column header's sort button: its label and, when the table is sorted by it, an arrow for the
// direction (hidden from screen readers, which read aria-sort on the header cell instead).
const SORT_MARKS = { ascending: ' ▲', descending: ' ▼' } as const;

export function SortButton({ label, order, title, onClick }: { label: string; order: 'ascending' | 'descending' | undefined; title: string; onClick: () => void }) {
  return (
    <button type="button" className="sort-button" onClick={onClick} title={title}>
      {label}
      {order && <span aria-hidden="true">{SORT_MARKS[order]}</span>}
    </button>
  );
}
