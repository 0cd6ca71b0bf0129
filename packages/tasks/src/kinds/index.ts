// Every task kind Sift runs. Adding a kind: a folder under kinds/ and one line here.
import { spreadsheetTask } from './spreadsheet/index.ts';
import { literatureImportTask } from './literatureImport/index.ts';
import { literatureDedupTask } from './literatureDedup/index.ts';
import { screeningTask } from './screening/index.ts';
import { screeningRankTask } from './screeningRank/index.ts';
import { screeningSecondOpinionTask } from './screeningSecondOpinion/index.ts';
import { fullTextTask } from './fullText/index.ts';

export const taskKinds = [
  spreadsheetTask,
  literatureImportTask,
  literatureDedupTask,
  screeningTask,
  screeningRankTask,
  screeningSecondOpinionTask,
  fullTextTask,
] as const;

export type TaskKindName = (typeof taskKinds)[number]['name'];
