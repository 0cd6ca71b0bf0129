import { siftVitestConfig } from '../../tooling/vitest.ts';

// Reporters: default plus ../../.test-results/literature.json, which the CI script sums.
export default siftVitestConfig('literature');
