// The limits that stop a zip bomb, and a real workbook that packs as well as one: a compression
// ratio refuses nothing; a suspicious one only makes the reader check a part before keeping any
// of it. Bombs are built from one compressed block repeated (@sift/excel/zipFixtures), so a
// gigabyte of XML costs about a megabyte and the tests stay fast.
import { describe, expect, it } from 'vitest';
import { readSpreadsheet, SpreadsheetError } from '../src/index.ts';
import { MAX_EMPTY_RUN_BYTES } from '../src/xlsx/readXlsx.ts';
import { findEntry, MAX_SHARED_STRINGS_BYTES, openZip } from '../src/xlsx/zip.ts';
import { deflatedPart, mebibyteOf, repeatedPart, SHEET_HEAD, SHEET_TAIL, SST_HEAD, workbookParts, zipOf } from '../src/zipFixtures.ts';
import { readAll } from './helpers.ts';

const ACTIONABLE = /(upload|save|export|delete)/i;
const MIB = 1024 * 1024;

/** Reads to the end, counting the rows handed on; resolves with the error the read ended in. */
async function refusal(bytes: Uint8Array): Promise<{ error: SpreadsheetError; rowsKept: number }> {
  let rowsKept = 0;
  const error = await readSpreadsheet(bytes, {
    fileName: 'bomb.xlsx',
    onColumns: () => {},
    onRows: (rows) => {
      rowsKept += rows.length;
    },
  }).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(SpreadsheetError);
  return { error: error as SpreadsheetError, rowsKept };
}

/** The header row a bomb's sheet starts with, so the reader has a table to fill. */
const HEADER_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row>';

describe('a workbook that packs 121:1 or better with real content', () => {
  it('reads completely (it was refused as a zip bomb at 100:1)', async () => {
    const phrases = ['attended every scheduled visit', 'missed the 6-month visit', 'withdrew before randomisation'];
    const note = (row: number) => `Participant ${phrases[row % 3]}. `.repeat(100);
    let rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>follow-up note</t></is></c></row>';
    for (let r = 2; r <= 3001; r++) rows += `<row r="${r}"><c r="A${r}"><v>${r - 1}</v></c><c r="B${r}" t="inlineStr"><is><t>${note(r)}</t></is></c></row>`;
    // zlib at its default level, as Excel's own writer packs.
    const bytes = zipOf(workbookParts([deflatedPart('xl/worksheets/sheet1.xml', `${SHEET_HEAD}${rows}${SHEET_TAIL}`)]));
    const sheet = findEntry(openZip(bytes), 'xl/worksheets/sheet1.xml')!;
    expect(sheet.uncompressedSize / sheet.compressedSize).toBeGreaterThanOrEqual(121);

    const { columns, rows: read } = await readAll(bytes, 'notes.xlsx');
    expect(columns).toEqual(['id', 'follow-up note']);
    expect(read).toHaveLength(3000);
    expect(read[2999]).toEqual([3000, note(3001)]);
  });
});

describe('zip bombs are refused by what they would cost, with a message saying what to do', () => {
  it('a sheet of rows past Excel\'s 1,048,576 is refused by its survey, before any row is kept', async () => {
    const sheet = repeatedPart('xl/worksheets/sheet1.xml', { head: SHEET_HEAD + HEADER_ROW, block: mebibyteOf('<row><c t="inlineStr"><is><t>boom</t></is></c></row>'), times: 3000, tail: SHEET_TAIL }, 40_000);
    const { error, rowsKept } = await refusal(zipOf(workbookParts([sheet])));
    expect(error).toMatchObject({ code: 'too_large', message: expect.stringMatching(/sheet1\.xml unpacks to more than 1,048,576 rows/) });
    expect(error.message).toMatch(ACTIONABLE);
    expect(rowsKept).toBe(0);
  });

  it('a sheet of empty styled rows stops 128 MB past its last value', async () => {
    const cells = Array.from({ length: 64 }, () => '<c s="1"/>').join('');
    const sheet = repeatedPart('xl/worksheets/sheet1.xml', { head: SHEET_HEAD + HEADER_ROW, block: mebibyteOf(`<row s="1" customFormat="1">${cells}</row>`), times: 3000, tail: SHEET_TAIL }, 40_000);
    const { error, rowsKept } = await refusal(zipOf(workbookParts([sheet])));
    expect(MAX_EMPTY_RUN_BYTES).toBe(128 * MIB);
    expect(error).toMatchObject({
      code: 'too_large',
      message: expect.stringMatching(/"Data" goes on for more than 128 MB of empty rows after its last value \(row 1\).*Delete the empty rows below row 1/),
    });
    expect(rowsKept).toBe(0);
  });

  it('shared strings are measured before any is kept, against their own 256 MB cap', async () => {
    const strings = repeatedPart('xl/sharedStrings.xml', { head: SST_HEAD, block: mebibyteOf('<si><t>lol</t></si>'), times: 3000, tail: '</sst>' }, 40_000);
    const { error } = await refusal(zipOf(workbookParts([strings])));
    expect(MAX_SHARED_STRINGS_BYTES).toBe(256 * MIB);
    expect(error).toMatchObject({ code: 'too_large', message: expect.stringMatching(/sharedStrings\.xml unpacks to more than 256 MB/) });
    expect(error.message).toMatch(ACTIONABLE);
  });

  it('a failed sheet still lists the workbook\'s sheets, so another can be picked', async () => {
    const sheet = repeatedPart('xl/worksheets/sheet1.xml', { head: SHEET_HEAD + HEADER_ROW, block: mebibyteOf('<row><c t="inlineStr"><is><t>boom</t></is></c></row>'), times: 60, tail: SHEET_TAIL });
    const { error } = await refusal(zipOf(workbookParts([sheet])));
    expect(error.workbook).toEqual({ sheets: [{ name: 'Data', hidden: false }], failedSheet: 'Data' });
  });
});
