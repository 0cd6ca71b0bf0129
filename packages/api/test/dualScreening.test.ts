// Dual independent screening through the router on real Postgres: two reviewers screen blind (the
// other's decision and a hidden screener never reach them), their agreement is the decision in
// force for the table, PRISMA and the ranking, a disagreement is a conflict an owner resolves with
// a note (and undoes), kappa and progress per reviewer, and the exports name each reviewer.
import { readFixtureFile } from '@sift/literature/fixtures';
import { createAccount, type SignedIn } from '@sift/accounts';
import type { Criteria } from '@sift/screening';
import { screeningDownload } from '@sift/tasks';
import { startHarness, type Harness } from '@sift/tasks/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, codeOf, type Caller } from './helpers.ts';

let h: Harness;
const criteria: Criteria = {
  population: 'older adults in hospital', intervention: 'early mobilisation', comparator: '', outcomes: 'delirium',
  designs: [], include: [], exclude: [], yearFrom: null, yearTo: null, languages: [],
};

const people = {} as Record<'olga' | 'ann' | 'ben' | 'vic', { id: string; call: Caller }>;
let projectId: string;
let taskId: string;
/** Five records of the run, in the table's order. */
let r: string[];

async function person(name: string) {
  const account = await createAccount(h.db, { email: `${name}@example.org`, displayName: name, password: 'a long enough password' });
  const signedIn: SignedIn = { sessionId: crypto.randomUUID(), account };
  return { id: account.id, call: callerFor(h, account.id, { signedIn }) };
}

const run = () => ({ projectId, taskId });
const decide = (who: 'olga' | 'ann' | 'ben', record: string, decision: 'include' | 'exclude' | 'uncertain', note?: string) =>
  people[who].call.reviewRecord({ ...run(), recordId: record, decision, ...(note && { note }) });
const page = (who: 'olga' | 'ann' | 'ben' | 'vic', extra: { decision?: 'conflict' | 'queue' | 'awaiting' | 'disagreement' } = {}) =>
  people[who].call.listScreenedRecords({ ...run(), limit: 200, ...extra });
const row = async (who: 'olga' | 'ann' | 'ben', record: string) => (await page(who)).records.find((entry) => entry.id === record)!;

async function csvOf(who: 'olga' | 'ann') {
  const download = await screeningDownload(h.db, people[who].id, { ...run(), set: 'all', format: 'csv' });
  if (!download || !('chunks' in download)) throw new Error('expected a CSV download');
  let text = '';
  for await (const chunk of download.chunks) text += chunk;
  return text;
}

beforeAll(async () => {
  h = await startHarness();
  people.olga = await person('olga');
  const owner = people.olga;
  projectId = (await owner.call.createProject({ name: 'Delirium', question: '' })).id;
  for (const file of ['pubmed.nbib', 'embase.ris']) {
    const imported = await owner.call.importLiterature({ projectId, uploadId: (await h.upload(owner.id, file, await readFixtureFile(`dedup/${file}`))).id });
    await h.waitFor(owner.id, imported.id, h.finished);
  }
  await h.waitFor(owner.id, (await owner.call.startDedup({ projectId })).id, h.finished);
  await owner.call.saveCriteria({ projectId, criteria });
  taskId = (await owner.call.startScreening({ projectId })).id;
  await h.waitFor(owner.id, taskId, h.finished);
  for (const name of ['ann', 'ben', 'vic'] as const) {
    people[name] = await person(name);
    const invite = await owner.call.createInvite({ projectId, role: name === 'vic' ? 'viewer' : 'reviewer' });
    await people[name].call.joinProject({ token: invite.path.split('/').at(-1)! });
  }
  r = (await page('olga')).records.slice(0, 5).map((record) => record.id);
}, 180_000);
afterAll(() => h.stop());

