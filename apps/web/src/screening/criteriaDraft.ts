// The criteria form edits text; the API takes structured criteria. These rules convert between
// the two (one statement per line, languages separated by commas, years as whole numbers) and
// place the server's validation errors next to the fields they concern.
import type { Criteria, StudyDesign } from '../trpc.ts';

export interface CriteriaDraft {
  population: string;
  intervention: string;
  comparator: string;
  outcomes: string;
  designs: StudyDesign[];
  include: string;
  exclude: string;
  yearFrom: string;
  yearTo: string;
  languages: string;
}

export type DraftField = keyof CriteriaDraft;
export type FieldErrors = Partial<Record<DraftField, string>>;

export const FIELD_LABELS: Record<DraftField, string> = {
  population: 'Population',
  intervention: 'Intervention',
  comparator: 'Comparator',
  outcomes: 'Outcomes',
  designs: 'Study designs to include',
  include: 'Inclusion statements',
  exclude: 'Exclusion statements',
  yearFrom: 'Published from (year)',
  yearTo: 'Published until (year)',
  languages: 'Languages',
};

export function draftFromCriteria(criteria: Criteria | null): CriteriaDraft {
  return {
    population: criteria?.population ?? '',
    intervention: criteria?.intervention ?? '',
    comparator: criteria?.comparator ?? '',
    outcomes: criteria?.outcomes ?? '',
    designs: criteria ? [...criteria.designs] : [],
    include: criteria?.include.join('\n') ?? '',
    exclude: criteria?.exclude.join('\n') ?? '',
    yearFrom: criteria?.yearFrom?.toString() ?? '',
    yearTo: criteria?.yearTo?.toString() ?? '',
    languages: criteria?.languages.join(', ') ?? '',
  };
}

const lines = (text: string) => text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
const list = (text: string) => text.split(/[,;\n]/).map((item) => item.trim()).filter(Boolean);

function parseYear(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return /^\d{1,4}$/.test(trimmed) ? Number(trimmed) : undefined;
}

/**
 * The criteria a draft stands for, or the fields the browser can already tell are wrong. Range
 * and consistency checks (years 1800–2100, from ≤ to, lengths) are the server's, shown through
 * `serverFieldErrors`.
 */
export function criteriaFromDraft(draft: CriteriaDraft): { criteria: Criteria } | { errors: FieldErrors } {
  const yearFrom = parseYear(draft.yearFrom);
  const yearTo = parseYear(draft.yearTo);
  const errors: FieldErrors = {};
  if (yearFrom === undefined) errors.yearFrom = `“${draft.yearFrom.trim()}” is not a year. Write it as four digits, e.g. 2010, or leave it empty.`;
  if (yearTo === undefined) errors.yearTo = `“${draft.yearTo.trim()}” is not a year. Write it as four digits, e.g. 2024, or leave it empty.`;
  if (yearFrom === undefined || yearTo === undefined) return { errors };
  return {
    criteria: {
      population: draft.population.trim(),
      intervention: draft.intervention.trim(),
      comparator: draft.comparator.trim(),
      outcomes: draft.outcomes.trim(),
      designs: draft.designs,
      include: lines(draft.include),
      exclude: lines(draft.exclude),
      yearFrom,
      yearTo,
      languages: list(draft.languages),
    },
  };
}

export function sameDraft(a: CriteriaDraft, b: CriteriaDraft): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The server's answer to a refused save, split into messages per field and one for the rest. A
 * refused input comes with its validation issues (each with its path, e.g. ["criteria",
 * "include", 2]); any other error is a plain sentence.
 */
export function serverFieldErrors(message: string, issues: readonly { path: (string | number)[]; message: string }[] | undefined): { fields: FieldErrors; general: string | null } {
  if (!issues?.length) return { fields: {}, general: message };
  const fields: FieldErrors = {};
  const rest: string[] = [];
  for (const issue of issues) {
    const [, field, line] = issue.path;
    if (typeof field === 'string' && field in FIELD_LABELS) {
      const key = field as DraftField;
      const where = key === 'languages' ? 'Language' : 'Line';
      const text = typeof line === 'number' ? `${where} ${line + 1}: ${issue.message}` : issue.message;
      fields[key] = fields[key] ? `${fields[key]} ${text}` : text;
    } else {
      rest.push(issue.message);
    }
  }
  return { fields, general: rest.length > 0 ? rest.join(' ') : null };
}
