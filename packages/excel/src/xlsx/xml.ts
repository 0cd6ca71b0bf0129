// Just enough XML for SpreadsheetML: entity and _xHHHH_ decoding, namespace prefixes, and
// attribute/element lookups for the small parts (workbook, relationships, styles). The hot
// sheet and shared-string scanners use plain indexOf on top of these.
import { needsReplacement, storableText } from '../storableText.ts';

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
// OOXML escapes characters XML cannot carry (e.g. _x000D_ for a carriage return) this way.
const OOXML_ESCAPE = /_x([0-9a-fA-F]{4})_/g;

/** Counts the values decodeXmlText had to change to U+FFFD, so the reader can note each one. */
export interface Replacements {
  count: number;
}

/**
 * Text content as the author typed it. What PostgreSQL cannot store (U+0000, a lone surrogate
 * from "&#xD800;" or "_xD800_", a reference past U+10FFFF) becomes U+FFFD, counted in `replaced`.
 */
export function decodeXmlText(raw: string, replaced?: Replacements): string {
  let text = raw;
  let changed = false;
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  if (text.includes('&')) {
    text = text.replace(ENTITY, (_, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
      if (name) return NAMED[name] as string;
      const code = parseInt(hex ?? dec ?? '', hex ? 16 : 10);
      if (code > 0 && code <= 0x10ffff) return String.fromCodePoint(code);
      changed = true;
      return '\uFFFD';
    });
  }
  if (text.includes('_x')) text = text.replace(OOXML_ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  // Two references to the halves of one pair make a real character; only a lone half is replaced.
  if (needsReplacement(text)) {
    changed = true;
    text = storableText(text);
  }
  if (changed && replaced) replaced.count++;
  return text;
}

/** Attributes of one start tag, keyed by local name (prefixes such as r: dropped). */
export function attributes(tag: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const match of tag.matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const name = (match[1] as string).replace(/^.*:/, '');
    result[name] = decodeXmlText(match[2] ?? match[3] ?? '');
  }
  return result;
}

/** Attributes of every start tag of an element with this local name, in document order. */
export function elementAttributes(xml: string, localName: string): Record<string, string>[] {
  const pattern = new RegExp(`<(?:[\\w.-]+:)?${localName}(\\s[^>]*)?/?>`, 'g');
  return Array.from(xml.matchAll(pattern), (match) => attributes(match[1] ?? ''));
}

/** The inner XML of the first element with this local name, or '' when absent or empty. */
export function elementContent(xml: string, localName: string): string {
  const pattern = new RegExp(`<((?:[\\w.-]+:)?${localName})(?:\\s[^>]*)?>([\\s\\S]*?)</\\1>`);
  return pattern.exec(xml)?.[2] ?? '';
}

/**
 * A reader for the text of string items (<si> or <is>, between `from` and `to`): a plain
 * <t>, or rich-text runs joined. Phonetic guides (<rPh>, furigana over Japanese text) also
 * hold <t> elements and are left out.
 */
export function stringItemReader(prefix: string): (xml: string, from: number, to: number, replaced?: Replacements) => string {
  const plainOpen = `<${prefix}t>`;
  const open = `<${prefix}t`;
  const close = `</${prefix}t>`;
  const phonetic = new RegExp(`<${prefix}rPh[\\s>][\\s\\S]*?</${prefix}rPh>`, 'g');
  return (xml, from, to, replaced) => {
    if (xml.startsWith(plainOpen, from) && xml.indexOf('<', from + plainOpen.length) === to - close.length) {
      return decodeXmlText(xml.slice(from + plainOpen.length, to - close.length), replaced);
    }
    const body = xml.slice(from, to).replace(phonetic, '');
    let text = '';
    for (let at = body.indexOf(open); at >= 0; at = body.indexOf(open, at)) {
      const next = body.charCodeAt(at + open.length);
      const tagEnd = body.indexOf('>', at);
      if (tagEnd < 0) break;
      at = tagEnd + 1;
      // <t> or <t xml:space="preserve">, but not <tabColor> and not an empty <t/>.
      if ((next !== 62 && next > 32) || body.charCodeAt(tagEnd - 1) === 47) continue;
      const end = body.indexOf(close, at);
      if (end < 0) break;
      text += body.slice(at, end);
      at = end + close.length;
    }
    return decodeXmlText(text, replaced);
  };
}
