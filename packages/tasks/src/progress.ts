// Throttled progress: a handler may report on every row, but Postgres sees at most one write
// per interval (plus a final flush), and none that would change nothing. Writes are serialised
// so they land in order, and the SQL side keeps `processed` from ever moving backwards.

export interface ProgressUpdate {
  done: number;
  total: number;
  stage: string;
}

export interface ProgressReporter {
  report: (done: number, total: number, stage: string) => void;
  /** Writes the latest pending update, if any, and waits for every write in flight. */
  flush: () => Promise<void>;
  stop: () => void;
}

export function createProgressReporter(
  write: (update: ProgressUpdate) => Promise<void>,
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): ProgressReporter {
  const intervalMs = options.intervalMs ?? 250;
  let pending: ProgressUpdate | null = null;
  let lastWriteAt = 0;
  let lastStage: string | null = null;
  let written: ProgressUpdate | null = null;
  let timer: NodeJS.Timeout | null = null;
  let chain: Promise<void> = Promise.resolve();

  const writeNow = (): Promise<void> => {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    if (!pending) return chain;
    const update = pending;
    pending = null;
    if (written && written.done === update.done && written.total === update.total && written.stage === update.stage) return chain;
    written = update;
    lastWriteAt = Date.now();
    chain = chain.then(() => write(update)).catch((error: unknown) => options.onError?.(error));
    return chain;
  };

  return {
    report(done, total, stage) {
      pending = { done, total: Math.max(total, done), stage };
      const stageChanged = stage !== lastStage;
      lastStage = stage;
      const wait = intervalMs - (Date.now() - lastWriteAt);
      if (stageChanged || wait <= 0) void writeNow();
      else timer ??= setTimeout(() => void writeNow(), wait);
    },
    flush: writeNow,
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = null;
    },
  };
}
