// TF-IDF features as bytes, so a caller can keep them per record set and a retrain skips
// building them again (at 20,000 records building takes seconds, decoding a small part of that).
// `featuresKey` names the record set: the records' ids in order and every field the features read,
// with the recipe's version, so a changed record or order (or recipe) never reuses stale features.
import { createHash } from 'node:crypto';
import type { ScreeningRecord } from '../screener.ts';
import type { TextFeatures } from './features.ts';

/** Bump when buildFeatures changes what it computes: every stored set is then built again. */
const RECIPE_VERSION = 1;
/** rows, nonzeros, terms, bytes of the terms' text: four int32 after the version, padded to 8 bytes for the float64 idf that follows. */
const HEADER_INTS = 6;

export function featuresKey(records: readonly ScreeningRecord[]): string {
  const hash = createHash('sha256').update(`tfidf@${RECIPE_VERSION}`);
  for (const record of records) hash.update(JSON.stringify([record.id, record.title, record.abstract, record.keywords]));
  return hash.digest('hex');
}

/** Layout: header, idf (float64), rowStart and columns (int32), values (float32), then the terms as UTF-8 joined by newlines (a term never holds one). */
export function encodeFeatures(features: TextFeatures): Uint8Array {
  const terms = new TextEncoder().encode(features.terms.join('\n'));
  const sizes = [HEADER_INTS * 4, features.idf.byteLength, features.rowStart.byteLength, features.columns.byteLength, features.values.byteLength, terms.byteLength];
  const bytes = new Uint8Array(sizes.reduce((sum, size) => sum + size, 0));
  new Int32Array(bytes.buffer, 0, HEADER_INTS).set([RECIPE_VERSION, features.rows, features.columns.length, features.terms.length, terms.byteLength, 0]);
  let offset = HEADER_INTS * 4;
  for (const part of [features.idf, features.rowStart, features.columns, features.values, terms]) {
    bytes.set(new Uint8Array(part.buffer, part.byteOffset, part.byteLength), offset);
    offset += part.byteLength;
  }
  return bytes;
}

/** The features `encodeFeatures` wrote; throws on bytes of another recipe version or a cut-off copy. */
export function decodeFeatures(stored: Uint8Array): TextFeatures {
  // A copy at offset 0 keeps every typed array aligned, wherever the stored bytes sit in their buffer.
  const bytes = stored.slice();
  const [version = 0, rows = 0, nonzeros = 0, termCount = 0, termBytes = 0] = Array.from(new Int32Array(bytes.buffer, 0, HEADER_INTS));
  if (version !== RECIPE_VERSION) throw new Error(`stored features are of recipe ${version}, not ${RECIPE_VERSION}`);
  const expected = HEADER_INTS * 4 + termCount * 8 + (rows + 1) * 4 + nonzeros * 8 + termBytes;
  if (bytes.byteLength !== expected) throw new Error(`stored features are ${bytes.byteLength} bytes, expected ${expected}`);
  let offset = HEADER_INTS * 4;
  const take = <T>(make: (buffer: ArrayBuffer, offset: number, length: number) => T, length: number, size: number): T => {
    const part = make(bytes.buffer, offset, length);
    offset += length * size;
    return part;
  };
  const idf = take((buffer, at, length) => new Float64Array(buffer, at, length), termCount, 8);
  const rowStart = take((buffer, at, length) => new Int32Array(buffer, at, length), rows + 1, 4);
  const columns = take((buffer, at, length) => new Int32Array(buffer, at, length), nonzeros, 4);
  const values = take((buffer, at, length) => new Float32Array(buffer, at, length), nonzeros, 4);
  const text = new TextDecoder().decode(bytes.subarray(offset, offset + termBytes));
  const terms = termCount === 0 ? [] : text.split('\n');
  return { rows, rowStart, columns, values, terms, idf };
}
