// Just enough XML for SpreadsheetML: entity and _xHHHH_ decoding, namespace prefixes, and
// attribute/element lookups for the small parts (workbook, relationships, styles). The hot
// sheet and shared-string scanners use plain indexOf on top of these.

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
// OOXML escapes characters XML cannot carry (e.g. _x000D_ for a carriage return) this way.
const OOXML_ESCAPE = /_x([0-9a-fA-F]{4})_/g;

/** Text content as the author typed it. */
export function decodeXmlText(raw: string): string {
  let text = raw;
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  if (text.includes('&')) {
    text = text.replace(ENTITY, (_, hex: string | undefined, dec: string | undefined, name: string | undefined) =>
      name ? (NAMED[name] as string) : String.fromCodePoint(parseInt(hex ?? dec ?? '0', hex ? 16 : 10)),
    );
  }
  if (text.includes('_x')) text = text.replace(OOXML_ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return text;
}

/** The namespace prefix ("x:" or "") of the document's root element; some writers prefix every element. */
export function rootPrefix(xml: string): string {
  const match = /<([A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*[\s/>]/.exec(xml.replace(/<[?!][^>]*>/g, ''));
  return match?.[1] ?? '';
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
 * The text of a string item (<si> or <is>): plain <t>, or rich-text runs joined. Phonetic
 * guides (<rPh>, furigana over Japanese text) also hold <t> elements and are left out.
 */
export function stringItemText(body: string, prefix: string): string {
  const open = `<${prefix}t`;
  const close = `</${prefix}t>`;
  const phonetic = `<${prefix}rPh`;
  const source = body.includes(phonetic) ? body.replace(new RegExp(`<${prefix}rPh[\\s>][\\s\\S]*?</${prefix}rPh>`, 'g'), '') : body;
  let text = '';
  let at = 0;
  for (;;) {
    const start = source.indexOf(open, at);
    if (start < 0) break;
    const after = source.charCodeAt(start + open.length);
    const tagEnd = source.indexOf('>', start);
    if (tagEnd < 0) break;
    at = tagEnd + 1;
    // <t> or <t xml:space="preserve">, not <tabColor> and not an empty <t/>.
    if ((after !== 62 && after > 32) || source.charCodeAt(tagEnd - 1) === 47) continue;
    const end = source.indexOf(close, at);
    if (end < 0) break;
    text += source.slice(at, end);
    at = end + close.length;
  }
  return decodeXmlText(text);
}
