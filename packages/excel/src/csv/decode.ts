// Bytes of a delimited text file to a string: byte-order marks (UTF-8, UTF-16 LE/BE),
// UTF-16 without a mark, and Windows-1252 for the non-UTF-8 files Excel on Windows writes.
// Binary content is refused here, before it could be parsed into nonsense rows.

export type TextDecodeResult = { text: string } | { binary: true };

const SAMPLE_BYTES = 4096;

export function decodeText(bytes: Uint8Array): TextDecodeResult {
  const encoding = byteOrderMarkEncoding(bytes) ?? unmarkedUtf16(bytes);
  if (encoding) return checked(new TextDecoder(encoding).decode(bytes));
  if (bytes.subarray(0, SAMPLE_BYTES).includes(0)) return { binary: true };
  try {
    return checked(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return checked(new TextDecoder('windows-1252').decode(bytes));
  }
}

function byteOrderMarkEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** Mostly-ASCII UTF-16 has a zero in every other byte: odd ones for little-endian, even ones for big-endian. */
function unmarkedUtf16(bytes: Uint8Array): string | undefined {
  const pairs = Math.min(bytes.length, SAMPLE_BYTES) >> 1;
  if (pairs < 2) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i] === 0) evenZeros++;
    if (bytes[2 * i + 1] === 0) oddZeros++;
  }
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/** Text has almost no control characters besides tab, line breaks and form feed; binary data has many. */
function checked(text: string): TextDecodeResult {
  const sample = text.slice(0, SAMPLE_BYTES);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13 && code !== 12) || code === 0xfffd) control++;
  }
  return control > Math.max(2, sample.length * 0.01) ? { binary: true } : { text };
}
