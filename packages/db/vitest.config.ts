import { siftVitestConfig } from '../../tooling/vitest.ts';

export default siftVitestConfig('db', { database: true });
