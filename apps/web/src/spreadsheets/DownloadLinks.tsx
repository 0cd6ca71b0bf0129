// Links that download a dataset's clean rows as CSV or XLSX. The server streams the file and
// names it after the sheet (Content-Disposition), so plain links are enough: no data passes
// through the page, and a big download does not hold the tab.
export type ExportFormat = 'csv' | 'xlsx';

export function exportUrl(taskId: string, format: ExportFormat): string {
  return `/api/datasets/${encodeURIComponent(taskId)}/export?format=${format}`;
}

export function DownloadLinks({ taskId, sheetName }: { taskId: string; sheetName: string }) {
  return (
    <div className="downloads" role="group" aria-label={`Downloads of ${sheetName}`}>
      <a className="button secondary" href={exportUrl(taskId, 'csv')} download>
        Download CSV
      </a>
      <a className="button secondary" href={exportUrl(taskId, 'xlsx')} download>
        Download XLSX
      </a>
    </div>
  );
}
