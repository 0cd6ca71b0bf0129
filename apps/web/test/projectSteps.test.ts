// The step bar's words: each step's count and what waits there, from the project's facts.
import { describe, expect, it } from 'vitest';
import { stepLinkName, stepSummary, type StepFacts } from '../src/reviews/projectSteps.ts';
import type { ProjectDetail, ScreeningRun, TaskStatus } from '../src/trpc.ts';

const ID = '11111111-1111-4111-8111-111111111111';

function task(state: TaskStatus['state'], processed = 0, total = 0): TaskStatus {
  return {
    id: ID, kind: 'screening', title: 'Screening', state, stage: '', processed, total, percent: null, elapsedMs: null, etaMs: null,
    error: null, createdAt: '2026-01-01T00:00:00.000Z', startedAt: null, finishedAt: null,
  } as TaskStatus;
}

function facts(overrides: Partial<StepFacts> = {}, counts: Partial<ProjectDetail['counts']> = {}, dedup: TaskStatus | null = null): StepFacts {
  const project = {
    id: ID, name: 'P', question: '', role: 'owner', createdAt: '2026-01-01T00:00:00.000Z',
    counts: { records: 8, imports: 2, duplicateGroups: 3, recordsInGroups: 6, afterDedup: 5, ...counts },
    dedup,
  } as ProjectDetail;
  return { project, importsRunning: 0, importsFailed: 0, openPossibleDuplicates: 0, latestRun: undefined, runCounts: undefined, members: 1, ...overrides };
}

const run = (state: TaskStatus['state'], processed: number, total: number): ScreeningRun => ({ task: task(state, processed, total), criteriaId: ID, criteriaVersion: 1, screener: 'builtin' });
const decided = { include: 2, exclude: 1, uncertain: 1, conflict: 1, reviewed: 0, screened: 5, disputed: 0, queue: 0, awaiting: 0 };

describe('step bar', () => {
  it('points a new project at the import step', () => {
    expect(stepSummary('import', facts({}, { records: 0, imports: 0, afterDedup: 0 }))).toEqual({ count: '0 records', attention: 'start here' });
    expect(stepSummary('screening', facts({}, { records: 0, imports: 0, afterDedup: 0 }))).toEqual({ count: '0 records', attention: null });
  });

  it('says what is still being read or failed', () => {
    expect(stepSummary('import', facts({ importsRunning: 1, importsFailed: 1 })).attention).toBe('1 reading');
    expect(stepSummary('import', facts({ importsFailed: 2 })).attention).toBe('2 failed');
    expect(stepSummary('import', facts())).toEqual({ count: '8 records', attention: null });
  });

  it('counts duplicate groups and the possible duplicates left to decide', () => {
    expect(stepSummary('duplicates', facts({ openPossibleDuplicates: 4 }))).toEqual({ count: '3 groups', attention: '4 to decide' });
    expect(stepSummary('duplicates', facts({ openPossibleDuplicates: 4 }, {}, task('running'))).attention).toBe('looking…');
    expect(stepSummary('duplicates', facts({}, { duplicateGroups: 1 })).count).toBe('1 group');
  });

  it('counts the records left to screen, then the undecided ones', () => {
    expect(stepSummary('screening', facts())).toEqual({ count: '5 records', attention: '5 to screen' });
    expect(stepSummary('screening', facts({ latestRun: run('running', 2, 5) })).attention).toBe('3 left to screen');
    expect(stepSummary('screening', facts({ latestRun: run('ready', 5, 5), runCounts: decided }))).toEqual({ count: '2 included', attention: '2 to decide' });
    expect(stepSummary('screening', facts({ latestRun: run('ready', 5, 5), runCounts: { ...decided, uncertain: 0, conflict: 0 } })).attention).toBeNull();
  });

  it('marks PRISMA ready once a run is, and counts the people', () => {
    expect(stepSummary('prisma', facts()).count).toBe('');
    expect(stepSummary('prisma', facts({ latestRun: run('ready', 5, 5) })).count).toBe('ready');
    expect(stepSummary('people', facts({ members: 3 })).count).toBe('3 members');
  });

  it('names each link with its number, count and what waits there', () => {
    expect(stepLinkName('duplicates', 1, '3 groups', '4 to decide')).toBe('Step 2: Duplicates, 3 groups, 4 to decide');
    expect(stepLinkName('prisma', 3, '', null)).toBe('Step 4: PRISMA & exports');
    expect(stepLinkName('people', 4, '2 members', null)).toBe('People, 2 members');
  });
});
