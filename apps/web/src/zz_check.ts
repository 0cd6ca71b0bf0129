import type { TaskStatus } from './trpc.ts';
const x: TaskStatus = null as unknown as TaskStatus;
const y: number = x.state;
export { y };
