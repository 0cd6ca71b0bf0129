// Random access to the parts of a zip archive held in memory: the central directory is
// read once, small parts are inflated whole, and big parts (sheet XML, shared strings) are
// streamed through native zlib so a huge sheet never exists decompressed all at once.
// The sizes a zip declares can lie, so the limits below are applied to the bytes actually
// inflated: per part, by what the reader does with it, and for the whole file over every pass.
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { SpreadsheetError, spreadsheetErrors } from '../errors.ts';

export interface ZipEntry {
  name: string;
  method: number;
  encrypted: boolean;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

export interface ZipArchive {
  bytes: Uint8Array;
  /** By lower-cased, forward-slashed name: zip writers disagree on case and separators. */
  entries: Map<string, ZipEntry>;
  /** Bytes inflated from this archive so far, every part and every pass over it counted. */
  inflated: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
const CHUNK_BYTES = 256 * 1024;
const MIB = 1024 * 1024;
/** Parts read whole (workbook, relationships, styles): kilobytes in real files, a few MB in bloated ones. */
export const MAX_WHOLE_PART_BYTES = 64 * MIB;
/** A sheet is streamed and never held: a 100 MB workbook's sheet unpacks to about 1 GB. */
export const MAX_SHEET_PART_BYTES = 2048 * MIB;
/**
 * The shared strings are all held in memory while the sheet is read, at up to twice their XML
 * size for many short strings, so they get a lower cap: 20,000 abstracts take about 30 MB.
 */
export const MAX_SHARED_STRINGS_BYTES = 256 * MIB;
/** Everything inflated from one file, every pass counted: a surveyed 2 GB sheet read again still fits. */
export const MAX_TOTAL_INFLATED_BYTES = 6144 * MIB;
/**
 * Sheet XML deflates about 5 to 1 and shared strings about 12 to 1, but real files with many
 * empty styled rows or repeated long strings reach 100 to 1 and more. A ratio past this refuses
 * nothing: it makes the reader check the part against its limits before it keeps anything of it.
 */
export const SUSPECT_RATIO = 100;
/**
 * How much of a part the ratio is measured on (inflated once more when the part is read: 1 to 4 ms
 * for the 3,339 x 151 workbook's sheet and shared strings); a part smaller than this cannot do harm.
 */
const PROBE_BYTES = MIB;
// Entity declarations live in a DTD, which OOXML forbids (ECMA-376 Part 2, 8.1.4) and Excel never writes.
const DOCTYPE = Buffer.from('<!DOCTYPE');
const utf8 = new TextDecoder();

const damaged = (detail: string, cause?: unknown) => spreadsheetErrors.damagedZip(detail, cause);

export function openZip(bytes: Uint8Array): ZipArchive {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  let count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  if ((count === 0xffff || offset === 0xffffffff) && eocd >= 20 && view.getUint32(eocd - 20, true) === ZIP64_LOCATOR) {
    const record = Number(view.getBigUint64(eocd - 12, true));
    if (record + 56 > bytes.length || view.getUint32(record, true) !== ZIP64_EOCD) throw damaged('the zip64 directory is missing');
    count = Number(view.getBigUint64(record + 32, true));
    offset = Number(view.getBigUint64(record + 48, true));
  }
  const entries = new Map<string, ZipEntry>();
  for (let i = 0; i < count; i++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== CENTRAL_HEADER) throw damaged('the file list is damaged');
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    if (offset + 46 + nameLength + extraLength + commentLength > bytes.length) throw damaged('the file list is damaged');
    const name = utf8.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)).replaceAll('\\', '/');
    const entry: ZipEntry = {
      name,
      method: view.getUint16(offset + 10, true),
      encrypted: (view.getUint16(offset + 8, true) & 1) === 1,
      compressedSize: view.getUint32(offset + 20, true),
      uncompressedSize: view.getUint32(offset + 24, true),
      localOffset: view.getUint32(offset + 42, true),
    };
    applyZip64Extra(view, offset + 46 + nameLength, extraLength, entry);
    entries.set(name.toLowerCase(), entry);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return { bytes, entries, inflated: 0 };
}

function findEndOfCentralDirectory(view: DataView): number {
  // The record sits at the very end, followed only by an optional comment of up to 64 KiB.
  const lowest = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let at = view.byteLength - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) === EOCD) return at;
  }
  throw damaged('the zip archive is damaged or incomplete');
}

/** Sizes and offsets too big for 32 bits live in the zip64 extra field, in this fixed order. */
function applyZip64Extra(view: DataView, start: number, length: number, entry: ZipEntry): void {
  for (let at = start; at + 4 <= start + length; ) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 1) {
      let field = at + 4;
      const fieldEnd = Math.min(field + size, start + length);
      const next = () => {
        if (field + 8 > fieldEnd) throw damaged('the file list is damaged');
        const value = Number(view.getBigUint64(field, true));
        field += 8;
        return value;
      };
      if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localOffset === 0xffffffff) entry.localOffset = next();
      return;
    }
    at += 4 + size;
  }
}

