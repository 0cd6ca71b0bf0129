// Which column of a CSV, TSV or Excel import fills which field of a record. Sift guesses from the
// headers; where a guess is unsure the form is open from the start, with the guesses preselected
// and marked. Re-importing reads the file again with the researcher's columns (a new task, shown
// on the import's card with its progress) and replaces the import's records and report.
import { useId, useState, type FormEvent } from 'react';
import { trpc, type ColumnChoice, type ImportListing, type ImportReport, type LiteratureField } from '../trpc.ts';

/** The fields in the order the form lists them, with the names a researcher knows them by. */
const FIELD_LABELS: Record<LiteratureField, string> = {
  title: 'Title',
  abstract: 'Abstract',
  authors: 'Authors',
  year: 'Year',
  journal: 'Journal',
  volume: 'Volume',
  issue: 'Issue',
  pages: 'Pages or first page',
  endPage: 'Last page',
  articleNumber: 'Article number',
  doi: 'DOI',
  pmid: 'PubMed ID',
  keywords: 'Keywords',
  language: 'Language',
  publicationType: 'Publication type',
};

const FIELDS = Object.keys(FIELD_LABELS) as LiteratureField[];

/** A header as the file has it (Chinese and all); a blank one by its place. */
export function headerLabel(header: string, column: number): string {
  return header.trim() === '' ? `Column ${column + 1} (no header)` : header;
}

/** The mapping with one field set to a column, or taken out when `column` is null. */
export function withColumn(mapping: ColumnChoice, field: LiteratureField, column: number | null): ColumnChoice {
  const { [field]: _previous, ...rest } = mapping;
  return column === null ? rest : { ...rest, [field]: column };
}

interface ColumnMappingProps {
  projectId: string;
  listing: ImportListing;
  columns: NonNullable<ImportReport['columns']>;
}

export function ColumnMapping({ projectId, listing, columns }: ColumnMappingProps) {
  const [mapping, setMapping] = useState<ColumnChoice>(columns.mapping);
  const formId = useId();
  const utils = trpc.useUtils();
  const remap = trpc.remapImportColumns.useMutation({
    onSuccess: (task) => {
      // The card follows the new read at once, progress bar included, before the list is read again.
      utils.listImports.setData({ projectId }, (imports) =>
        imports?.map((entry) => (entry.importId === listing.importId ? { ...entry, taskId: task.id, task } : entry)),
      );
      return utils.listImports.invalidate({ projectId });
    },
  });
  const unsure = new Set(columns.unsure);
  const noText = mapping.title === undefined && mapping.abstract === undefined;
  const guessing = unsure.size > 0 && !columns.chosen;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (listing.importId && !noText) remap.mutate({ importId: listing.importId, columns: mapping });
  }

  return (
    <details className="column-mapping" open={guessing}>
      <summary>{columns.chosen ? 'Columns you chose' : guessing ? 'Check the columns Sift guessed' : 'Columns Sift read'}</summary>
      {guessing && (
        <p className="message warn">
          Sift is not sure which columns hold: {[...unsure].map((field) => FIELD_LABELS[field].toLowerCase()).join(', ')}. Choose them below and import the file
          again.
        </p>
      )}
      <form onSubmit={submit} aria-label={`Columns of ${listing.fileName}`}>
        <table>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Column of the file</th>
            </tr>
          </thead>
          <tbody>
            {FIELDS.map((field) => (
              <tr key={field}>
                <th scope="row">
                  <label htmlFor={`${formId}-${field}`}>{FIELD_LABELS[field]}</label>
                </th>
                <td>
                  <select
                    id={`${formId}-${field}`}
                    value={mapping[field] ?? ''}
                    onChange={(event) => setMapping(withColumn(mapping, field, event.target.value === '' ? null : Number(event.target.value)))}
                  >
                    <option value="">Not in this file</option>
                    {columns.headers.map((header, column) => (
                      <option key={column} value={column}>
                        {headerLabel(header, column)}
                      </option>
                    ))}
                  </select>{' '}
                  {unsure.has(field) && !columns.chosen && <span className="badge badge-queued">guess: check it</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {noText && <p className="message warn">Choose the column with the title or the abstract: without one no row can be imported.</p>}
        <button type="submit" className="button" disabled={noText || remap.isPending}>
          {remap.isPending ? 'Starting…' : 'Import again with these columns'}
        </button>
        {remap.isError && (
          <p className="message error" role="alert">
            Could not import the file again: {remap.error.message}
          </p>
        )}
      </form>
    </details>
  );
}
