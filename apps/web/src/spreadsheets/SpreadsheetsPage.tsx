// The spreadsheets page: upload a spreadsheet (it becomes a spreadsheet task), then the
// researcher's files.
import { useMemo } from 'react';
import { WelcomeNote } from '../help/WelcomeNote.tsx';
import { UploadZone } from '../components/UploadZone.tsx';
import { TaskList } from './TaskList.tsx';
import type { UploadTarget } from '../hooks/useUpload.ts';
import { trpc } from '../trpc.ts';

// .xlsm is an .xlsx with macros: the server reads its cells and never runs the macros.
export const SPREADSHEET_EXTENSIONS = ['.xlsx', '.xlsm', '.csv', '.tsv'] as const;

export function spreadsheetRefusal(fileName: string): string {
  return `${fileName} is not a spreadsheet Sift can read. Save it as .xlsx, .csv or .tsv and try again.`;
}

export function SpreadsheetsPage() {
  const { mutateAsync: createTask } = trpc.createTask.useMutation();
  const utils = trpc.useUtils();
  const target = useMemo<UploadTarget>(
    () => ({
      extensions: SPREADSHEET_EXTENSIONS,
      notAccepted: spreadsheetRefusal,
      start: (uploadId) => createTask({ kind: 'spreadsheet', input: { uploadId } }),
      settled: () => utils.listTasks.invalidate(),
    }),
    [createTask, utils],
  );
  return (
    <>
      <WelcomeNote />
      <UploadZone target={target} heading="Upload a spreadsheet" what="a spreadsheet" typesHint=".xlsx, .xlsm, .csv or .tsv" inputLabel="Spreadsheet file" />
      <TaskList />
    </>
  );
}
