// Zip archives built byte by byte, for readers' tests: parts deflated on their own, parts that
// repeat one compressed block so a gigabyte of XML costs about a megabyte (zip bombs, and real
// sheets that pack unusually well), and sizes in the headers that can lie. Node's zlib only.
import { constants, crc32, deflateRawSync } from 'node:zlib';

const encoder = new TextEncoder();

export interface ZipPart {
  name: string;
  /** Raw deflate data (method 8). */
  deflated: Uint8Array;
  crc: number;
  size: number;
  /** What the headers claim the part unpacks to, when it should lie. */
  claimedSize?: number;
}

/** A part deflated as it is, for the ordinary parts around a bomb. */
export function deflatedPart(name: string, text: string): ZipPart {
  const bytes = encoder.encode(text);
  return { name, deflated: deflateRawSync(bytes), crc: crc32(bytes), size: bytes.length };
}

/**
 * A part that unpacks to `head`, then `block` repeated `times` times, then `tail`, without ever
 * compressing more than one block: each piece is compressed on its own and ends in a full flush
 * (byte-aligned, no back-references across pieces), so the compressed block can be repeated as
 * bytes. A gigabyte of repeated XML costs about a megabyte.
 */
export function repeatedPart(name: string, pieces: { head: string; block: string; times: number; tail: string }, claimedSize?: number): ZipPart {
  const head = encoder.encode(pieces.head);
  const block = encoder.encode(pieces.block);
  const tail = encoder.encode(pieces.tail);
  const flushed = (bytes: Uint8Array) => deflateRawSync(bytes, { finishFlush: constants.Z_FULL_FLUSH, level: 9 });
  const packedBlock = flushed(block);
  const deflated = Buffer.concat([flushed(head), ...Array.from({ length: pieces.times }, () => packedBlock), deflateRawSync(tail)]);
  let crc = crc32(head);
  for (let i = 0; i < pieces.times; i++) crc = crc32(block, crc);
  crc = crc32(tail, crc);
  return { name, deflated, crc, size: head.length + block.length * pieces.times + tail.length, claimedSize };
}

/**
 * A zip header: its signature, then from `fieldsAt` the run both header kinds share (version
 * needed, flags, method, time, date, CRC, sizes, name length), with sizes as the part says.
 */
function zipHeader(length: number, signature: number, fieldsAt: number, part: ZipPart): Buffer {
  const header = Buffer.alloc(length);
  header.writeUInt32LE(signature, 0);
  header.writeUInt16LE(20, fieldsAt);
  header.writeUInt16LE(8, fieldsAt + 4);
  header.writeUInt32LE(part.crc, fieldsAt + 10);
  header.writeUInt32LE(part.deflated.length, fieldsAt + 14);
  header.writeUInt32LE(part.claimedSize ?? part.size, fieldsAt + 18);
  header.writeUInt16LE(Buffer.byteLength(part.name), fieldsAt + 22);
  return header;
}

/** A zip archive of already-deflated parts, with sizes as each part says (true or claimed). */
export function zipOf(parts: ZipPart[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    locals.push(zipHeader(30, 0x04034b50, 4, part), name, Buffer.from(part.deflated));
    const central = zipHeader(46, 0x02014b50, 6, part);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + part.deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** The parts every workbook needs (content types, relationships, one sheet), minus the ones `own` replaces. */
export function workbookParts(own: ZipPart[]): ZipPart[] {
  const ordinary = [
    deflatedPart('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    deflatedPart('_rels/.rels', `<?xml version="1.0"?><Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    deflatedPart('xl/workbook.xml', `<?xml version="1.0"?><workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    deflatedPart(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0"?><Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
    ),
    deflatedPart('xl/styles.xml', `<?xml version="1.0"?><styleSheet xmlns="${MAIN_NS}"><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>`),
    deflatedPart('xl/sharedStrings.xml', `<?xml version="1.0"?><sst xmlns="${MAIN_NS}"><si><t>name</t></si></sst>`),
    deflatedPart('xl/worksheets/sheet1.xml', `<?xml version="1.0"?><worksheet xmlns="${MAIN_NS}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`),
  ];
  const replaced = new Set(own.map((part) => part.name));
  return [...ordinary.filter((part) => !replaced.has(part.name)), ...own];
}

export const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${MAIN_NS}"><sheetData>`;
export const SHEET_TAIL = '</sheetData></worksheet>';
export const SST_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="${MAIN_NS}">`;

/** `unit` repeated to about one MiB, the block a bomb repeats. */
export function mebibyteOf(unit: string): string {
  return unit.repeat(Math.floor((1 << 20) / unit.length));
}
