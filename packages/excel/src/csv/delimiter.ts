// Guesses the field delimiter from the first records: the candidate that splits them into
// the same number of fields (more than one) most consistently wins.
import { sampleRecords } from './records.ts';

const CANDIDATES = [',', '\t', ';', '|'];
const SAMPLE_CHARS = 65_536;
const SAMPLE_RECORDS = 50;

/**
 * The best candidate: the most consistent field count (more than one field), then the most
 * fields. A `preferred` delimiter (tab for .tsv) wins when it is as consistent as the best.
 */
export function detectDelimiter(text: string, preferred?: string): string {
  const sampleEnd = text.length > SAMPLE_CHARS ? text.lastIndexOf('\n', SAMPLE_CHARS) : text.length;
  const sample = text.slice(0, sampleEnd > 0 ? sampleEnd : SAMPLE_CHARS);
  const scores = CANDIDATES.map((delimiter) => ({ delimiter, ...consistency(fieldCounts(sample, delimiter)) })).filter(
    (score) => score.fields > 1,
  );
  scores.sort((a, b) => b.consistency - a.consistency || b.fields - a.fields);
  const best = scores[0];
  if (!best) return preferred ?? ',';
  const favoured = scores.find((score) => score.delimiter === preferred);
  return favoured && favoured.consistency >= best.consistency ? favoured.delimiter : best.delimiter;
}

/** The most common field count and the share of records that have it. */
function consistency(counts: number[]): { fields: number; consistency: number } {
  const tally = new Map<number, number>();
  for (const count of counts) tally.set(count, (tally.get(count) ?? 0) + 1);
  let fields = 1;
  let records = 0;
  for (const [count, seen] of tally) {
    if (seen > records || (seen === records && count > fields)) {
      fields = count;
      records = seen;
    }
  }
  return { fields, consistency: counts.length === 0 ? 0 : records / counts.length };
}

/** Fields per non-blank record of the sample. */
function fieldCounts(sample: string, delimiter: string): number[] {
  return sampleRecords(sample, delimiter, SAMPLE_RECORDS).map((fields) => fields.length);
}
