// The words of a review project's step bar, kept apart from React so they can be unit-tested:
// each step's label, its one line of help, its count, and what in it waits for the researcher.
import { formatCount, plural } from '../format.ts';
import type { ProjectStep } from '../hooks/useHashRoute.ts';
import type { DecisionCounts, ProjectDetail, ScreeningRun } from '../trpc.ts';

export const STEP_LABELS: Record<ProjectStep, string> = {
  import: 'Import',
  duplicates: 'Duplicates',
  screening: 'Screening',
  prisma: 'PRISMA & exports',
  people: 'People',
};

/** One line of help per step, shown under the step bar. */
export const STEP_HELP: Record<ProjectStep, string> = {
  import:
    'Upload the exports of your database searches (PubMed, RIS, EndNote, CSV…). Each file is read in the background; open a record to read its abstract and history.',
  duplicates:
    'Sift groups records that are the same paper (same DOI or PMID, or same title, year and first author). Check the groups, split a wrong one, and decide the possible duplicates it is unsure of.',
  screening:
    'Write the criteria, let Sift screen every record after duplicates are removed, then read its decisions and override any of them. Keyboard: j/k move, i include, e exclude, u uncertain. Then attach the PDFs of the records you kept under Full texts.',
  prisma: 'The PRISMA 2020 flow diagram and the records of a screening run, as RIS, CSV or XLSX, with the decisions in force now.',
  people: 'Invite co-reviewers with a link: viewers read, reviewers also screen, owners also manage imports, criteria and members.',
};

/** What the step bar needs to know, gathered from several queries; undefined while loading. */
export interface StepFacts {
  project: ProjectDetail;
  importsRunning: number;
  importsFailed: number;
  openPossibleDuplicates: number | undefined;
  latestRun: ScreeningRun | undefined;
  runCounts: DecisionCounts | undefined;
  members: number | undefined;
}

export interface StepSummary {
  /** The step's size, e.g. "8 records"; empty when there is nothing to count yet. */
  count: string;
  /** What waits for the researcher there, or null when nothing does. */
  attention: string | null;
}

export function stepSummary(step: ProjectStep, facts: StepFacts): StepSummary {
  const { counts, dedup } = facts.project;
  switch (step) {
    case 'import': {
      const attention = facts.importsRunning > 0 ? `${formatCount(facts.importsRunning)} reading` : facts.importsFailed > 0 ? `${formatCount(facts.importsFailed)} failed` : counts.imports === 0 ? 'start here' : null;
      return { count: plural(counts.records, 'record', 'records'), attention };
    }
    case 'duplicates': {
      const running = dedup !== null && (dedup.state === 'queued' || dedup.state === 'running');
      const open = facts.openPossibleDuplicates ?? 0;
      const attention = running ? 'looking…' : open > 0 ? `${formatCount(open)} to decide` : null;
      return { count: plural(counts.duplicateGroups, 'group', 'groups'), attention };
    }
    case 'screening': {
      const run = facts.latestRun;
      if (!run) return { count: plural(counts.afterDedup, 'record', 'records'), attention: counts.afterDedup > 0 ? `${formatCount(counts.afterDedup)} to screen` : null };
      const left = Math.max(0, run.task.total - run.task.processed);
      const undecided = facts.runCounts ? facts.runCounts.uncertain + facts.runCounts.conflict : 0;
      const attention = run.task.state === 'running' || run.task.state === 'queued' ? `${formatCount(left)} left to screen` : undecided > 0 ? `${formatCount(undecided)} to decide` : null;
      return { count: facts.runCounts ? `${formatCount(facts.runCounts.include)} included` : '', attention };
    }
    case 'prisma':
      return { count: facts.latestRun?.task.state === 'ready' ? 'ready' : '', attention: null };
    case 'people':
      return { count: facts.members === undefined ? '' : plural(facts.members, 'member', 'members'), attention: null };
  }
}

/** What a screen reader says for a step's link: "Step 2: Duplicates, 3 groups, 4 to decide". */
export function stepLinkName(step: ProjectStep, index: number, count: string, attention: string | null): string {
  const name = step === 'people' ? STEP_LABELS[step] : `Step ${index + 1}: ${STEP_LABELS[step]}`;
  return [name, count, attention].filter(Boolean).join(', ');
}