describe('dual independent screening', () => {
  it('is off by default; only an owner turns it on, and the project says so', async () => {
    expect((await people.olga.call.getProject({ projectId })).screening).toEqual({ screeningMode: 'single', hideScreener: false });
    expect(await codeOf(people.ann.call.setScreeningSettings({ projectId, screeningMode: 'dual' }))).toBe('FORBIDDEN');
    expect(await people.olga.call.setScreeningSettings({ projectId, screeningMode: 'dual', hideScreener: true })).toEqual({ screeningMode: 'dual', hideScreener: true });
    expect((await people.ann.call.getProject({ projectId })).screening).toEqual({ screeningMode: 'dual', hideScreener: true });
  });

  it("decides a record when two reviewers agree; one reviewer's decision awaits the second; a disagreement is a conflict", async () => {
    await decide('ann', r[0]!, 'include');
    await decide('ben', r[0]!, 'include', 'adults in ICU');
    await decide('ann', r[1]!, 'exclude', 'ANN-NOTE wrong population');
    await decide('ben', r[1]!, 'include', 'BEN-NOTE older adults');
    await decide('ann', r[2]!, 'include');
    await decide('ann', r[3]!, 'exclude');
    await decide('ben', r[3]!, 'exclude');

    const agreed = await row('olga', r[0]!);
    expect(agreed).toMatchObject({ reviewState: 'agreed', human: 'include', effective: 'include' });
    const conflict = await row('olga', r[1]!);
    expect(conflict).toMatchObject({ reviewState: 'conflict', human: null, effective: 'conflict' });
    expect(conflict.votes!.map((vote) => [vote.name, vote.decision, vote.note])).toEqual([
      ['ann', 'exclude', 'ANN-NOTE wrong population'],
      ['ben', 'include', 'BEN-NOTE older adults'],
    ]);
    // Awaiting the second reviewer: no researcher decision in force, the screener's stands.
    const awaiting = await row('olga', r[2]!);
    expect(awaiting).toMatchObject({ reviewState: 'awaiting', human: null, effective: awaiting.machine });
    expect((await page('olga', { decision: 'conflict' })).records.map((record) => record.id)).toContain(r[1]);
    expect((await page('olga', { decision: 'disagreement' })).records.map((record) => record.id)).toEqual([r[1]]);
    const awaitingPage = await page('olga', { decision: 'awaiting' });
    expect(awaitingPage.records.map((record) => record.id)).toEqual([r[2]]);
    expect(awaitingPage.counts).toMatchObject({ awaiting: 1, conflict: 1, queue: awaitingPage.counts.screened });
  });

  it("never sends a reviewer the other reviewer's decision or note, nor the hidden screener's suggestion", async () => {
    const ranking = await people.olga.call.rerank({ projectId });
    if (ranking.running) await h.waitFor(people.olga.id, ranking.running.id, h.finished);
    const owners = await page('olga');
    expect(owners.records.some((record) => record.relevanceRank !== null)).toBe(true);
    const screenerReasons = owners.records.map((record) => record.reason).filter((reason) => reason.length > 20);
    expect(screenerReasons.length).toBeGreaterThan(0);
    const anns = await page('ann');
    const sent = JSON.stringify(anns);
    for (const leak of ['BEN-NOTE', people.ben.id, '"ben"', ...screenerReasons]) expect(sent).not.toContain(leak);
    for (const record of anns.records) {
      expect(record).toMatchObject({ machine: null, confidence: null, highlights: [], opinion: null, reviewState: null, votes: null, screener: '', reason: '' });
      expect(record).toMatchObject({ relevanceRank: null, why: [], criterion: null, exclusionReason: null });
    }
    // Her own side: her decision (not the conflict), and undecided records read as uncertain, not as the screener's.
    expect(anns.records.find((record) => record.id === r[1])).toMatchObject({ human: 'exclude', effective: 'exclude', note: 'ANN-NOTE wrong population' });
    expect(anns.counts.conflict).toBe(0);
    expect(anns.counts.include + anns.counts.exclude).toBe(4);
    const history = await people.ann.call.getReviewHistory({ projectId, recordId: r[1]! });
    expect(history.map((entry) => entry.reviewerName)).toEqual(['ann']);
    expect(JSON.stringify(history)).not.toContain('BEN-NOTE');
    // My queue: the records she has not decided.
    const queue = await page('ann', { decision: 'queue' });
    expect(queue.total).toBe(owners.total - 4);
    expect(queue.counts.queue).toBe(owners.total - 4);
    expect(queue.records.map((record) => record.id)).not.toContain(r[0]);
    // Ben's blind side of the record Ann excluded; a viewer is blind to both.
    expect(JSON.stringify(await row('ben', r[1]!))).not.toContain('ANN-NOTE');
    const viewers = JSON.stringify(await page('vic'));
    for (const leak of ['ANN-NOTE', 'BEN-NOTE', people.ann.id, people.ben.id, ...screenerReasons]) expect(viewers).not.toContain(leak);
    // The owner's file names each reviewer; Ann's holds only hers.
    const annCsv = await csvOf('ann');
    expect(annCsv).not.toContain('BEN-NOTE');
    expect(annCsv).not.toContain('Reviewer:');
  });

  it('counts the consensus in PRISMA and in the ranking: one reviewer, or two who disagree, decide nothing', async () => {
    const flow = await people.olga.call.getPrismaFlow(run());
    expect(flow.counts.excludedByPerson).toBe(1);
    const owners = await page('olga');
    expect(flow.counts.included).toBe(owners.counts.include);
    expect(flow.problems).toEqual([]);
    expect((await people.olga.call.getRanking({ projectId })).labelsNow).toBe(2);
  });

  it('lets an owner resolve a conflict with a note (required), and undo it', async () => {
    const resolve = { ...run(), recordId: r[1]!, decision: 'include' as const };
    expect(await codeOf(people.olga.call.resolveConflict({ ...resolve, note: '  ' }))).toBe('BAD_REQUEST');
    expect(await codeOf(people.ann.call.resolveConflict({ ...resolve, note: 'mine' }))).toBe('FORBIDDEN');
    expect(await people.olga.call.resolveConflict({ ...resolve, note: 'Older adults: in scope' })).toEqual({ before: 'conflict', decision: 'include' });
    expect(await row('olga', r[1]!)).toMatchObject({ reviewState: 'resolved', human: 'include', effective: 'include', note: 'Older adults: in scope' });
    expect((await people.olga.call.getRanking({ projectId })).labelsNow).toBe(3);
    // Ann still sees only her own decision.
    expect(await row('ann', r[1]!)).toMatchObject({ human: 'exclude', effective: 'exclude' });

    expect(await people.olga.call.undoResolution({ ...run(), recordId: r[1]! })).toEqual({ undone: 'include' });
    expect(await row('olga', r[1]!)).toMatchObject({ reviewState: 'conflict', effective: 'conflict' });
    expect(await codeOf(people.olga.call.undoResolution({ ...run(), recordId: r[0]! }))).toBe('NOT_FOUND');
    await people.olga.call.resolveConflict({ ...resolve, note: 'Older adults: in scope' });
  });

  it("undoes a reviewer's own decision only: the record waits for a second reviewer again", async () => {
    await people.ben.call.undoReview({ ...run(), recordId: r[0]! });
    expect(await row('olga', r[0]!)).toMatchObject({ reviewState: 'awaiting', human: null });
    expect(await row('ann', r[0]!)).toMatchObject({ human: 'include' });
    await decide('ben', r[0]!, 'include');
  });

  it('gives raw agreement and kappa per reviewer pair on the records both decided, and each reviewer’s progress', async () => {
    // Both decided r0 (include/include), r1 (exclude/include), r3 (exclude/exclude): observed 2/3;
    // by chance 1/3·2/3 + 2/3·1/3 = 4/9; kappa (2/3 − 4/9) / (5/9) = 0.4.
    const agreement = await people.olga.call.getAgreement(run());
    expect(agreement.pairs).toHaveLength(1);
    expect(agreement.pairs[0]).toMatchObject({ names: ['ann', 'ben'], items: 3, disagreements: 1 });
    expect(agreement.pairs[0]!.observed).toBeCloseTo(2 / 3, 12);
    expect(agreement.pairs[0]!.kappa).toBeCloseTo(0.4, 12);
    expect(agreement.progress.map((entry) => [entry.name, entry.decided])).toEqual([['olga', 0], ['ann', 4], ['ben', 3]]);
    expect(agreement.total).toBe((await page('olga')).total);
    expect(await codeOf(people.ann.call.getAgreement(run()))).toBe('FORBIDDEN');
  });

  it("exports each reviewer's decision by name and the resolution with its note", async () => {
    const csv = await csvOf('olga');
    const [header, ...lines] = csv.replace('\uFEFF', '').trim().split('\r\n');
    expect(header).toContain('Review state,Resolution,Resolution note,Resolved by,Reviewer: ann,Reviewer: ben');
    const resolved = lines.find((line) => line.includes('Older adults: in scope'))!;
    expect(resolved).toContain('resolved,include,Older adults: in scope,olga,exclude (ANN-NOTE wrong population),include (BEN-NOTE older adults)');
    const ris = await screeningDownload(h.db, people.olga.id, { ...run(), set: 'included', format: 'ris' });
    expect(ris && 'body' in ris ? ris.body : '').toContain(
      'Reviewers: ann: exclude (ANN-NOTE wrong population); ben: include (BEN-NOTE older adults). Resolved by olga: include (Older adults: in scope).',
    );
  });

  it("lets an applied stopping rule exclude only records no reviewer read: one reviewer's decision or a conflict is not 'not read'", async () => {
    const untouched = (await page('olga')).records.filter((record) => record.reviewState === null && record.machine !== 'exclude' && !r.includes(record.id));
    expect(untouched.length).toBeGreaterThanOrEqual(2);
    const [read, unread] = untouched;
    await decide('ann', read!.id, 'include');
    // The rule as applyStoppingRule stores it (its test is exercised in rankingStopping.test.ts).
    await h.db.screeningStop.create({
      data: { taskId, projectId, recallTarget: 0.95, confidence: 0.95, seed: 1, rankedScreened: 5, rankedIncludes: 1, appliedAt: new Date(), appliedClaim: 'recall ≥ 95 %' },
    });
    expect(await row('olga', read!.id)).toMatchObject({ reviewState: 'awaiting', effective: read!.machine, exclusionReason: read!.exclusionReason });
    expect(await row('olga', unread!.id)).toMatchObject({ effective: 'exclude', exclusionReason: 'stopping rule' });
    expect(await row('olga', r[1]!)).toMatchObject({ reviewState: 'resolved', effective: 'include' });
    const flow = await people.olga.call.getPrismaFlow(run());
    expect(flow.problems).toEqual([]);
    await h.db.screeningStop.delete({ where: { taskId } });
    await people.ann.call.undoReview({ ...run(), recordId: read!.id });
  });

  it('refuses to go back to one reviewer per record while reviewers disagree, saying what to do', async () => {
    await decide('ann', r[4]!, 'include');
    await decide('ben', r[4]!, 'exclude');
    const refused = await people.olga.call.setScreeningSettings({ projectId, screeningMode: 'single' }).catch((error: Error) => error);
    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error).message).toBe(
      "1 record has two reviewers' decisions that disagree. Resolve it under Conflicts first: with one reviewer per record the newest decision would simply win.",
    );
    await people.olga.call.resolveConflict({ ...run(), recordId: r[4]!, decision: 'exclude', note: 'No comparator' });
    expect(await people.olga.call.setScreeningSettings({ projectId, screeningMode: 'single' })).toMatchObject({ screeningMode: 'single' });
    // One reviewer per record: the newest decision is in force again, and nobody is blind.
    expect(await row('olga', r[2]!)).toMatchObject({ human: 'include', reviewState: null, votes: null });
    expect((await row('ann', r[4]!)).reviewState).toBeNull();
  });
});
