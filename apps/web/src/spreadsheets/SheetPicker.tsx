// The workbook's sheets in file order (hidden ones marked), and reading another one, under a
// read dataset and under a failed read alike (a broken sheet must not hide the others). Another
// sheet becomes a new task on the same upload, with its own card, so this card never changes
// under the researcher. A select plus a button, not a select that acts on change: arrowing
// through a closed select fires change in some browsers, which would start a task per sheet.
import { useId, useState } from 'react';
import { trpc, type SheetInfo } from '../trpc.ts';

export function sheetLabel(sheet: SheetInfo): string {
  return sheet.hidden ? `${sheet.name} (hidden)` : sheet.name;
}

interface SheetPickerProps {
  uploadId: string;
  sheets: SheetInfo[];
  /** The sheet this dataset was read from, or the one that failed ('' when none was picked). */
  current: string;
}

/** Under a failed read of a workbook: its other sheets, when the reader got as far as listing them. */
export function OtherSheets({ taskId }: { taskId: string }) {
  const choices = trpc.getSheetChoices.useQuery({ taskId });
  // Nothing to offer: the read failed before listing sheets (a CSV, a damaged zip), or there is one sheet.
  if (!choices.data || choices.data.sheets.length < 2) return null;
  const { uploadId, sheets, failedSheet } = choices.data;
  return (
    <div className="other-sheets">
      <p className="muted">{failedSheet ? `Sheet “${failedSheet}” could not be read, but` : 'This workbook has'} other sheets: choose one to read it.</p>
      <SheetPicker uploadId={uploadId} sheets={sheets} current={failedSheet ?? ''} />
    </div>
  );
}

export function SheetPicker({ uploadId, sheets, current }: SheetPickerProps) {
  const selectId = useId();
  const [chosen, setChosen] = useState(current);
  const [requested, setRequested] = useState<string | null>(null);
  const utils = trpc.useUtils();
  const read = trpc.createTask.useMutation({ onSuccess: () => utils.listTasks.invalidate() });

  const start = () => {
    if (chosen === current) return;
    setRequested(chosen);
    read.mutate({ kind: 'spreadsheet', input: { uploadId, sheet: chosen } });
  };

  return (
    <div className="sheet-picker">
      <label htmlFor={selectId}>Sheet</label>
      <select id={selectId} value={chosen} onChange={(event) => setChosen(event.target.value)}>
        {sheets.map((sheet) => (
          <option key={sheet.name} value={sheet.name}>
            {sheetLabel(sheet)}
          </option>
        ))}
      </select>
      <button type="button" className="button secondary" onClick={start} disabled={chosen === current || read.isPending}>
        {read.isPending ? 'Starting…' : 'Read this sheet'}
      </button>
      <p className="sheet-picker-status" role="status">
        {read.isSuccess && `Reading sheet “${requested}” as a new task: it appears in Your files.`}
      </p>
      {read.isError && (
        <p className="message error" role="alert">
          Could not read sheet “{requested}”: {read.error.message}
        </p>
      )}
    </div>
  );
}
