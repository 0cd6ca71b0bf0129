// The typed tRPC hooks for the Sift API, and the server output types the components use.
// AppRouter is imported as a type only: no server code reaches the browser bundle.
import { createTRPCReact } from '@trpc/react-query';
import type { AppRouter, RouterOutputs } from '@sift/api';

export const trpc = createTRPCReact<AppRouter>();

export type TaskStatus = RouterOutputs['getTaskStatus'];
export type TaskState = TaskStatus['state'];
export type DatasetSummary = RouterOutputs['getDataset'];
export type DatasetPage = RouterOutputs['getDatasetRows'];
export type CellValue = DatasetPage['rows'][number][number];

/** A task in one of these states will not change again, so nothing needs to poll it. */
export function isFinished(state: TaskState): boolean {
  return state === 'ready' || state === 'error' || state === 'cancelled';
}
