// The shared string table (xl/sharedStrings.xml): most text cells only hold an index into it.
// It is streamed item by item, so only the strings themselves are kept in memory; those are
// held whole while the sheet is read, hence their own cap, checked before any string is kept
// when the part packs suspiciously well.
import { ChunkCarry } from './chunkCarry.ts';
import { SLASH } from './textScan.ts';
import { stringItemReader } from './xml.ts';
import { entryChunks, MAX_SHARED_STRINGS_BYTES, measurePart, packsSuspiciouslyWell, type ZipArchive, type ZipEntry } from './zip.ts';

/** Text kept from a chunk with no <sst> start tag: enough for one cut off at its end. */
const TAIL_CHARS = 256;
/** The root's start tag up to the end of its name; some writers prefix every element, e.g. <x:sst>. */
const ROOT_START = /<((?:[A-Za-z_][\w.-]*:)?)sst[\s/>]/;

export interface SharedStrings {
  strings: string[];
  /** Items holding a character that could not be stored, now U+FFFD: each cell using one gets a note. */
  replaced: ReadonlySet<number>;
}

export async function readSharedStrings(zip: ZipArchive, entry: ZipEntry, signal: AbortSignal | undefined): Promise<SharedStrings> {
  // Millions of tiny repeated items would cost far more memory than their XML before the cap.
  if (await packsSuspiciouslyWell(zip, entry)) await measurePart(zip, entry, MAX_SHARED_STRINGS_BYTES, signal);
  const scanner = new SharedStringScanner();
  const decoder = new TextDecoder();
  for await (const chunk of entryChunks(zip, entry, MAX_SHARED_STRINGS_BYTES)) {
    signal?.throwIfAborted();
    scanner.feed(decoder.decode(chunk, { stream: true }));
  }
  return { strings: scanner.strings, replaced: scanner.replaced };
}

/** Reads the <si> items of the table's XML, fed in arbitrary text chunks, into `strings`. */
export class SharedStringScanner {
  readonly strings: string[] = [];
  readonly replaced = new Set<number>();
  readonly #replacements = { count: 0 };
  /** Text not yet scanned: a cut-off tag, or an item that did not end in the text fed so far. */
  readonly #carry = new ChunkCarry();
  #searched = 0;
  /** The namespace prefix ("x:" or ""), once the root <sst> start tag has arrived. */
  #prefix: string | undefined;
  #open = '<si';
  #close = '</si>';
  #readItem = stringItemReader('');

  /**
   * Characters handed to a search pass; each pass looks at a character a bounded number of
   * times, so this measures the scanner's work (tests check that it grows linearly).
   */
  get scannedChars(): number {
    return this.#searched + this.#carry.scannedChars;
  }

  feed(chunk: string): void {
    let text = this.#carry.join(chunk);
    if (text === undefined) return;
    if (this.#prefix === undefined) {
      const start = this.#findRoot(text);
      if (start < 0) return;
      text = text.slice(start);
    }
    this.#collectItems(text);
  }

  /** Returns where items begin in `text`, or -1 (keeping what it must) if <sst> has not fully arrived yet. */
  #findRoot(text: string): number {
    this.#searched += text.length;
    const root = ROOT_START.exec(text);
    if (!root) {
      // Only the end can hold a cut-off <sst>; keeping all would let a bomb of junk pile up.
      this.#carry.keep(text.slice(-TAIL_CHARS));
      return -1;
    }
    const tagEnd = text.indexOf('>', root.index);
    if (tagEnd < 0) {
      this.#carry.keep(text.slice(root.index), '>');
      return -1;
    }
    const prefix = root[1] as string;
    this.#prefix = prefix;
    this.#open = `<${prefix}si`;
    this.#close = `</${prefix}si>`;
    this.#readItem = stringItemReader(prefix);
    return tagEnd + 1;
  }

  /** Appends every complete <si> item in `text`, and keeps the incomplete rest for the next chunk. */
  #collectItems(text: string): void {
    const open = this.#open;
    const close = this.#close;
    this.#searched += text.length;
    let at = 0;
    for (;;) {
      const start = text.indexOf(open, at);
      if (start < 0) {
        // Keep only what could be a cut-off <si>: junk between items must not pile up.
        this.#carry.keep(text.slice(Math.max(at, text.length - open.length)));
        return;
      }
      const tagEnd = text.indexOf('>', start);
      if (tagEnd < 0) {
        this.#carry.keep(text.slice(start), '>');
        return;
      }
      if (text.charCodeAt(tagEnd - 1) === SLASH) {
        this.strings.push('');
        at = tagEnd + 1;
        continue;
      }
      const end = text.indexOf(close, tagEnd);
      if (end < 0) {
        this.#carry.keep(text.slice(start), close);
        return;
      }
      const before = this.#replacements.count;
      this.strings.push(this.#readItem(text, tagEnd + 1, end, this.#replacements));
      if (this.#replacements.count !== before) this.replaced.add(this.strings.length - 1);
      at = end + close.length;
    }
  }
}
