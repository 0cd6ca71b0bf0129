// The column profile of the chosen sheet, beside the preview: per column its inferred type,
// how many cells are missing, how many distinct values, the range and mean of numbers, dates
// and durations (shown as the file shows them: 36:00:00), the most common values of text and
// booleans, and a few examples. A list with a heading per column, so a screen reader can jump
// between columns.
import { useId, type ReactNode } from 'react';
import { formatCell, formatCount, formatStat, plural } from '../format.ts';
import type { ColumnProfile } from '../trpc.ts';

const RANGED_TYPES: ReadonlySet<ColumnProfile['type']> = new Set(['integer', 'decimal', 'date', 'datetime', 'duration']);

/**
 * The exact count, "all values unique" when no value repeats (an ID column), or, where the sheet
 * had too many distinct values to hold (millions), a lower bound that says so.
 */
export function distinctLabel(profile: Pick<ColumnProfile, 'distinct' | 'distinctCapped' | 'missing'>, rowCount: number): string {
  if (profile.distinctCapped) return `at least ${formatCount(profile.distinct)} (too many to count exactly)`;
  const present = rowCount - profile.missing;
  if (profile.distinct > 1 && profile.distinct === present) return `${formatCount(profile.distinct)} · all values unique`;
  return formatCount(profile.distinct);
}

/** Which missing cells held a missing-value token: "NA × 2, - × 1". */
export function missingTokensLabel(tokens: ColumnProfile['missingTokens']): string | null {
  if (!tokens || tokens.length === 0) return null;
  return tokens.map((token) => `${token.value} × ${formatCount(token.count)}`).join(', ');
}

export function missingLabel(missing: number, rowCount: number): string {
  if (missing === 0 || rowCount === 0) return formatCount(missing);
  const percent = (100 * missing) / rowCount;
  return `${formatCount(missing)} (${percent < 0.1 ? '<0.1' : percent.toFixed(1)}%)`;
}

/** Top values arrive as text; a boolean column's read TRUE/FALSE, as in the table. */
export function topValueLabel(type: ColumnProfile['type'], value: string): string {
  if (value === '') return '(blank)';
  return type === 'boolean' && (value === 'true' || value === 'false') ? value.toUpperCase() : value;
}

interface ProfilePanelProps {
  profile: ColumnProfile[];
  rowCount: number;
  sheetName: string;
}

export function ProfilePanel({ profile, rowCount, sheetName }: ProfilePanelProps) {
  const id = useId();
  return (
    <section className="profile" aria-labelledby={`${id}-heading`}>
      <h5 className="profile-heading" id={`${id}-heading`}>
        Column profile
      </h5>
      <p className="muted profile-note">Counted as missing: empty cells, and cells holding only NA, N/A, - or . (any case).</p>
      {profile.length === 0 ? (
        <p className="muted">No profile was saved for “{sheetName}”.</p>
      ) : (
        <ul className="profile-list">
          {profile.map((column, index) => (
            <ColumnEntry key={index} column={column} rowCount={rowCount} headingId={`${id}-${index}`} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ColumnEntry({ column, rowCount, headingId }: { column: ColumnProfile; rowCount: number; headingId: string }) {
  const ranged = RANGED_TYPES.has(column.type);
  return (
    <li className="profile-column" aria-labelledby={headingId}>
      <div className="profile-column-header">
        <h6 id={headingId}>{column.name}</h6>
        <span className={`type-tag type-${column.type}`}>{column.type}</span>
      </div>
      <dl className="profile-stats">
        <Stat term="Missing">
          {missingLabel(column.missing, rowCount)}
          {missingTokensLabel(column.missingTokens) && <span className="muted"> incl. {missingTokensLabel(column.missingTokens)}</span>}
        </Stat>
        <Stat term="Distinct">{distinctLabel(column, rowCount)}</Stat>
        {ranged && column.min !== null && <Stat term="Min">{formatStat(column.min)}</Stat>}
        {ranged && column.max !== null && <Stat term="Max">{formatStat(column.max)}</Stat>}
        {ranged && column.mean !== null && <Stat term="Mean">{formatStat(column.mean, true)}</Stat>}
        {!ranged && column.top.length > 0 && (
          <Stat term="Top">
            <ol className="top-values">
              {column.top.map((top, index) => (
                <li key={index}>
                  <span className="value">{topValueLabel(column.type, top.value)}</span> <span className="muted">× {plural(top.count, 'row', 'rows')}</span>
                </li>
              ))}
            </ol>
          </Stat>
        )}
        {column.examples.length > 0 && (
          <Stat term="Examples">
            <ul className="examples">
              {column.examples.map((example, index) => (
                <li key={index}>{formatCell(example)}</li>
              ))}
            </ul>
          </Stat>
        )}
      </dl>
    </li>
  );
}

function Stat({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="stat">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
