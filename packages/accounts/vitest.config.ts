import { siftVitestConfig } from '../../tooling/vitest.ts';

export default siftVitestConfig('accounts', { database: true });
