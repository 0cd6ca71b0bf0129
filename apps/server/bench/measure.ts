// Small timing helpers shared by the bench sections.

/** One figure's measurements. */
export interface Series {
  /** One value per run. */
  runs: number[];
  /** Every single call's value, when a run's value is the median of many calls. */
  calls?: number[];
}

/** The value at fraction `p` (0..1) of the sorted values (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) throw new Error('percentile of no values');
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))]!;
}

/** The middle value; the mean of the two middle ones for an even count. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) throw new Error('median of no values');
  const middle = sorted.length / 2;
  return Number.isInteger(middle) ? (sorted[middle - 1]! + sorted[middle]!) / 2 : sorted[Math.floor(middle)]!;
}

/** Milliseconds `work` takes. */
export async function time(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** `runs` runs of `count` sequential calls each: a run's value is its median call; p99 comes from every call. */
export async function timeCalls(runs: number, count: number, call: (i: number) => Promise<unknown>): Promise<Series> {
  const series: Required<Series> = { runs: [], calls: [] };
  for (let run = 0; run < runs; run++) {
    const samples: number[] = [];
    for (let i = 0; i < count; i++) samples.push(await time(() => call(run * count + i)));
    series.runs.push(median(samples));
    series.calls.push(...samples);
  }
  return series;
}

/** `runs` timed runs of `work`. */
export async function timeRuns(runs: number, work: (run: number) => Promise<unknown>): Promise<Series> {
  const series: Series = { runs: [] };
  for (let run = 0; run < runs; run++) series.runs.push(await time(() => work(run)));
  return series;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` every `everyMs` until it returns true; throws after `timeoutMs` naming `what`. */
export async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 120_000, everyMs = 10): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}.`);
    await sleep(everyMs);
  }
}
