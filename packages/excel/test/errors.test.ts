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

  it('unsupported, by content whatever the name: .xlsb, SpreadsheetML 2003, flat OpenDocument, HTML', async () => {
    const xlsb = zipSync({
      '_rels/.rels': strToU8('<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>'),
      'xl/workbook.bin': new Uint8Array([0x83, 0x01, 0x00, 0x80]),
    });
    expect(await failure(xlsb, 'data.xlsb')).toMatchObject({ code: 'unsupported', message: expect.stringMatching(/Excel binary workbook \(\.xlsb\).*Save As > Excel Workbook \(\.xlsx\)/) });
    const spreadsheetMl =
      '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="S"><Table><Row><Cell><Data ss:Type="String">a</Data></Cell></Row></Table></Worksheet></Workbook>';
    const fods = '<?xml version="1.0" encoding="UTF-8"?>\n<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:mimetype="application/vnd.oasis.opendocument.spreadsheet"></office:document>';
    for (const [text, name, kind] of [
      [spreadsheetMl, 'export.xml', /Excel 2003 XML spreadsheet/],
      [spreadsheetMl, 'export.csv', /Excel 2003 XML spreadsheet/],
      [fods, 'calc.fods', /flat OpenDocument spreadsheet/],
      ['<html><body><table><tr><td>1</td></tr></table></body></html>', 'report.txt', /web page/],
    ] as const) {
      const error = await failure(utf8(text), name);
      expect(error.code, name).toBe('unsupported');
      expect(error.message, name).toMatch(kind);
      expect(error.message, name).toMatch(ACTIONABLE);
    }
    // A CSV whose first cell starts with "<" is still a CSV.
    expect((await readAll(utf8('<5 years,n\nyes,1\n'), 'ages.csv')).columns).toEqual(['<5 years', 'n']);
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

describe('limits: a file cannot make the reader unpack, allocate or store without bound', () => {
  it('too_large: a part whose declared size is over the limit, before inflating it', async () => {
    const bytes = xlsxFromRows('<row r="1"><c r="A1"><v>1</v></c></row>');
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    // The central directory entry's uncompressed size sits 22 bytes before its name.
    const central = Buffer.from(bytes).lastIndexOf(name);
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(central - 22, 0xffff_fff0, true);
    const error = await failure(bytes, 'declared.xlsx');
    expect(error).toMatchObject({ code: 'too_large', message: expect.stringMatching(/unpacks to more than 2,048 MB/) });
  });

  it('corrupt: a <!DOCTYPE> (entity declarations, "billion laughs") in any part', async () => {
    const dtd = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>';
    const sheet = sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row>').replace('?>', `?>${dtd}`);
    const error = await failure(buildXlsx({ sheets: [{ name: 'Data', xml: sheet }] }), 'laughs.xlsx');
    expect(error).toMatchObject({ code: 'corrupt', message: expect.stringMatching(/sheet1\.xml contains a <!DOCTYPE> declaration/) });
    expect(error.message).toMatch(ACTIONABLE);
  });

  it('too_large: a CSV wider than the 16,384 columns of a spreadsheet', async () => {
    const error = await failure(utf8(`${'x,'.repeat(16_384)}x\n`), 'wide.csv');
    expect(error).toMatchObject({ code: 'too_large', message: expect.stringMatching(/16,385 columns, more than the 16,384/) });
  });

  it('too_large: cells at opposite corners of the grid, refused before the empty rows between them are made', async () => {
    const rows = '<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>2</v></c></row><row r="1048576"><c r="A1048576"><v>3</v></c></row>';
    const error = await failure(xlsxFromRows(rows), 'corners.xlsx');
    expect(error).toMatchObject({ code: 'too_large', message: expect.stringMatching(/more than 1,048,574 rows of 16,384 columns/) });
    expect(error.message).toMatch(ACTIONABLE);
  });

  it('reads U+0000 (which PostgreSQL cannot store) as U+FFFD, in xlsx escapes and in CSV bytes past the binary check', async () => {
    const xlsx = await readAll(xlsxFromRows('<row r="1"><c r="A1" t="inlineStr"><is><t>h</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>a&#0;b_x0000_c</t></is></c></row>'), 'nul.xlsx');
    expect(xlsx.rows).toEqual([['a\uFFFDb\uFFFDc']]);
    const csv = await readAll(utf8(`h\n${'row\n'.repeat(2000)}bad\0byte\n`), 'nul.csv');
    expect(csv.rows.at(-1)).toEqual(['bad\uFFFDbyte']);
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
