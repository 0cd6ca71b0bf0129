import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildXlsx, expectedCell, makeMixedWorkbook, sheetXml } from '@sift/excel/fixtures';
import { getDatasetPage } from '../src/index.ts';
import { startHarness, type Harness } from '../src/testing.ts';

// Parse threads get 24 MB of heap here (SIFT_PARSE_MEMORY_MB in production): enough to read an
// ordinary workbook, far too little for one with ~29 M characters of shared strings.
const LIMIT_MB = 24;

let h: Harness;
const owner = 'memory';

/** A one-sheet workbook whose shared string table holds 400,000 distinct items (~29 M characters). */
function workbookWithHugeSharedStrings(): Uint8Array {
  const words = ['patient', 'visit', 'dose', 'daily', 'baseline', 'adverse', 'event', 'none', 'reported', 'left', 'right', 'knee', 'study', 'arm', 'week', 'score'];
  const phrases = Array.from({ length: 4096 }, (_, n) => Array.from({ length: 8 }, (_, w) => words[((n >> ((w * 3) % 12)) & 15) ^ w]).join(' '));
  const items: string[] = [];
  for (let i = 0; i < 400_000; i++) items.push(`<si><t>${i} ${phrases[(i * 2654435761) >>> 20]}</t></si>`);
  const rows = '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row>';
  return buildXlsx({ sheets: [{ name: 'Notes', xml: sheetXml(rows) }], sharedStrings: items.join('') });
}

async function startSpreadsheet(fileName: string, bytes: Uint8Array) {
  const upload = await h.upload(owner, fileName, bytes);
  return (await h.tasks.create(owner, { kind: 'spreadsheet', input: { uploadId: upload.id } })).id;
}

async function finished(id: string) {
  return (await h.waitFor(owner, id, h.finished, 60_000)).at(-1)!;
}

beforeAll(async () => {
  h = await startHarness({ settings: { parseMemoryMb: LIMIT_MB } });
});
afterAll(() => h.stop());

describe('the memory cap on parse threads', () => {
  it('ends a file that needs more memory than the cap in error at once, with what to do, while other tasks finish', async () => {
    const huge = await startSpreadsheet('notes.xlsx', workbookWithHugeSharedStrings());
    const ordinary = await startSpreadsheet('visits.xlsx', await makeMixedWorkbook(300, 12)); // runs alongside
    const failed = await finished(huge);
    expect(failed.state).toBe('error');
    expect(failed.error).toEqual({
      code: 'too_large_to_read',
      message: `Reading this file needed more than the ${LIMIT_MB} MB of memory one file may use. Split it into smaller files (fewer rows or fewer sheets) and upload them one at a time, or ask the operator to raise SIFT_PARSE_MEMORY_MB.`,
    });
    expect((await h.db.task.findUniqueOrThrow({ where: { id: huge } })).attempts).toBe(1); // not retried
    expect(await finished(ordinary)).toMatchObject({ state: 'ready', result: { rowCount: 300, columnCount: 12 } });
  });

  it('reads the next file in the same process as usual', async () => {
    const id = await startSpreadsheet('after.xlsx', await makeMixedWorkbook(500, 12));
    expect(await finished(id)).toMatchObject({ state: 'ready', result: { rowCount: 500, columnCount: 12 } });
    const page = await getDatasetPage(h, owner, id, { offset: 499, limit: 1 });
    expect(page?.rows[0]).toEqual(Array.from({ length: 12 }, (_, col) => expectedCell(499, col)));
  });
});
