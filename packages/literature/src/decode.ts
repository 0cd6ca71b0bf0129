// Bytes of an export file to text: byte-order marks (UTF-8, UTF-16 LE/BE), UTF-16 without a mark
// (older Web of Science tab-delimited files), UTF-8, then for text that is not UTF-8, GB18030 for
// Chinese exports (CNKI, VIP) or Windows-1252 for Western ones, told apart by their byte pairs.

const SAMPLE_BYTES = 4096;

export function decodeLiteratureBytes(bytes: Uint8Array): string {
  const encoding = byteOrderMark(bytes) ?? unmarkedUtf16(bytes);
  if (encoding) return new TextDecoder(encoding).decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder(looksLikeGb(bytes) ? 'gb18030' : 'windows-1252').decode(bytes);
  }
}

/**
 * Chinese characters in GBK/GB18030 are byte pairs that are both 0xA1 or above; Western text
 * read as GBK pairs an accented letter with the ASCII letter after it ("ü" + "l" in "Müller").
 */
function looksLikeGb(bytes: Uint8Array): boolean {
  let chinese = 0;
  let other = 0;
  for (let i = 0; i < bytes.length; i++) {
    if ((bytes[i] as number) < 0x81) continue;
    if ((bytes[i + 1] ?? 0) >= 0xa1) chinese++;
    else other++;
    i++;
  }
  return chinese > 0 && other <= chinese * 0.1;
}

function byteOrderMark(bytes: Uint8Array): string | undefined {
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
