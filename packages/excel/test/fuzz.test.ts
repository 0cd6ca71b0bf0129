// Deterministic damage to a small workbook (stored and compressed) and to CSV files: every
// outcome must be rows or a SpreadsheetError, never a raw error and never a hang. The
// reader's own checks must catch the damage: the last-resort wrapper that turns any error
// into a SpreadsheetError must not be what saves it.
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { makeSampleCsv } from '../src/fixtures.ts';
import type { FuzzCase, FuzzOutcome } from './fuzzWorker.ts';
import { buildXlsx, gb18030, sheetXml } from './helpers.ts';

const STALL_MS = 20_000;

const rows =
  '<row r="1" spans="1:5"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>when</t></is></c><c r="D1" t="s"><v>2</v></c><c r="E1" t="s"><v>3</v></c></row>' +
  '<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="s"><v>4</v></c><c r="C2" s="1"><v>45352.5</v></c><c r="D2" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="E2" t="b"><v>1</v></c></row>' +
  '<row r="4"><c r="A4"><v>12345678901234567890</v></c><c r="B4" t="inlineStr"><is><r><t>rich </t></r><r><t>text</t></r></is></c><c r="C4" t="d"><v>2024-03-01T08:00:00</v></c><c r="D4"><f>A4*2</f></c></row>' +
  '<row r="5" s="2" customFormat="1"/>';

function workbook(level?: 0): Uint8Array {
  return buildXlsx({
    sheets: [
      { name: 'Data', xml: sheetXml(rows, 'A1:E5') },
      { name: 'Other', xml: sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>', 'A1'), state: 'hidden' },
    ],
    sharedStrings: ['id', 'name', 'error', 'flag', '王芳 😀'],
    numFmtIds: [0, 22, 0],
    ...(level === 0 ? { level } : {}),
  });
}

/** A fixed-seed generator, so every run damages the same bytes. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32;
  };
}

function mutations(name: string, fileName: string, original: Uint8Array, flips: number, seed: number): FuzzCase[] {
  const next = random(seed);
  const cases: FuzzCase[] = [];
  for (let i = 1; i <= 40; i++) {
    const at = Math.floor((original.length * i) / 41);
    cases.push({ name: `${name} cut at ${at}`, fileName, bytes: original.slice(0, at) });
  }
  for (let i = 0; i < flips; i++) {
    const bytes = original.slice();
    const count = i % 3 === 0 ? 5 : 1;
    for (let j = 0; j < count; j++) {
      const at = Math.floor(next() * bytes.length);
      bytes[at] = (bytes[at] as number) ^ (1 + Math.floor(next() * 255));
    }
    cases.push({ name: `${name} flip ${i}`, fileName, bytes });
  }
  return cases;
}

function runInWorker(cases: FuzzCase[]): Promise<FuzzOutcome[]> {
  return new Promise((resolve, reject) => {
    const outcomes: FuzzOutcome[] = [];
    const worker = new Worker(new URL('./fuzzWorker.ts', import.meta.url), { workerData: cases });
    let timer: NodeJS.Timeout;
    const watch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        void worker.terminate();
        reject(new Error(`hung on "${cases[outcomes.length]?.name}"`));
      }, STALL_MS);
    };
    watch();
    worker.on('message', (outcome: FuzzOutcome) => {
      outcomes.push(outcome);
      watch();
      if (outcomes.length === cases.length) {
        clearTimeout(timer);
        void worker.terminate();
        resolve(outcomes);
      }
    });
    worker.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

describe('damaged input', () => {
  it('gives rows or a SpreadsheetError for every mutation, and never hangs', async () => {
    const cases = [
      ...mutations('stored xlsx', 'damaged.xlsx', workbook(0), 200, 1),
      ...mutations('deflated xlsx', 'damaged.xlsx', workbook(), 60, 2),
      ...mutations('csv', 'damaged.csv', makeSampleCsv(), 60, 3),
      ...mutations('gbk csv', 'damaged.csv', gb18030('姓名,年龄\r\n王芳,"30"\r\n李雷,45\r\n'), 30, 4),
    ];
    expect(cases.length).toBeGreaterThan(500);
    const outcomes = await runInWorker(cases);
    const raw = outcomes.filter((outcome) => outcome.result === 'raw error').map((outcome) => `${cases[outcome.index]?.name}: ${JSON.stringify(outcome)}`);
    expect(raw).toEqual([]);
    const internal = outcomes.flatMap((outcome) => (outcome.result === 'refused' && outcome.internal ? [`${cases[outcome.index]?.name}: ${outcome.internal}`] : []));
    expect(internal).toEqual([]);
    // The damage is varied enough to exercise both paths.
    expect(outcomes.some((outcome) => outcome.result === 'rows')).toBe(true);
    expect(outcomes.some((outcome) => outcome.result === 'refused')).toBe(true);
  }, 120_000);
});
