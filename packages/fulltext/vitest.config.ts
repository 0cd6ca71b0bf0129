import { siftVitestConfig } from '../../tooling/vitest.ts';

// Reporters: default plus ../../.test-results/fulltext.json, which the CI script sums.
export default siftVitestConfig('fulltext');
