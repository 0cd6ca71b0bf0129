// A ready spreadsheet task's clean data: which sheet it is (and the others to read instead),
// downloads, the cells read as missing, the column profile and a paged, sortable preview. All
// of it comes from what the worker saved; nothing is re-parsed.
import { plural } from '../format.ts';
import { trpc } from '../trpc.ts';
import { CellNotes } from './CellNotes.tsx';
import { DownloadLinks } from './DownloadLinks.tsx';
import { LoadError } from '../components/LoadError.tsx';
import { PreviewTable } from './PreviewTable.tsx';
import { ProfilePanel } from './ProfilePanel.tsx';
import { SheetPicker } from './SheetPicker.tsx';

export function DatasetView({ taskId }: { taskId: string }) {
  // A ready dataset never changes, so it is read once.
  const dataset = trpc.getDataset.useQuery({ taskId }, { staleTime: Infinity });

  if (dataset.isError) return <LoadError query={dataset} what="the dataset" />;
  if (!dataset.data) return <p className="muted">Loading the dataset…</p>;

  const { uploadId, sheetName, sheets, columns, rowCount, profile, notes, noteCount } = dataset.data;
  return (
    <div className="dataset">
      <h4 className="dataset-title">Sheet “{sheetName}”</h4>
      <p className="dataset-size">
        {plural(rowCount, 'row', 'rows')} × {plural(columns.length, 'column', 'columns')}
      </p>
      <div className="dataset-actions">
        {sheets.length > 1 && <SheetPicker uploadId={uploadId} sheets={sheets} current={sheetName} />}
        <DownloadLinks taskId={taskId} sheetName={sheetName} />
      </div>
      {noteCount > 0 && <CellNotes notes={notes} noteCount={noteCount} />}
      <div className="dataset-body">
        <ProfilePanel profile={profile} rowCount={rowCount} sheetName={sheetName} />
        <PreviewTable taskId={taskId} sheetName={sheetName} columns={columns} rowCount={rowCount} />
      </div>
    </div>
  );
}
