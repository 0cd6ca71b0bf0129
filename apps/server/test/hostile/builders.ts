// Byte-level builders for the hostile corpus: files no well-behaved writer produces (an
// encrypted-workbook container, an image with a spreadsheet's name, seeded garbage), made in
// memory from a fixed seed. Nothing is downloaded. Zip bombs come from @sift/excel/zipFixtures.
import CFB from 'cfb';
import { crc32, deflateSync } from 'node:zlib';

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
