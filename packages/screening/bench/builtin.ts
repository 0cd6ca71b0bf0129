// Throughput of the built-in screener on 10,000 generated records with realistic abstracts.
// Records are put together from the titles and abstract sentences of the labelled test set,
// chosen by fixed index arithmetic (the same records on every run), and screened against each
// of the three review questions. Usage: npm run bench -w @sift/screening [-- runs] (default 5).
import { readFileSync } from 'node:fs';
import { createBuiltinScreener, type ScreeningRecord } from '../src/index.ts';
import { reviewQuestions } from '../test/fixtures/labelled.ts';

const runs = Number(process.argv[2] ?? 5);
const RECORDS = 10_000;
const SEED = 20_251_124;

const labelled = reviewQuestions.flatMap((question) => question.records);
const titles = labelled.map((record) => record.title).filter((title): title is string => title !== null);
const sentences = labelled.flatMap((record) => (record.abstract ?? '').split(/(?<=\.)\s+(?=[A-Z])/)).filter((sentence) => sentence.length > 40);
const languages = ['English', 'English', 'English', 'eng', 'Chinese', 'German'];
const types = ['Journal Article', 'Journal Article; Randomized Controlled Trial', 'Review', 'Case Reports', null];

/** A deterministic pick: different primes per field spread the choices without a random source. */
function pick<T>(items: readonly T[], record: number, field: number): T {
  return items[(record * 7919 + field * 104_729 + SEED) % items.length] as T;
}

function makeRecords(count: number): ScreeningRecord[] {
  const records: ScreeningRecord[] = [];
  for (let i = 0; i < count; i++) {
    const length = 8 + (i % 5);
    const abstract = i % 20 === 0 ? null : Array.from({ length }, (_, k) => pick(sentences, i, k + 1)).join(' ');
    records.push({
      id: String(i),
      title: pick(titles, i, 0),
      abstract,
      year: 1995 + ((i * 31) % 30),
      language: pick(languages, i, 50),
      publicationType: pick(types, i, 51),
      keywords: i % 3 === 0 ? ['diabetes', 'exercise', 'cohort'] : [],
    });
  }
  return records;
}

const records = makeRecords(RECORDS);
const words = records.reduce((total, record) => total + (record.abstract?.split(/\s+/).length ?? 0), 0);
console.log(`node ${process.version}; ${RECORDS.toLocaleString('en')} records, abstracts of ${Math.round(words / records.filter((record) => record.abstract).length)} words on average; ${runs} runs each`);

/**
 * CPU time of this thread in ms. On a machine shared with other work the wall clock mostly
 * measures the other work; the main thread's CPU time (Linux /proc, 10 ms ticks) does not, and
 * unlike process.cpuUsage() it leaves out the garbage collector's and compiler's helper threads.
 */
function threadCpuMs(): number {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  }
}

/** Median and best of the runs as records per second. On a shared machine the CPU time is the steadier figure. */
function rate(label: string, times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const perSecond = (ms: number) => Math.round((RECORDS / ms) * 1000).toLocaleString('en');
  return `${label} median ${perSecond(sorted[Math.floor(sorted.length / 2)] as number).padStart(7)} records/s (best ${perSecond(sorted[0] as number)})`;
}

const screener = createBuiltinScreener();
for (const question of reviewQuestions) {
  const wall: number[] = [];
  const cpu: number[] = [];
  let excluded = 0;
  for (let run = 0; run < runs; run++) {
    // A fresh criteria object each run, so compiling the criteria is part of the time.
    const criteria = structuredClone(question.criteria);
    const started = performance.now();
    const cpuStarted = threadCpuMs();
    const decisions = await screener.screen(records, criteria);
    cpu.push(threadCpuMs() - cpuStarted);
    wall.push(performance.now() - started);
    excluded = decisions.filter((decision) => decision.decision === 'exclude').length;
  }
  console.log(`${question.name.slice(0, 60).padEnd(60)} ${rate('wall', wall)} | ${rate('thread CPU', cpu)} | ${excluded} excluded`);
}
