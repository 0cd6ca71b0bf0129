// A screening run's stopping rule (Callaghan & Müller-Hansen 2020, via @sift/screening's
// stoppingTest): the researcher screens in ranked order, starts the test, then screens a random
// sample of the records left (in an order fixed by the test's seed); when the sample shows the
// recall target is met at the chosen confidence, the records nobody read may be excluded by the
// rule, and that can be undone. Owner-scoped: another owner's run reads as missing (null).
import { randomInt } from 'node:crypto';
import { Prisma, type Db } from '@sift/db';
import { randomSampleStillNeeded, stoppingTest, type StoppingResult } from '@sift/screening';
import { TaskInputError } from '../errors.ts';
import { findRun, reviewReach } from './decisionsInForce.ts';
import { isLive } from './liveRecords.ts';

export interface StoppingView {
  /** Not started; sampling (the test is running); applied (the records left are excluded by the rule). */
  state: 'not started' | 'sampling' | 'applied';
  recallTarget: number;
  confidence: number;
  /** Records of the run (each de-duplicated record once). */
  records: number;
  /** Records with the researcher's decision in force, and the includes among them. */
  decided: number;
  includes: number;
  /** Records the researcher has not decided; the rule would exclude those the screener did not already exclude and no second opinion disputes. */
  undecided: number;
  /** From the start of the test: the ranked screening it builds on and the random sample so far. */
  rankedScreened: number | null;
  rankedIncludes: number | null;
  sampleSize: number;
  sampleIncludes: number;
  test: StoppingResult | null;
  /** Random records still to screen for the test to pass if none of them is an include. */
  stillNeeded: number | null;
  appliedClaim: string | null;
}

const DEFAULTS = { recallTarget: 0.95, confidence: 0.95 };

/** The order of the random sample: records the researcher had not decided when the test started, shuffled by the seed. */
export function sampleOrder(seed: number): Prisma.Sql {
  return Prisma.sql`md5(${String(seed)} || s.record_id::text)`;
}

/** Counts of the run's records: decided, includes, and (once started) the random sample's. */
async function counts(db: Db, projectId: string, taskId: string, startedAt: Date | null) {
  const [row] = await db.$queryRaw<{ records: number; decided: number; includes: number; sampleSize: number; sampleIncludes: number }[]>`
    WITH ${reviewReach(projectId)},
    first AS (SELECT record_id, min(created_at) AS first_at FROM review_reach GROUP BY record_id),
    run AS (
      SELECT d.record_id, l.decision AS human,
        ${startedAt}::timestamptz IS NOT NULL AND (f.first_at IS NULL OR f.first_at >= ${startedAt}::timestamptz) AS in_sample
      FROM screening_decision d LEFT JOIN latest_review l ON l.record_id = d.record_id LEFT JOIN first f ON f.record_id = d.record_id
      WHERE d.task_id = ${taskId}::uuid AND ${isLive(Prisma.sql`d.record_id`)}
    )
    SELECT count(*)::int AS records, count(human)::int AS decided, count(*) FILTER (WHERE human = 'include')::int AS includes,
      count(*) FILTER (WHERE in_sample AND human IS NOT NULL)::int AS "sampleSize",
      count(*) FILTER (WHERE in_sample AND human = 'include')::int AS "sampleIncludes"
    FROM run`;
  return row ?? { records: 0, decided: 0, includes: 0, sampleSize: 0, sampleIncludes: 0 };
}

