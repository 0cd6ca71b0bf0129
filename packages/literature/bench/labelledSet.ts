// Reads a labelled de-duplication set in bib-dedupe's shape: records_pre_merged.csv (ID, title,
// year, author joined by " and ", pages, volume, number, journal or booktitle, optional doi,
// abstract) and merged_record_ids.csv (one duplicate group per line, IDs joined by ";").
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { DedupInput } from '../src/index.ts';
import { emptyRecord } from '../src/record.ts';
import { cleanMarkup, cleanText, formatAuthors, normaliseDoi, normalisePmid, parseYear } from '../src/text.ts';

export interface LabelledSet {
  name: string;
  records: DedupInput[];
  /** Record id to its work: records in one hand-checked group share a work, every other record is its own. */
  truth: Map<string, number>;
}

const RECORDS = 'records_pre_merged.csv';
const GROUPS = 'merged_record_ids.csv';

/** A set folder, or a folder of set folders (each holding the two files). */
export function labelledSets(path: string): LabelledSet[] {
  if (existsSync(join(path, RECORDS))) return [readSet(path)];
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(path, entry.name, RECORDS)))
    .map((entry) => readSet(join(path, entry.name)))
    .sort((a, b) => a.name.localeCompare(b.name));
}

type Row = Record<string, string | undefined>;

function readSet(folder: string): LabelledSet {
  const rows = parse(readFileSync(join(folder, RECORDS), 'utf8'), { columns: true, bom: true, relax_quotes: true }) as Row[];
  const records = rows.map((row): DedupInput => {
    const record = emptyRecord(JSON.stringify(row), RECORDS);
    record.title = cleanMarkup(row.title);
    record.abstract = cleanMarkup(row.abstract);
    record.authors = formatAuthors((row.author ?? '').split(/\s+and\s+/));
    record.year = parseYear(row.year);
    record.journal = cleanMarkup(row.journal || row.booktitle);
    record.volume = cleanText(row.volume);
    record.issue = cleanText(row.number || row.issue);
    record.pages = cleanText(row.pages?.replace(/-{2,}/, '-'));
    record.doi = normaliseDoi(row.doi);
    record.pmid = normalisePmid(row.pmid);
    record.publicationType = cleanText(row.ENTRYTYPE);
    return { id: row.ID as string, record };
  });
  const truth = new Map(records.map((entry, index) => [entry.id, index]));
  const groups = parse(readFileSync(join(folder, GROUPS), 'utf8'), { columns: true, bom: true }) as Row[];
  groups.forEach((group, index) => {
    for (const id of (group.merged_ids ?? '').split(';')) if (truth.has(id)) truth.set(id, records.length + index);
  });
  return { name: basename(folder), records, truth };
}
