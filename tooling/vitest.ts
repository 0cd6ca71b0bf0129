// Shared vitest settings: a JSON report per package (summed by .ci/run) and, for packages whose
// tests use Postgres, the global setup that builds the migrated template database.
import { defineConfig } from 'vitest/config';

export function siftVitestConfig(name: string, options: { database?: boolean } = {}) {
  return defineConfig({
    test: {
      include: ['test/**/*.test.ts'],
      globalSetup: options.database ? ['./test/globalSetup.ts'] : [],
      testTimeout: 30_000,
      hookTimeout: 60_000,
      reporters: ['default', ['json', { outputFile: `../../.test-results/${name}.json` }]],
    },
  });
}
