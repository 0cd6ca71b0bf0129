// Byte-level builders for the hostile corpus: files no well-behaved writer produces (zip bombs
// with honest or lying sizes, an encrypted-workbook container, an image with a spreadsheet's
// name), made in memory from a fixed seed. Nothing is downloaded.
import CFB from 'cfb';
import { constants, crc32, deflateRawSync, deflateSync } from 'node:zlib';

const encoder = new TextEncoder();

/** Deterministic pseudo-random bytes (mulberry32), for garbage that is the same on every run. */
export function seededBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    bytes[i] = (t ^ (t >>> 14)) >>> 24;
  }
  return bytes;
}

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

/** A 1x1 PNG image: signature, IHDR, IDAT, IEND, each chunk with its CRC. */
export function tinyPng(): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const pixels = Buffer.from([0, 0x2a, 0x7f, 0xd4, 0xff]); // filter byte, one pixel
  return new Uint8Array(
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(pixels)), chunk('IEND', new Uint8Array(0))]),
  );
}

/**
 * What Excel saves when a workbook gets a password: not a zip but an OLE compound file holding
 * the encryption parameters (EncryptionInfo, agile encryption 4.4) and the encrypted zip
 * (EncryptedPackage: its size, then ciphertext, here seeded noise).
 */
export function encryptedWorkbook(): Uint8Array {
  const container = CFB.utils.cfb_new();
  const info = Buffer.concat([
    Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]),
    Buffer.from(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption">' +
        '<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/></encryption>',
    ),
  ]);
  const size = Buffer.alloc(8);
  size.writeUInt32LE(6000, 0);
  CFB.utils.cfb_add(container, 'EncryptionInfo', info);
  CFB.utils.cfb_add(container, 'EncryptedPackage', Buffer.concat([size, seededBytes(6016, 41)]));
  return new Uint8Array(CFB.write(container, { type: 'buffer', fileType: 'cfb' }) as Buffer);
}
