// Every task kind Sift runs. Adding a kind: a folder under kinds/ and one line here.
import { spreadsheetTask } from './spreadsheet/index.ts';

export const taskKinds = [
  spreadsheetTask,
] as const;

export type TaskKindName = (typeof taskKinds)[number]['name'];
