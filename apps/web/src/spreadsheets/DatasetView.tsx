// A ready spreadsheet task's clean data, read as three views with their own URLs
// (#/files/<taskId>/preview|profile|export): the paged, sortable preview with the cells read as
// missing, the column profile, and the downloads. Which sheet it is (and the others to read
// instead) stays above them. All of it comes from what the worker saved; nothing is re-parsed.
import { plural } from '../format.ts';
import { DATASET_TABS, routeHash, type DatasetTab } from '../hooks/useHashRoute.ts';
import { trpc } from '../trpc.ts';
import { CellNotes } from './CellNotes.tsx';
import { DownloadLinks } from './DownloadLinks.tsx';
import { LoadError } from '../components/LoadError.tsx';
import { PreviewTable } from './PreviewTable.tsx';
import { ProfilePanel } from './ProfilePanel.tsx';
import { SheetPicker } from './SheetPicker.tsx';

export const TAB_LABELS: Record<DatasetTab, string> = { preview: 'Preview', profile: 'Profile', export: 'Export' };

export function DatasetView({ taskId, tab = 'preview' }: { taskId: string; tab?: DatasetTab }) {
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
      {sheets.length > 1 && (
        <div className="dataset-actions">
          <SheetPicker uploadId={uploadId} sheets={sheets} current={sheetName} />
        </div>
      )}
      <nav className="view-tabs" aria-label={`Views of sheet ${sheetName}`}>
        <ul>
          {DATASET_TABS.map((each) => (
            <li key={each}>
              <a href={routeHash({ page: 'file', taskId, tab: each })} aria-current={each === tab ? 'page' : undefined}>
                {TAB_LABELS[each]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {tab === 'preview' && (
        <>
          {noteCount > 0 && <CellNotes notes={notes} noteCount={noteCount} />}
          <PreviewTable taskId={taskId} sheetName={sheetName} columns={columns} rowCount={rowCount} />
        </>
      )}
      {tab === 'profile' && <ProfilePanel profile={profile} rowCount={rowCount} sheetName={sheetName} />}
      {tab === 'export' && (
        <div className="dataset-export">
          <p className="muted">The clean rows of “{sheetName}”, as Sift read them: CSV (UTF-8 with a BOM, so Excel reads accents) or XLSX (text kept as text).</p>
          <DownloadLinks taskId={taskId} sheetName={sheetName} />
        </div>
      )}
    </div>
  );
}
