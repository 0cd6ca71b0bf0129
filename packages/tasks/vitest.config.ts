import { siftVitestConfig } from '../../tooling/vitest.ts';

export default siftVitestConfig('tasks', { database: true });
