import { siftVitestConfig } from '../../tooling/vitest.ts';

// Reporters: default plus ../../.test-results/excel.json, which the CI script sums.
export default siftVitestConfig('excel');