export function findEntry(zip: ZipArchive, name: string): ZipEntry | undefined {
  return zip.entries.get(name.replace(/^\//, '').toLowerCase());
}

function compressedData(zip: ZipArchive, entry: ZipEntry): Uint8Array {
  const { bytes } = zip;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_HEADER) throw damaged(`the part ${entry.name} is missing`);
  if (entry.encrypted) throw spreadsheetErrors.passwordProtected();
  if (entry.method !== STORED && entry.method !== DEFLATED) throw damaged(`the part ${entry.name} uses an unusual compression method`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressedSize > bytes.length) throw damaged(`the part ${entry.name} is cut short`);
  return bytes.subarray(start, start + entry.compressedSize);
}

/** A small part (workbook, relationships, styles) as text. */
export function readEntryText(zip: ZipArchive, entry: ZipEntry): string {
  refuseDeclaredSize(entry, MAX_WHOLE_PART_BYTES);
  const data = compressedData(zip, entry);
  let bytes = data;
  if (entry.method !== STORED) {
    try {
      // The cap makes zlib stop at the limit instead of allocating what the bomb unpacks to.
      bytes = inflateRawSync(data, { maxOutputLength: MAX_WHOLE_PART_BYTES });
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw spreadsheetErrors.partTooLarge(entry.name, MAX_WHOLE_PART_BYTES);
      throw damaged(`the part ${entry.name} cannot be decompressed`, error);
    }
    countInflated(zip, bytes.length);
  }
  refuseDoctype(entry, bytes);
  return utf8.decode(bytes);
}

/**
 * A part's decompressed bytes in chunks, refused past `limit` bytes; zlib works on the thread pool
 * while the caller parses the previous chunk.
 */
export async function* entryChunks(zip: ZipArchive, entry: ZipEntry, limit: number): AsyncGenerator<Uint8Array> {
  refuseDeclaredSize(entry, limit);
  const data = compressedData(zip, entry);
  if (entry.method === STORED) {
    refuseDoctype(entry, data.subarray(0, CHUNK_BYTES));
    for (let at = 0; at < data.length; at += CHUNK_BYTES) yield data.subarray(at, at + CHUNK_BYTES);
    return;
  }
  const inflater = createInflateRaw({ chunkSize: CHUNK_BYTES });
  inflater.end(data);
  let inflated = 0;
  try {
    for await (const chunk of inflater as AsyncIterable<Uint8Array>) {
      if (inflated === 0) refuseDoctype(entry, chunk);
      inflated += chunk.length;
      if (inflated > limit) throw spreadsheetErrors.partTooLarge(entry.name, limit);
      countInflated(zip, chunk.length);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof SpreadsheetError) throw error;
    throw damaged(`the part ${entry.name} cannot be decompressed`, error);
  } finally {
    inflater.destroy();
  }
}

/**
 * Whether a part packs tighter than SUSPECT_RATIO, measured on its first PROBE_BYTES: such a part
 * is checked against its limits (surveyed, or measured) before the reader keeps anything of it.
 */
export async function packsSuspiciouslyWell(zip: ZipArchive, entry: ZipEntry): Promise<boolean> {
  if (entry.method === STORED) return false;
  const inflater = createInflateRaw({ chunkSize: CHUNK_BYTES });
  inflater.end(compressedData(zip, entry));
  let inflated = 0;
  try {
    for await (const chunk of inflater as AsyncIterable<Uint8Array>) {
      inflated += chunk.length;
      countInflated(zip, chunk.length);
      // bytesWritten counts the packed bytes zlib has consumed so far, not the whole input.
      if (inflated >= PROBE_BYTES) return inflated > SUSPECT_RATIO * inflater.bytesWritten;
    }
    return false;
  } catch (error) {
    if (error instanceof SpreadsheetError) throw error;
    throw damaged(`the part ${entry.name} cannot be decompressed`, error);
  } finally {
    inflater.destroy();
  }
}

/** Inflates a whole part only to check it against `limit` (and the file's total), keeping nothing. */
export async function measurePart(zip: ZipArchive, entry: ZipEntry, limit: number, signal: AbortSignal | undefined): Promise<void> {
  for await (const _chunk of entryChunks(zip, entry, limit)) signal?.throwIfAborted();
}

function countInflated(zip: ZipArchive, bytes: number): void {
  zip.inflated += bytes;
  if (zip.inflated > MAX_TOTAL_INFLATED_BYTES) throw spreadsheetErrors.fileTooLarge(MAX_TOTAL_INFLATED_BYTES);
}

function refuseDeclaredSize(entry: ZipEntry, limit: number): void {
  if (entry.uncompressedSize > limit) throw spreadsheetErrors.partTooLarge(entry.name, limit);
}

/** The prolog, where a DTD must stand, is within the first chunk of any real part. */
function refuseDoctype(entry: ZipEntry, start: Uint8Array): void {
  if (Buffer.from(start.buffer, start.byteOffset, start.byteLength).includes(DOCTYPE)) throw spreadsheetErrors.xmlDoctype(entry.name);
}
