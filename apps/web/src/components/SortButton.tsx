// A column header's sort button: its label and, when the table is sorted by it, an arrow for the
// direction (hidden from screen readers, which read aria-sort on the header cell instead). Inside
// a grid the header cell is the tab stop and presses the button (tabIndex -1).
const SORT_MARKS = { ascending: ' ▲', descending: ' ▼' } as const;

export function SortButton(props: { label: string; order: 'ascending' | 'descending' | undefined; title: string; onClick: () => void; tabIndex?: number }) {
  const { label, order, title, onClick, tabIndex } = props;
  return (
    <button type="button" className="sort-button" onClick={onClick} title={title} tabIndex={tabIndex}>
      {label}
      {order && <span aria-hidden="true">{SORT_MARKS[order]}</span>}
    </button>
  );
}
