// Labelled screening data for the quality bench: a folder of review CSVs (with an optional
// criteria.json beside them) or one CSV, in the shape of ASReview's systematic-review-datasets
// (title, abstract, keywords "; "-separated, label_abstract_screening 1/0).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { type Criteria, criteriaSchema } from '../src/criteria.ts';
import type { ScreeningRecord } from '../src/screener.ts';

export interface LabelledReview {
  name: string;
  records: ScreeningRecord[];
  /** 1 = kept at title/abstract screening, per record. */
  truth: Uint8Array;
  criteria: Criteria | null;
}

function readReview(file: string, criteriaByReview: ReadonlyMap<string, Criteria>): LabelledReview {
  const rows: Record<string, string>[] = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, bom: true });
  const name = basename(file, '.csv');
  const records = rows.map((row, index): ScreeningRecord => ({
    id: row.record_id ?? String(index + 1),
    title: row.title || null,
    abstract: row.abstract || null,
    year: null,
    language: null,
    publicationType: null,
    keywords: (row.keywords ?? '').split(';').map((keyword) => keyword.trim()).filter(Boolean),
  }));
  const truth = Uint8Array.from(rows, (row) => (row.label_abstract_screening?.trim() === '1' ? 1 : 0));
  return { name, records, truth, criteria: criteriaByReview.get(name) ?? null };
}

/** `criteria.json` of the folder: { [review]: { criteria } }; none when absent. */
function readCriteria(folder: string): Map<string, Criteria> {
  const file = join(folder, 'criteria.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return new Map();
  }
  const entries = Object.entries(JSON.parse(text) as Record<string, { criteria: unknown }>);
  return new Map(entries.map(([name, entry]) => [name, criteriaSchema.parse(entry.criteria)]));
}

/** Every review at `path`: each CSV of a folder (by name), or the one CSV given. */
export function readLabelledReviews(path: string): LabelledReview[] {
  const isFolder = statSync(path).isDirectory();
  const folder = isFolder ? path : dirname(path);
  const criteria = readCriteria(folder);
  const files = isFolder ? readdirSync(path).filter((file) => file.endsWith('.csv')).sort().map((file) => join(path, file)) : [path];
  return files.map((file) => readReview(file, criteria));
}
