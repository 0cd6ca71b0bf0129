// Downloads of a run's decisions: included, excluded, undecided or all records, as RIS (decision
// and reason in a note, so the file goes back into EndNote, Zotero or Covidence), CSV or XLSX.
// The server streams each file and names it, so plain links are enough.
import { formatCount } from '../format.ts';
import type { DecisionCounts } from '../trpc.ts';
import { EXPORT_FORMATS, EXPORT_SETS, screeningExportUrl } from './screeningView.ts';

export function ExportLinks({ projectId, taskId, counts }: { projectId: string; taskId: string; counts: DecisionCounts }) {
  return (
    <section className="panel" aria-labelledby="screening-exports-heading">
      <h2 id="screening-exports-heading">Exports</h2>
      <p className="muted">Each file holds the decisions in force now: yours where you decided, the screener’s elsewhere. RIS files carry the decision and its reason in a note (N1).</p>
      {/* On a narrow screen the table scrolls inside itself instead of widening the page. */}
      <div className="export-scroll">
      <table className="export-table">
        <thead>
          <tr>
            <th scope="col">Records</th>
            <th scope="col">Count</th>
            <th scope="col" colSpan={EXPORT_FORMATS.length}>
              Download
            </th>
          </tr>
        </thead>
        <tbody>
          {EXPORT_SETS.map((entry) => (
            <tr key={entry.set}>
              <th scope="row">{entry.label}</th>
              <td>{formatCount(entry.count(counts))}</td>
              {EXPORT_FORMATS.map(({ format, label }) => (
                <td key={format}>
                  <a className="button secondary" href={screeningExportUrl(projectId, taskId, entry.set, format)} download aria-label={`Download ${entry.name} as ${label}`}>
                    {label}
                  </a>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </section>
  );
}
