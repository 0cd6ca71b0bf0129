// Guesses the field delimiter from the first records: the candidate that splits them into
// the same number of fields (more than one) most consistently wins.
import { CsvCursor } from './csvCursor.ts';

const CANDIDATES = [',', '\t', ';', '|'];
const SAMPLE_CHARS = 65_536;
const SAMPLE_RECORDS = 50;

/** `preferred` (tab for .tsv) wins ties and is the answer when nothing splits the text. */
export function detectDelimiter(text: string, preferred = ','): string {
  const sampleEnd = text.length > SAMPLE_CHARS ? text.lastIndexOf('\n', SAMPLE_CHARS) : text.length;
  const sample = text.slice(0, sampleEnd > 0 ? sampleEnd : SAMPLE_CHARS);
  let best = { delimiter: preferred, consistency: 0, fields: 1 };
  for (const delimiter of [preferred, ...CANDIDATES.filter((candidate) => candidate !== preferred)]) {
    const counts = fieldCounts(sample, delimiter);
    const tally = new Map<number, number>();
    for (const count of counts) tally.set(count, (tally.get(count) ?? 0) + 1);
    let fields = 1;
    let matching = 0;
    for (const [count, records] of tally) {
      if (records > matching || (records === matching && count > fields)) [fields, matching] = [count, records];
    }
    const consistency = counts.length === 0 ? 0 : matching / counts.length;
    if (fields > 1 && (consistency > best.consistency || (consistency === best.consistency && fields > best.fields))) {
      best = { delimiter, consistency, fields };
    }
  }
  return best.delimiter;
}

/** Fields per non-blank record of the sample. */
function fieldCounts(sample: string, delimiter: string): number[] {
  const cursor = new CsvCursor(sample, delimiter);
  const counts: number[] = [];
  while (!cursor.done && counts.length < SAMPLE_RECORDS) {
    const fields = cursor.next();
    if (fields.length > 1 || fields[0] !== '') counts.push(fields.length);
  }
  return counts;
}
