// Bytes of a delimited text file to a string: byte-order marks (UTF-8, UTF-16 LE/BE), UTF-16
// without a mark, and for the non-UTF-8 files Excel on Windows writes ("CSV" rather than "CSV
// UTF-8"), the system code page: GB18030 (a superset of GBK) on Chinese Windows, Windows-1252
// on Western. Binary content is refused here, before it could be parsed into nonsense rows.

export type TextDecodeResult = { text: string } | { binary: true };

const SAMPLE_BYTES = 4096;
/** Enough text to tell Chinese from Western code pages, and a bound on the time spent telling. */
const CODE_PAGE_SAMPLE_BYTES = 1 << 20;

export function decodeText(bytes: Uint8Array): TextDecodeResult {
  const encoding = byteOrderMarkEncoding(bytes) ?? unmarkedUtf16(bytes);
  if (encoding) return checked(new TextDecoder(encoding).decode(bytes));
  if (bytes.subarray(0, SAMPLE_BYTES).includes(0)) return { binary: true };
  try {
    return checked(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    // Not valid UTF-8: nearly valid, or another encoding altogether.
  }
  const utf8 = new TextDecoder('utf-8').decode(bytes);
  if (mostlyValidUtf8(utf8)) return checked(utf8);
  return checked(new TextDecoder(looksLikeGb18030(bytes) ? 'gb18030' : 'windows-1252').decode(bytes));
}

/**
 * UTF-8 with at most one broken character per hundred good non-ASCII ones: a file cut
 * mid-character or with one pasted-in stray byte stays UTF-8 instead of turning every other
 * accented or Chinese character into mojibake. A real code-page file breaks nearly all of them.
 */
function mostlyValidUtf8(text: string): boolean {
  let broken = 0;
  let good = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0xfffd) broken++;
    else if (code >= 0x80) good++;
  }
  return broken * 100 <= good;
}

/**
 * Windows-1252 decodes any bytes, so it cannot be tested for; GB18030 can. Chinese text is
 * a run of well-formed byte pairs, nearly all in the GB2312 block (both bytes 0xA1-0xFE) that
 * holds the common characters and punctuation. Western text mis-read as GB18030 breaks a pair
 * (an accented letter before a space or comma) or lands outside that block (before a letter).
 * So: GB18030 when every multi-byte sequence in the sample is well-formed and at least 80% of
 * the pairs are GB2312 ones, which leaves room for the rarer characters of personal names.
 */
function looksLikeGb18030(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, CODE_PAGE_SAMPLE_BYTES);
  let pairs = 0;
  let common = 0;
  for (let at = 0; at < end; at++) {
    const lead = bytes[at] as number;
    if (lead < 0x80) continue;
    if (lead === 0x80 || lead === 0xff) return false;
    if (at + 1 >= end) break; // cut by the sample's end
    const trail = bytes[at + 1] as number;
    if (trail >= 0x30 && trail <= 0x39) {
      // Four-byte sequence (characters outside GBK, e.g. emoji): lead, digit, lead, digit.
      if (at + 3 >= end) break;
      const third = bytes[at + 2] as number;
      const fourth = bytes[at + 3] as number;
      if (third < 0x81 || third > 0xfe || fourth < 0x30 || fourth > 0x39) return false;
      at += 3;
      continue;
    }
    if (trail < 0x40 || trail === 0x7f || trail === 0xff) return false;
    pairs++;
    if (lead >= 0xa1 && trail >= 0xa1) common++;
    at++;
  }
  return pairs > 0 && common >= pairs * 0.8;
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
  if (control > Math.max(2, sample.length * 0.01)) return { binary: true };
  // A stray NUL past the sample is no character PostgreSQL text can hold: marked like any undecodable byte.
  return { text: text.includes('\0') ? text.replaceAll('\0', '\uFFFD') : text };
}
