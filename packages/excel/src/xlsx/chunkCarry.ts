// What a streaming XML scanner leaves unconsumed at the end of one chunk, put in front of the
// next. Usually that is a few characters (perhaps a cut-off tag). But an element still open at
// the chunk's end (a long <row>, a long <si>) is kept in the pieces it arrived in, and only each
// new piece is searched for what the element awaits; the pieces are joined once, when it has
// arrived. Searching the whole element again on every chunk would make one long element cost
// time quadratic in its length.

export class ChunkCarry {
  /** Characters searched for awaited tags: each piece once, plus a few where a tag straddles two. */
  scannedChars = 0;
  #pieces: string[] = [];
  /** What the kept text lacks: the '>' of its start tag, or its end tag ('' when it lacks nothing). */
  #awaited = '';
  /** The last characters kept, for an awaited tag cut in two by a chunk boundary. */
  #end = '';

  /**
   * `chunk` after the text kept before it, ready to scan; undefined while the kept element still
   * lacks what it awaits (the chunk is then kept with it).
   */
  join(chunk: string): string | undefined {
    this.#pieces.push(chunk);
    if (this.#awaited) {
      if (!this.#arrives(chunk)) return undefined;
      this.#awaited = '';
    }
    const text = this.#pieces.length === 1 ? chunk : this.#pieces.join('');
    this.#pieces = [];
    return text;
  }

  /** Keeps `rest`, the unconsumed end of the text just scanned, for the next chunk; `awaited` is what it lacks, if anything. */
  keep(rest: string, awaited = ''): void {
    this.#pieces = rest ? [rest] : [];
    this.#awaited = awaited;
    this.#end = awaited.length > 1 ? rest.slice(1 - awaited.length) : '';
  }

  /** Whether `chunk`, just added to the kept element, holds (or completes) what the element awaits. */
  #arrives(chunk: string): boolean {
    const awaited = this.#awaited;
    this.scannedChars += chunk.length;
    if (chunk.includes(awaited)) return true;
    if (awaited.length === 1) return false;
    // Only the last few characters matter for a tag that straddles the boundary.
    const keep = awaited.length - 1;
    const straddle = this.#end + chunk.slice(0, keep);
    this.#end = chunk.length >= keep ? chunk.slice(-keep) : straddle.slice(-keep);
    return straddle.includes(awaited);
  }
}
