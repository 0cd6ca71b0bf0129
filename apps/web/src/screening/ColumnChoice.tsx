// The review table's column choice: a row of checkboxes above it, remembered in this browser.
// It wraps the table and hides columns with classes, so the table itself stays as it is.
import { useState, type ReactNode } from 'react';
import { COLUMNS_STORAGE_KEY, hiddenColumnClasses, OPTIONAL_COLUMNS, parseHiddenColumns, type OptionalColumn } from './columnChoice.ts';

function readStored(): OptionalColumn[] {
  try {
    return parseHiddenColumns(window.localStorage.getItem(COLUMNS_STORAGE_KEY));
  } catch {
    return []; // Storage switched off: every column shows.
  }
}

export function ColumnChoice({ children }: { children: ReactNode }) {
  const [hidden, setHidden] = useState<OptionalColumn[]>(readStored);
  const toggle = (key: OptionalColumn, shown: boolean) => {
    const next = shown ? hidden.filter((each) => each !== key) : [...hidden, key];
    setHidden(next);
    try {
      window.localStorage.setItem(COLUMNS_STORAGE_KEY, JSON.stringify(next));
    } catch {
      // Nothing to remember it in; the choice holds for this visit.
    }
  };
  return (
    <div className={`column-choice-scope ${hiddenColumnClasses(hidden)}`}>
      <fieldset className="column-choice">
        <legend>Columns</legend>
        {OPTIONAL_COLUMNS.map((column) => (
          <label key={column.key}>
            <input type="checkbox" checked={!hidden.includes(column.key)} onChange={(event) => toggle(column.key, event.target.checked)} /> {column.label}
          </label>
        ))}
      </fieldset>
      {children}
    </div>
  );
}
