// Quality on real labelled data, as sections of `npm run bench`: the screening-quality section runs
// @sift/screening's one-shot kept-recall and active-learning/stopping benches, the dedup-quality
// section @sift/literature's de-duplication bench, each on ../shared/datasets beside the checkout.
// Each bench is its package's own script, run in a child process; its table goes into the report.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Section } from './figures.ts';

export interface QualityReport {
  section: Section;
  command: string;
  text: string;
}

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../../../', import.meta.url));

const BENCHES: Record<'screening-quality' | 'dedup-quality', { command: string; script: string; args: (quick: boolean) => string[] }[]> = {
  'screening-quality': [
    { command: 'npm run bench:kept -w @sift/screening', script: 'packages/screening/bench/keptRecall.ts', args: () => [] },
    {
      command: 'npm run bench:quality -w @sift/screening',
      script: 'packages/screening/bench/qualityCli.ts',
      // With --quick, 2 starting sets per review instead of 5.
      args: (quick) => (quick ? [fileURLToPath(new URL('../../../../shared/datasets/screening/cohen-2006', import.meta.url)), '2'] : []),
    },
  ],
  'dedup-quality': [{ command: 'npm run bench:dedup -w @sift/literature', script: 'packages/literature/bench/dedupQuality.ts', args: () => [] }],
};

/** Runs a quality section's benches; a bench that cannot run (no data set here) is reported, not thrown. */
export async function benchQuality(section: 'screening-quality' | 'dedup-quality', quick: boolean, step: (message: string) => void): Promise<QualityReport[]> {
  const reports: QualityReport[] = [];
  for (const bench of BENCHES[section]) {
    step(`${section}: ${bench.command}`);
    try {
      const { stdout } = await run(process.execPath, [bench.script, ...bench.args(quick)], { cwd: repo, maxBuffer: 64 * 1024 * 1024 });
      console.log(stdout);
      reports.push({ section, command: bench.command, text: stdout.trimEnd() });
    } catch (error) {
      const message = `could not run: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
      console.log(message);
      reports.push({ section, command: bench.command, text: message });
    }
  }
  return reports;
}
