// Kept recall of the built-in screener on real labelled reviews: per review, the share of the
// title/abstract includes it keeps (include + uncertain), the share of records it excludes, and
// which criterion excluded each lost include. Prints numbers; asserts nothing.
// Usage: npm run bench:kept -w @sift/screening [-- <folder | file.csv>] [--criteria <file.json>] [--misses]
// A folder holds CSVs and a criteria.json keyed by CSV name; a CSV alone takes its criteria from
// the criteria.json beside it, or from --criteria (a criteria object or a map of them).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { createBuiltinScreener, type Criteria, criteriaSchema, type ScreeningDecision, type ScreeningRecord } from '../src/index.ts';

const DEFAULT_FOLDER = fileURLToPath(new URL('../../../../shared/datasets/screening/cohen-2006/', import.meta.url));

interface Review {
  name: string;
  criteria: Criteria;
  records: ScreeningRecord[];
  /** Title/abstract includes, by record id. */
  includes: Set<string>;
}

interface Row {
  record_id: string;
  title?: string;
  abstract?: string;
  keywords?: string;
  label_abstract_screening: string;
}

function optionAfter(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

function criteriaFor(name: string, source: unknown, file: string): Criteria {
  const entry = (source as Record<string, unknown>)[name] ?? source;
  const candidate = (entry as { criteria?: unknown }).criteria ?? entry;
  const parsed = criteriaSchema.safeParse(candidate);
  if (!parsed.success) throw new Error(`${file} has no valid criteria for ${name}: ${parsed.error.message}`);
  return parsed.data;
}

function readReview(csvPath: string, criteriaSource: unknown, criteriaFile: string): Review {
  const name = basename(csvPath).replace(/\.csv$/i, '');
  const rows = parse(readFileSync(csvPath, 'utf8'), { columns: true, skip_empty_lines: true, bom: true }) as Row[];
  const text = (value: string | undefined) => (value && value.trim() !== '' ? value : null);
  const records = rows.map((row) => ({
    id: row.record_id,
    title: text(row.title),
    abstract: text(row.abstract),
    year: null,
    language: null,
    publicationType: null,
    keywords: (row.keywords ?? '').split(';').map((keyword) => keyword.trim()).filter((keyword) => keyword !== ''),
  }));
  const includes = new Set(rows.filter((row) => row.label_abstract_screening.trim() === '1').map((row) => row.record_id));
  return { name, criteria: criteriaFor(name, criteriaSource, criteriaFile), records, includes };
}

function readReviews(target: string, criteriaOption: string | undefined): Review[] {
  const isFolder = statSync(target).isDirectory();
  const criteriaFile = criteriaOption ?? join(isFolder ? target : dirname(target), 'criteria.json');
  const criteriaSource: unknown = JSON.parse(readFileSync(criteriaFile, 'utf8'));
  const csvs = isFolder ? readdirSync(target).filter((file) => file.toLowerCase().endsWith('.csv')).sort().map((file) => join(target, file)) : [target];
  return csvs.map((csv) => readReview(csv, criteriaSource, criteriaFile));
}

/** Probability that a random include has a higher relevance than a random other record (ties count half). */
function auc(decisions: readonly ScreeningDecision[], includes: ReadonlySet<string>): number | null {
  const scored = decisions.filter((decision) => decision.relevance !== undefined);
  if (scored.length < decisions.length) return null;
  const sorted = [...scored].sort((a, b) => (a.relevance as number) - (b.relevance as number));
  let rankSum = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j]?.relevance === sorted[i]?.relevance) j++;
    const averageRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (includes.has((sorted[k] as ScreeningDecision).recordId)) rankSum += averageRank;
    i = j;
  }
  const positives = scored.filter((decision) => includes.has(decision.recordId)).length;
  const negatives = scored.length - positives;
  return positives === 0 || negatives === 0 ? null : (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

const args = process.argv.slice(2);
const criteriaOption = optionAfter(args, '--criteria');
const target = resolve(args.find((arg, index) => !arg.startsWith('--') && args[index - 1] !== '--criteria') ?? DEFAULT_FOLDER);
const showMisses = args.includes('--misses');
const screener = createBuiltinScreener();
const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

console.log(`kept recall of the title/abstract includes (include + uncertain), ${target}`);
console.log(`${'review'.padEnd(26)} ${'records'.padStart(7)} ${'includes'.padStart(8)} ${'kept'.padStart(5)} ${'recall'.padStart(6)} ${'excluded'.padStart(8)} ${'include'.padStart(7)} ${'likely rel.'.padStart(11)} ${'likely irr.'.padStart(11)} ${'AUC'.padStart(5)}`);
const details: string[] = [];
for (const review of readReviews(target, criteriaOption)) {
  const decisions = await screener.screen(review.records, review.criteria);
  const isInclude = (decision: ScreeningDecision) => review.includes.has(decision.recordId);
  const excluded = decisions.filter((decision) => decision.decision === 'exclude');
  const lost = excluded.filter(isInclude);
  const kept = review.includes.size - lost.length;
  const likely = (label: string) => decisions.filter((decision) => decision.decision === 'uncertain' && decision.reason.startsWith(label)).length;
  const area = auc(decisions, review.includes);
  console.log(
    `${review.name.padEnd(26)} ${String(review.records.length).padStart(7)} ${String(review.includes.size).padStart(8)} ${String(kept).padStart(5)} ${(kept / review.includes.size).toFixed(3).padStart(6)} ${pct(excluded.length / decisions.length).padStart(8)} ${String(decisions.filter((decision) => decision.decision === 'include').length).padStart(7)} ${String(likely('Likely relevant')).padStart(11)} ${String(likely('Likely irrelevant')).padStart(11)} ${(area === null ? '-' : area.toFixed(2)).padStart(5)}`,
  );
  if (lost.length === 0) continue;
  const byCriterion = new Map<string, number>();
  for (const decision of lost) {
    const key = `${decision.criterion ?? '-'} (${decision.exclusionReason ?? '-'})`;
    byCriterion.set(key, (byCriterion.get(key) ?? 0) + 1);
  }
  details.push(`${review.name}: ${lost.length} includes excluded: ${[...byCriterion].sort((a, b) => b[1] - a[1]).map(([key, count]) => `${count} × ${key}`).join('; ')}`);
  if (showMisses) {
    const titles = new Map(review.records.map((record) => [record.id, record.title]));
    for (const decision of lost) details.push(`  ${decision.recordId}: ${titles.get(decision.recordId) ?? ''}\n      ${decision.reason}`);
  }
}
if (details.length > 0) console.log(`\n${details.join('\n')}`);
