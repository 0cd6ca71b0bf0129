import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { makeCorruptXlsx, makeEmptyCsv, makeMixedWorkbook } from '../src/fixtures.ts';
import { readSpreadsheet, SpreadsheetError } from '../src/index.ts';
import { buildXlsx, readAll, sheetXml, utf8, xlsxFromRows } from './helpers.ts';

async function failure(bytes: Uint8Array, fileName: string): Promise<SpreadsheetError> {
  const error = await readAll(bytes, fileName).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(SpreadsheetError);
  return error as SpreadsheetError;
}

/** Every message must say what to do next, not only what is wrong. */
const ACTIONABLE = /(upload|save|export|move|remove)/i;

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function seededBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = 12345;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

describe('bad input is refused with a SpreadsheetError saying what to do', () => {
  it('empty: a 0-byte file', async () => {
    const error = await failure(makeEmptyCsv(), 'empty.csv');
    expect(error.code).toBe('empty');
    expect(error.message).toMatch(/empty \(0 bytes\)/);
    expect(error.message).toMatch(ACTIONABLE);
  });

  it('empty: a file of blank rows', async () => {
    const error = await failure(utf8('\r\n,,\r\n,\n'), 'blank.csv');
    expect(error.code).toBe('empty');
    expect(error.message).toMatch(/every row is blank/);
  });

  it('corrupt: a truncated .xlsx', async () => {
    const error = await failure(makeCorruptXlsx(await makeMixedWorkbook(50, 5)), 'cut.xlsx');
    expect(error.code).toBe('corrupt');
    expect(error.message).toMatch(/not a readable \.xlsx workbook \(the zip archive is damaged or incomplete\)/);
    expect(error.message).toMatch(/Re-save it from Excel as \.xlsx and upload it again/);
  });

  it('corrupt: damaged compressed sheet data inside an intact zip', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join('');
    const bytes = xlsxFromRows(rows, `A1:A200`);
    const name = strToU8('xl/worksheets/sheet1.xml');
    const header = Buffer.from(bytes).indexOf(Buffer.from(name));
    bytes.fill(0xff, header + name.length + 10, header + name.length + 60);
    const error = await failure(bytes, 'damaged.xlsx');
    expect(error.code).toBe('corrupt');
    expect(error.message).toMatch(/cannot be decompressed/);
    expect(error.cause).toBeDefined();
  });

  it('corrupt: a text file named .xlsx', async () => {
    const error = await failure(utf8('id,name\n1,a\n'), 'report.xlsx');
    expect(error.code).toBe('corrupt');
    expect(error.message).toMatch(ACTIONABLE);
  });

  it('corrupt: a CSV whose quoted field never closes names the row', async () => {
    const error = await failure(utf8('id,note\n1,fine\n2,"cut short\n3,lost\n'), 'cut.csv');
    expect(error.code).toBe('corrupt');
    expect(error.message).toMatch(/^A quote \(".*\) opens a field in row 3 of this file \(counting the header as row 1\) but never closes it/);
    expect(error.message).toMatch(ACTIONABLE);
  });

  it('corrupt: a zip without a workbook', async () => {
    const error = await failure(zipSync({ 'readme.txt': strToU8('hello') }), 'archive.xlsx');
    expect(error.code).toBe('corrupt');
    expect(error.message).toMatch(/holds no workbook/);
  });

  it('corrupt: binary garbage named .csv', async () => {
    const error = await failure(seededBytes(5000), 'garbage.csv');
    expect(error.code).toBe('corrupt');
    expect(error.message).toMatch(/binary data/);
    expect(error.message).toMatch(ACTIONABLE);
  });

  it('unsupported: a legacy .xls workbook', async () => {
    const error = await failure(new Uint8Array([...OLE_MAGIC, ...seededBytes(600)]), 'old.xls');
    expect(error.code).toBe('unsupported');
    expect(error.message).toMatch(/Excel 97-2003/);
    expect(error.message).toMatch(/save .*as.*\.xlsx|Save As > Excel Workbook \(\.xlsx\)/i);
  });

  it('unsupported: a password-protected workbook', async () => {
    const name = [...'EncryptedPackage'].flatMap((char) => [char.charCodeAt(0), 0]);
    const error = await failure(new Uint8Array([...OLE_MAGIC, ...seededBytes(100), ...name]), 'secret.xlsx');
    expect(error.code).toBe('unsupported');
    expect(error.message).toMatch(/password/);
  });

  it('unsupported: a web page saved as .xls, an OpenDocument spreadsheet, an unknown binary format', async () => {
    expect((await failure(utf8('<html><table><tr><td>1</td></tr></table></html>'), 'report.xls')).code).toBe('unsupported');
    const ods = zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'), 'content.xml': strToU8('<x/>') });
    const odsError = await failure(ods, 'calc.ods');
    expect(odsError).toMatchObject({ code: 'unsupported', message: expect.stringMatching(/OpenDocument/) });
    expect((await failure(seededBytes(3000), 'scan.pdf')).code).toBe('unsupported');
  });

  it('no_header: the first sheet is empty while another sheet has the data', async () => {
    const bytes = buildXlsx({
      sheets: [
        { name: 'Cover', xml: sheetXml('<row r="1"><c r="A1" s="0"/></row>') },
        { name: 'Data', xml: sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>', 'A1') },
      ],
    });
    const error = await failure(bytes, 'cover.xlsx');
    expect(error.code).toBe('no_header');
    expect(error.message).toMatch(/The first sheet "Cover" is empty/);
    expect(error.message).toMatch(/Move your table to the first sheet/);
  });

  it('empty: a workbook whose only sheet is empty', async () => {
    const error = await failure(xlsxFromRows(''), 'blank.xlsx');
    expect(error.code).toBe('empty');
  });
});

describe('errors that are not about the file', () => {
  it("passes the caller's own callback errors through untouched", async () => {
    const own = new Error('database is down');
    const promise = readSpreadsheet(utf8('a\n1\n'), {
      fileName: 'ok.csv',
      onColumns: () => {},
      onRows: () => {
        throw own;
      },
    });
    await expect(promise).rejects.toBe(own);
  });
});
