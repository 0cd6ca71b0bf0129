// CPU-bound task work (parsing a workbook or an export, finding duplicates) runs in a worker
// thread, so pg-boss heartbeats, progress writes and API requests keep flowing. Batches are
// handled on the main thread in order and acknowledged (with the handler's reply), so the thread
// runs ahead only as far as the handler lets it: a bulk write acknowledges once its stream has
// room, so parsing and writing overlap with a bounded backlog. Aborting the signal terminates the thread at once, so cancelling really stops the CPU
// work. Each thread's heap is capped (SIFT_PARSE_MEMORY_MB): a file that needs more ends its
// task with a TaskFailure instead of growing the worker process without bound. Generic over
// input, batch and result: each thread body is only its own work.
import { parentPort, Worker, workerData, type Transferable } from 'node:worker_threads';
import { TaskFailure } from './errors.ts';

export type ThreadMessage<Batch, Result> =
  | { type: 'batch'; batch: Batch }
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; result: Result }
  | { type: 'failed'; code: string; message: string; result: Record<string, unknown> | undefined }
  | { type: 'crashed'; message: string };

export interface ThreadRun<Input, Batch, Reply = void> {
  /** The thread's module: it reads `input` through threadChannel() and answers through it. */
  script: URL;
  input: Input;
  /** Buffers inside `input` to hand over instead of copying (see transferableBytes). */
  transfer?: Transferable[];
  /** Aborting terminates the thread at once. */
  signal: AbortSignal;
  memory: ThreadMemory;
  /** Each batch the thread sends; the thread waits for it to resolve (and gets its reply) before it sends the next. */
  onBatch?: (batch: Batch) => Promise<Reply>;
  onProgress?: (done: number, total: number) => void;
}

export interface ThreadMemory {
  /**
   * The thread's heap cap in MB (V8's old generation, where everything long-lived is kept). The
   * bytes handed over (an ArrayBuffer) and zlib's buffers are outside it.
   */
  limitMb: number;
  /** The failure that ends the task when the thread needs more: a retry would need as much again. */
  exceeded: (limitMb: number) => TaskFailure;
}

/**
 * Bytes as an ArrayBuffer the thread can take over (transfer, not copy). A view that owns its
 * whole buffer is handed over as it is; one into a shared pool (small Buffers) is copied first,
 * since transferring the pool would detach unrelated data.
 */
export function transferableBytes(bytes: Uint8Array): ArrayBuffer {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  return whole ? (bytes.buffer as ArrayBuffer) : new Uint8Array(bytes).buffer;
}

/**
 * Main thread: runs `script` with `input` and resolves with the result it sends when done. A
 * thread that runs out of its memory is ended by Node alone (this process and the other
 * threads keep running) and rejects with `memory.exceeded`.
 */
export function runInThread<Input, Batch, Result, Reply = void>(run: ThreadRun<Input, Batch, Reply>): Promise<Result> {
  const { script, input, transfer = [], signal, memory, onBatch, onProgress } = run;
  signal.throwIfAborted();
  const worker = new Worker(script, { workerData: input, transferList: transfer, resourceLimits: { maxOldGenerationSizeMb: memory.limitMb } });
  return new Promise<Result>((resolve, reject) => {
    let settled = false;
    let queue = Promise.resolve();
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      void worker.terminate();
      outcome();
    };
    const onAbort = () => finish(() => reject(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });

    worker.on('message', (message: ThreadMessage<Batch, Result>) => {
      // Handled strictly in message order; a failing callback ends the work.
      queue = queue
        .then(async () => {
          if (settled) return;
          switch (message.type) {
            case 'batch':
              worker.postMessage({ reply: await onBatch?.(message.batch) });
              return;
            case 'progress':
              return onProgress?.(message.done, message.total);
            case 'done':
              return finish(() => resolve(message.result));
            case 'failed':
              return finish(() => reject(new TaskFailure(message.code, message.message, { result: message.result })));
            case 'crashed':
              return finish(() => reject(new Error(`A worker thread crashed: ${message.message}`)));
          }
        })
        .catch((error: unknown) => finish(() => reject(error)));
    });
    worker.on('error', (error: Error & { code?: string }) =>
      finish(() => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? memory.exceeded(memory.limitMb) : error)),
    );
    worker.on('exit', (code) => {
      // Queued behind the messages still being handled, so a clean 'done' is seen first.
      queue = queue.then(() => finish(() => reject(new Error(`A worker thread stopped unexpectedly (exit code ${code}).`))));
    });
  });
}

/** Worker thread: the input, and the messages back to runInThread. */
export function threadChannel<Input, Batch, Result, Reply = void>() {
  const port = parentPort;
  if (!port) throw new Error('this module must run as a worker thread');
  let resolveAck: ((reply: Reply) => void) | null = null;
  port.on('message', (message: { reply: Reply }) => resolveAck?.(message.reply));
  const send = (message: ThreadMessage<Batch, Result>) => port.postMessage(message);
  return {
    input: workerData as Input,
    /**
     * Resolves with the main thread's reply once it has handled the batch (back-pressure).
     * `transfer`: buffers inside the batch to hand over instead of copying.
     */
    batch(batch: Batch, transfer: Transferable[] = []): Promise<Reply> {
      const acked = new Promise<Reply>((resolve) => (resolveAck = resolve));
      port.postMessage({ type: 'batch', batch } satisfies ThreadMessage<Batch, Result>, transfer);
      return acked;
    },
    progress: (done: number, total: number) => send({ type: 'progress', done, total }),
    done(result: Result) {
      send({ type: 'done', result });
      port.close();
    },
    /** A TaskFailure ends the task without retries; anything else is a crash (retried). */
    fail(error: unknown) {
      if (error instanceof TaskFailure) send({ type: 'failed', code: error.code, message: error.message, result: error.result });
      else send({ type: 'crashed', message: error instanceof Error ? error.message : String(error) });
      port.close();
    },
  };
}
