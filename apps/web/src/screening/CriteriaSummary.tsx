// The criteria a run was screened against, kept beside the review table so the researcher judges
// records by the same rules. A run under an older version says so: its decisions stay as made.
import type { CriteriaVersion, DesignOption } from '../trpc.ts';

export function CriteriaSummary({ used, latestVersion, designs }: { used: CriteriaVersion; latestVersion: number | null; designs: readonly DesignOption[] }) {
  const labelOf = new Map(designs.map((option) => [option.value, option.label]));
  const { criteria } = used;
  const years = criteria.yearFrom === null && criteria.yearTo === null ? null : `${criteria.yearFrom ?? 'any'} to ${criteria.yearTo ?? 'any'}`;
  const entries: [string, string | null][] = [
    ['Population', criteria.population || null],
    ['Intervention', criteria.intervention || null],
    ['Comparator', criteria.comparator || null],
    ['Outcomes', criteria.outcomes || null],
    ['Designs', criteria.designs.length > 0 ? criteria.designs.map((design) => labelOf.get(design) ?? design).join('; ') : 'any'],
    ['Years', years ?? 'any'],
    ['Languages', criteria.languages.length > 0 ? criteria.languages.join(', ') : 'any'],
  ];
  return (
    <aside className="criteria-summary" aria-labelledby="criteria-summary-heading">
      <h3 id="criteria-summary-heading">Criteria v{used.version}</h3>
      {latestVersion !== null && latestVersion !== used.version && (
        <p className="message warn">
          These decisions were made under v{used.version}; the current criteria are v{latestVersion}. Start screening again to apply them.
        </p>
      )}
      <dl>
        {entries.map(
          ([term, value]) =>
            value && (
              <div key={term}>
                <dt>{term}</dt>
                <dd>{value}</dd>
              </div>
            ),
        )}
      </dl>
      <StatementList heading="Include if" statements={criteria.include} />
      <StatementList heading="Exclude if" statements={criteria.exclude} />
    </aside>
  );
}

function StatementList({ heading, statements }: { heading: string; statements: readonly string[] }) {
  if (statements.length === 0) return null;
  return (
    <>
      <h4>{heading}</h4>
      <ul>
        {statements.map((statement, index) => (
          <li key={index}>{statement}</li>
        ))}
      </ul>
    </>
  );
}
