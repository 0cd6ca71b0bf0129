// Keys for counting distinct values, and the most common ones. A key is the value itself
// (so the number 12 and the text "12" are two values, as they are to a spreadsheet), except
// that long texts are keyed by their start plus a hash of the whole, so 10,000 free-text
// notes cannot hold megabytes of text in the counting map.

const KEY_CHARS = 100;
/** Separates a long text's start from its hash; cannot occur in cell text from either reader. */
const HASHED = '\u0000';

export type DistinctKey = string | number | boolean;

export function distinctKey(value: DistinctKey): DistinctKey {
  if (typeof value !== 'string' || value.length <= KEY_CHARS) return value;
  return `${value.slice(0, KEY_CHARS)}${HASHED}${hash53(value).toString(36)}`;
}

/** The `limit` most common values, most common first; ties keep the order of first appearance (Map order, stable sort). */
export function topValues(positions: ReadonlyMap<DistinctKey, number>, tallies: readonly number[], limit: number): { value: string; count: number }[] {
  return Array.from(positions, ([key, position]): [DistinctKey, number] => [key, tallies[position] as number])
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([key, count]) => {
      const text = String(key);
      const cut = text.indexOf(HASHED);
      return { value: cut < 0 ? text : `${text.slice(0, cut)}…`, count };
    });
}

const numberBits = new Float64Array(1);
const numberWords = new Uint32Array(numberBits.buffer);

/** A 53-bit hash of a distinct key; the number 12, the text "12" and the boolean true hash apart. */
export function keyHash(key: DistinctKey): number {
  if (typeof key === 'string') return hash53(key, 0);
  if (typeof key === 'boolean') return key ? 1 : 2;
  // A number hashes its 64 bits, with no text made for it.
  numberBits[0] = key;
  return mix53(numberWords[0] as number, (numberWords[1] as number) ^ 0x9e3779b9);
}

/** cyrb53: a fast 53-bit string hash; collisions among 10,000 texts are vanishingly unlikely. */
function hash53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  return mix53(h1, h2);
}

function mix53(a: number, b: number): number {
  const h1 = Math.imul(a ^ (a >>> 16), 2246822507) ^ Math.imul(b ^ (b >>> 13), 3266489909);
  const h2 = Math.imul(b ^ (b >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4_294_967_296 * (2_097_151 & h2) + (h1 >>> 0);
}
