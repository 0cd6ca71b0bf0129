import { siftVitestConfig } from '../../tooling/vitest.ts';

// Reporters: default plus ../../.test-results/screening.json, which the CI script sums.
export default siftVitestConfig('screening');
