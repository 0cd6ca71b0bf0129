// The spreadsheets page: upload a spreadsheet (it becomes a spreadsheet task), then the
// researcher's files.
import { useMemo } from 'react';
import { UploadZone } from './components/UploadZone.tsx';
import { TaskList } from './components/TaskList.tsx';
import { SPREADSHEET_EXTENSIONS, spreadsheetRefusal, type UploadTarget } from './hooks/useUpload.ts';
import { trpc } from './trpc.ts';

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
      <UploadZone target={target} heading="Upload a spreadsheet" what="a spreadsheet" typesHint=".xlsx, .csv or .tsv" inputLabel="Spreadsheet file" />
      <TaskList />
    </>
  );
}