export async function stoppingStatus(db: Db, ownerId: string, request: { projectId: string; taskId: string }): Promise<StoppingView | null> {
  if (!(await findRun(db, ownerId, request.projectId, request.taskId))) return null;
  const stop = await db.screeningStop.findUnique({ where: { taskId: request.taskId } });
  const counted = await counts(db, request.projectId, request.taskId, stop?.startedAt ?? null);
  const base = {
    recallTarget: stop?.recallTarget ?? DEFAULTS.recallTarget,
    confidence: stop?.confidence ?? DEFAULTS.confidence,
    records: counted.records,
    decided: counted.decided,
    includes: counted.includes,
    undecided: counted.records - counted.decided,
  };
  if (!stop) {
    return { state: 'not started', ...base, rankedScreened: null, rankedIncludes: null, sampleSize: 0, sampleIncludes: 0, test: null, stillNeeded: null, appliedClaim: null };
  }
  const input = {
    totalRecords: counted.records,
    screenedInRankOrder: stop.rankedScreened,
    includesFound: stop.rankedIncludes,
    sampleSize: counted.sampleSize,
    includesInSample: counted.sampleIncludes,
    recallTarget: stop.recallTarget,
    confidence: stop.confidence,
  };
  return {
    state: stop.appliedAt ? 'applied' : 'sampling',
    ...base,
    rankedScreened: stop.rankedScreened,
    rankedIncludes: stop.rankedIncludes,
    sampleSize: counted.sampleSize,
    sampleIncludes: counted.sampleIncludes,
    test: stoppingTest(input),
    stillNeeded: randomSampleStillNeeded(input),
    appliedClaim: stop.appliedClaim,
  };
}

/** Starts (or restarts, with new settings) the run's stopping test from the decisions made so far. */
export async function startStoppingTest(
  db: Db,
  ownerId: string,
  request: { projectId: string; taskId: string; recallTarget: number; confidence: number },
): Promise<StoppingView | null> {
  if (!(await findRun(db, ownerId, request.projectId, request.taskId))) return null;
  const existing = await db.screeningStop.findUnique({ where: { taskId: request.taskId } });
  if (existing?.appliedAt) throw new TaskInputError('The stopping rule is applied to this run. Undo it first to start the test again.');
  const counted = await counts(db, request.projectId, request.taskId, null);
  if (counted.includes === 0) throw new TaskInputError('Screen in ranked order until you have found includes before starting the stopping test: with none found, no recall can be claimed.');
  const data = {
    projectId: request.projectId, recallTarget: request.recallTarget, confidence: request.confidence, seed: randomInt(2 ** 31 - 1),
    rankedScreened: counted.decided, rankedIncludes: counted.includes, startedAt: new Date(),
  };
  await db.screeningStop.upsert({ where: { taskId: request.taskId }, create: { taskId: request.taskId, ...data }, update: data });
  return stoppingStatus(db, ownerId, request);
}

/** Excludes the records nobody read by the rule, once its test passes; records the claim for PRISMA and the exports. */
export async function applyStoppingRule(db: Db, ownerId: string, request: { projectId: string; taskId: string }): Promise<StoppingView | null> {
  const status = await stoppingStatus(db, ownerId, request);
  if (!status) return null;
  if (status.state !== 'sampling' || !status.test) throw new TaskInputError('Start the stopping test and screen its random sample first.');
  if (!status.test.canStop) {
    throw new TaskInputError(`The stopping test has not passed yet (p = ${status.test.pValue.toFixed(3)}): screen at least ${status.stillNeeded ?? 'a few'} more records of the random sample.`);
  }
  const claim = `recall ≥ ${percent(status.recallTarget)} at ${percent(status.confidence)} confidence (p = ${status.test.pValue.toFixed(3)}; ${status.includes} includes found, ${status.sampleSize} records sampled at random)`;
  await db.screeningStop.update({ where: { taskId: request.taskId }, data: { appliedAt: new Date(), appliedClaim: claim } });
  return stoppingStatus(db, ownerId, request);
}

/** Takes the rule back: the records it excluded wait for a decision again. */
export async function undoStoppingRule(db: Db, ownerId: string, request: { projectId: string; taskId: string }): Promise<StoppingView | null> {
  if (!(await findRun(db, ownerId, request.projectId, request.taskId))) return null;
  const { count } = await db.screeningStop.updateMany({ where: { taskId: request.taskId, appliedAt: { not: null } }, data: { appliedAt: null, appliedClaim: null } });
  if (!count) throw new TaskInputError('The stopping rule is not applied to this run, so there is nothing to undo.');
  return stoppingStatus(db, ownerId, request);
}

function percent(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10} %`;
}
