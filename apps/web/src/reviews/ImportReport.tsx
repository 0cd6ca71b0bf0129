// What one import read: the file's format, how many records it holds and how many lack an
// abstract, a DOI or a year, every line or record it skipped with the reason (collapsed), and for
// a table the columns it read, to check and choose again.
import { formatCount, plural } from '../format.ts';
import type { ImportListing } from '../trpc.ts';
import { ColumnMapping } from './ColumnMapping.tsx';

const FORMAT_NAMES: Record<string, string> = {
  medline: 'PubMed (MEDLINE)',
  ris: 'RIS',
  'endnote-xml': 'EndNote XML',
  bibtex: 'BibTeX',
  wos: 'Web of Science',
  csv: 'CSV/TSV table',
  xlsx: 'Excel workbook',
};

export function formatName(format: string | null): string {
  return format === null ? 'Unknown format' : (FORMAT_NAMES[format] ?? format);
}

/** Tables number rows, text exports number lines. */
export function positionLabel(format: string | null): 'Row' | 'Line' {
  return format === 'csv' || format === 'xlsx' ? 'Row' : 'Line';
}

export function skippedLabel(count: number, format: string | null): string {
  if (count === 0) return `No ${positionLabel(format).toLowerCase()}s skipped`;
  return `${plural(count, positionLabel(format).toLowerCase(), `${positionLabel(format).toLowerCase()}s`)} skipped`;
}

export function ImportReport({ projectId, listing }: { projectId: string; listing: ImportListing }) {
  const { report, format } = listing;
  if (!report) return <p className="muted">Loading the import report…</p>;
  return (
    <div className="import-report">
      <p className="muted">Read as {formatName(format)}.</p>
      <ul className="report-counts" aria-label={`Import report for ${listing.fileName}`}>
        <li>{plural(report.recordsRead, 'record read', 'records read')}</li>
        <li>{formatCount(report.withoutAbstract)} without abstract</li>
        <li>{formatCount(report.withoutDoi)} without DOI</li>
        <li>{formatCount(report.withoutYear)} without year</li>
      </ul>
      {report.skipped.length === 0 ? (
        <p className="muted">{skippedLabel(0, format)}.</p>
      ) : (
        <details className="skipped">
          <summary>{skippedLabel(report.skipped.length, format)}</summary>
          <table>
            <thead>
              <tr>
                <th scope="col">{positionLabel(format)}</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {report.skipped.map((entry, index) => (
                <tr key={index}>
                  <td>{formatCount(entry.line)}</td>
                  <td>{entry.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
      {report.columns && <ColumnMapping projectId={projectId} listing={listing} columns={report.columns} />}
    </div>
  );
}
