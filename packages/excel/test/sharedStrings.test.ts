import { describe, expect, it } from 'vitest';
import { SharedStringScanner } from '../src/xlsx/sharedStrings.ts';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

const items =
  '<si><t>plain</t></si>' +
  '<si><t xml:space="preserve">  padded  </t></si>' +
  '<si><r><rPr><b/><sz val="11"/></rPr><t>Fish &amp; </t></r><r><t xml:space="preserve">chips </t></r></si>' +
  '<si/>' +
  '<si><t>&lt;a&gt; &quot;q&quot; &#233;&#x1F600;_x000D_</t></si>' +
  '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>' +
  '<si><t></t></si>' +
  '<si><t>😀 last</t></si>';
const expected = ['plain', '  padded  ', 'Fish & chips ', '', '<a> "q" é😀\r', '東京', '', '😀 last'];
const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN_NS}" count="8" uniqueCount="8">${items}</sst>`;
// As the .NET Open XML SDK writes it: every element prefixed.
const prefixed = xml
  .replace(/<(\/?)(sst|si|t|r|rPr|b|sz|rPh|phoneticPr)([\s/>])/g, '<$1x:$2$3')
  .replace('xmlns=', 'xmlns:x=');

/** `text` in pieces of `size` characters. */
function chunked(text: string, size: number): string[] {
  return Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));
}

/** The strings read, and the scanner's count of characters searched. */
function scan(chunks: string[]) {
  const scanner = new SharedStringScanner();
  for (const chunk of chunks) scanner.feed(chunk);
  return { strings: scanner.strings, scannedChars: scanner.scannedChars };
}

describe('SharedStringScanner', () => {
  it('reads plain, preserved, rich, empty, escaped and phonetic items, plain or prefixed', () => {
    expect(prefixed).toContain('<x:si><x:r><x:rPr><x:b/>');
    expect(scan([xml]).strings).toEqual(expected);
    expect(scan([prefixed]).strings).toEqual(expected);
  });

  it('gives the same strings in chunks of every size, with start and end tags that straddle chunks', () => {
    for (const text of [xml, prefixed]) {
      for (let size = 1; size <= text.length; size++) expect(scan(chunked(text, size)).strings, `chunks of ${size}`).toEqual(expected);
    }
  });

  it('searches each character of a long string a bounded number of times, however finely it is chunked', () => {
    // One item of 0.5 M and one of 1 M characters in rich-text runs, fed in 1,000-character
    // chunks. Searching the open item again on each chunk would search ~125 M and ~500 M characters.
    for (const runs of [2500, 5000]) {
      const run = (i: number) => `<r><rPr><i/></rPr><t xml:space="preserve">${String(i).padStart(160, '.')} &amp; </t></r>`;
      const long = Array.from({ length: runs }, (_, i) => run(i)).join('');
      const text = `<sst xmlns="${MAIN_NS}"><si><t>before</t></si><si>${long}</si><si><t>after</t></si></sst>`;
      const { strings, scannedChars } = scan(chunked(text, 1000));
      expect(strings).toHaveLength(3);
      expect(strings[1]).toHaveLength(runs * 163);
      expect(strings[1]?.endsWith(`${String(runs - 1).padStart(160, '.')} & `)).toBe(true);
      expect(strings[2]).toBe('after');
      expect(scannedChars).toBeLessThanOrEqual(3 * text.length);
    }
  });

  it('keeps no more than a few characters of text that holds no item', () => {
    const scanner = new SharedStringScanner();
    const junk = 'x'.repeat(1000);
    for (let i = 0; i < 1000; i++) scanner.feed(junk);
    scanner.feed(`<sst xmlns="${MAIN_NS}">${junk}`);
    for (let i = 0; i < 1000; i++) scanner.feed(junk);
    scanner.feed('<si><t>found</t></si></sst>');
    expect(scanner.strings).toEqual(['found']);
    expect(scanner.scannedChars).toBeLessThanOrEqual(2 * 2_002_000);
  });
});
