// Format-independent row handling: finds the header, names the columns, squares rows to
// the column count, keeps blank rows in the middle but drops trailing ones, batches rows
// for onRows with back-pressure, reports progress and honours the abort signal.
import { columnNames } from './columns.ts';
import { spreadsheetErrors } from './errors.ts';
import { MAX_TABLE_CELLS } from './limits.ts';
import { NoteLog, type RawNote } from './notes.ts';
import type { CellNote, CellValue, ReadOptions } from './types.ts';

export interface TableShape {
  /** Columns the data spans (from the file's declared size or a survey); the header may be narrower. */
  width: number;
  /** Source rows (blank leading rows and header included) the file is expected to hold: exact for CSV, declared for xlsx. */
  estimatedSourceRows: number;
}

export interface TableResult {
  columns: string[];
  rowCount: number;
  ignoredCells: number;
  notes: CellNote[];
  noteCount: number;
}

const DEFAULT_BATCH_SIZE = 1000;

/**
 * Rows are added synchronously while a chunk is parsed; the reader then awaits drain()
 * when `wantsDrain` says a batch is full, so memory stays bounded by one chunk of rows.
 * Blank rows are queued as counts, not arrays, and only materialised batch by batch.
 */
export class TableAssembler {
  readonly #options: ReadOptions;
  readonly #batchSize: number;
  readonly #shape: TableShape;
  #columns: string[] | undefined;
  #columnsSent = false;
  #sourceRows = 0;
  #headerSourceRow = 0;
  #pendingBlank = 0;
  #queue: (CellValue[] | number)[] = [];
  #queuedRows = 0;
  #emitted = 0;
  #ignoredCells = 0;
  readonly #notes = new NoteLog();

  constructor(options: ReadOptions, shape: TableShape) {
    this.#options = options;
    const { batchSize } = options;
    this.#batchSize = batchSize !== undefined && batchSize >= 1 ? Math.floor(batchSize) : DEFAULT_BATCH_SIZE;
    this.#shape = shape;
  }

  get wantsDrain(): boolean {
    return this.#queuedRows >= this.#batchSize || (this.#columns !== undefined && !this.#columnsSent);
  }

  addBlankRows(count: number): void {
    this.#sourceRows += count;
    if (!this.#columns) return;
    this.#pendingBlank += count;
    this.#refuseOversizedTable();
  }

  /**
   * One source row; `cells` may be shorter or longer than the table and is adjusted in place.
   * Notes on the header row get row -1 (an error there leaves its column a made-up name, which
   * the researcher should know); notes above it are dropped with their blank rows.
   */
  addRow(cells: CellValue[], notes?: readonly RawNote[]): void {
    this.#sourceRows += 1;
    if (!cells.some((cell) => cell !== null)) {
      if (this.#columns) {
        if (notes) this.#notes.add(this.#emitted + this.#queuedRows + this.#pendingBlank, this.#columns, notes, true);
        this.#pendingBlank += 1;
      }
      return;
    }
    if (!this.#columns) {
      let headerWidth = cells.length;
      while (cells[headerWidth - 1] === null) headerWidth--;
      this.#columns = columnNames(cells, Math.max(headerWidth, this.#shape.width));
      this.#headerSourceRow = this.#sourceRows;
      if (notes) this.#notes.add(-1, this.#columns, notes, false);
      return;
    }
    const width = this.#columns.length;
    // Only possible when the file under-declared its size: the extra cells are counted, not silently lost.
    for (let index = width; index < cells.length; index++) if (cells[index] !== null) this.#ignoredCells++;
    if (cells.length > width) cells.length = width;
    while (cells.length < width) cells.push(null);
    if (this.#pendingBlank > 0) {
      this.#queue.push(this.#pendingBlank);
      this.#queuedRows += this.#pendingBlank;
      this.#pendingBlank = 0;
      this.#notes.commitPending();
    }
    if (notes) this.#notes.add(this.#emitted + this.#queuedRows, this.#columns, notes, false);
    this.#queue.push(cells);
    this.#queuedRows += 1;
    this.#refuseOversizedTable();
  }

  /** Checked as rows arrive, so a jump to row 1,048,576 is refused before its blank rows are made. */
  #refuseOversizedTable(): void {
    const rows = this.#emitted + this.#queuedRows + this.#pendingBlank;
    const width = (this.#columns as string[]).length;
    if (rows * width > MAX_TABLE_CELLS) throw spreadsheetErrors.tooManyCells(rows, width);
  }

  async drain(): Promise<void> {
    await this.#sendColumns();
    while (this.#queuedRows >= this.#batchSize) await this.#sendBatch(this.#batchSize);
  }

  /** Sends what is left (trailing blank rows are dropped); undefined when no header row was found. */
  async finish(): Promise<TableResult | undefined> {
    if (!this.#columns) return undefined;
    await this.drain();
    if (this.#queuedRows > 0) await this.#sendBatch(this.#queuedRows);
    this.#options.onProgress?.({ done: this.#emitted, total: this.#emitted, stage: 'reading sheet' });
    const { notes, count } = this.#notes;
    return { columns: this.#columns, rowCount: this.#emitted, ignoredCells: this.#ignoredCells, notes, noteCount: count };
  }

  async #sendColumns(): Promise<void> {
    if (this.#columnsSent || !this.#columns) return;
    this.#columnsSent = true;
    await this.#options.onColumns([...this.#columns]);
    this.#options.signal?.throwIfAborted();
    this.#reportProgress();
  }

  async #sendBatch(size: number): Promise<void> {
    const width = (this.#columns as string[]).length;
    const batch: CellValue[][] = [];
    while (batch.length < size) {
      const head = this.#queue[0] as CellValue[] | number;
      if (typeof head !== 'number') {
        batch.push(head);
        this.#queue.shift();
        continue;
      }
      const take = Math.min(head, size - batch.length);
      for (let i = 0; i < take; i++) batch.push(new Array<CellValue>(width).fill(null));
      if (take === head) this.#queue.shift();
      else this.#queue[0] = head - take;
    }
    this.#queuedRows -= size;
    const firstIndex = this.#emitted;
    this.#emitted += size;
    await this.#options.onRows(batch, firstIndex);
    this.#options.signal?.throwIfAborted();
    this.#reportProgress();
  }

  #reportProgress(): void {
    const expected = this.#shape.estimatedSourceRows - this.#headerSourceRow;
    this.#options.onProgress?.({ done: this.#emitted, total: Math.max(expected, this.#emitted), stage: 'reading sheet' });
  }
}
