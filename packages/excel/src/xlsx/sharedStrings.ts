// The shared string table (xl/sharedStrings.xml): most text cells only hold an index into it.
// It is streamed item by item, so only the strings themselves are kept in memory.
import { rootPrefix, stringItemReader } from './xml.ts';
import { entryChunks, type ZipArchive, type ZipEntry } from './zip.ts';

export async function readSharedStrings(zip: ZipArchive, entry: ZipEntry, signal: AbortSignal | undefined): Promise<string[]> {
  const strings: string[] = [];
  const decoder = new TextDecoder();
  let carry = '';
  let prefix: string | undefined;
  let readItem: ((xml: string, from: number, to: number) => string) | undefined;
  for await (const chunk of entryChunks(zip, entry)) {
    signal?.throwIfAborted();
    const text = carry + decoder.decode(chunk, { stream: true });
    prefix ??= rootPrefix(text);
    readItem ??= stringItemReader(prefix);
    carry = text.slice(collectItems(text, prefix, readItem, strings));
  }
  return strings;
}

/** Appends every complete <si> item in `text`; returns where the incomplete rest begins. */
function collectItems(
  text: string,
  prefix: string,
  readItem: (xml: string, from: number, to: number) => string,
  strings: string[],
): number {
  const open = `<${prefix}si`;
  const close = `</${prefix}si>`;
  let at = 0;
  for (;;) {
    const start = text.indexOf(open, at);
    // Keep only what could be a cut-off <si>: junk between items must not pile up.
    if (start < 0) return Math.max(at, text.length - open.length);
    const tagEnd = text.indexOf('>', start);
    if (tagEnd < 0) return start;
    if (text.charCodeAt(tagEnd - 1) === 47) {
      strings.push('');
      at = tagEnd + 1;
      continue;
    }
    const end = text.indexOf(close, tagEnd);
    if (end < 0) return start;
    strings.push(readItem(text, tagEnd + 1, end));
    at = end + close.length;
  }
}
