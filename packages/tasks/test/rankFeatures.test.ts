// The ranking's TF-IDF features kept per record set: the first ranking builds and keeps them, a
// retrain over the same records reads them and ranks exactly as a fresh build would, a changed
// record builds them anew, and the store drops the least recently used project past its limit.
import { makeRisExport } from '@sift/literature/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveCriteria, createProject } from '../src/index.ts';
import { createFeatureStore } from '../src/kinds/screeningRank/keptFeatures.ts';
import { startHarness, type Harness } from '../src/testing.ts';

const owner = 'ranking-reviewer';
let h: Harness;
let projectId: string;

beforeAll(async () => {
  h = await startHarness();
  projectId = (await createProject(h.db, owner, { name: 'Kept features', question: '' })).id;
  const upload = await h.upload(owner, 'export.ris', new TextEncoder().encode(makeRisExport(40)));
  const imported = await h.tasks.create(owner, { kind: 'literature-import', input: { projectId, uploadId: upload.id } });
  await h.waitFor(owner, imported.id, h.finished, 60_000);
  await saveCriteria(h.db, projectId, {
    population: 'adults', intervention: 'exercise', comparator: '', outcomes: 'pain',
    designs: [], include: [], exclude: [], yearFrom: null, yearTo: null, languages: [],
  });
}, 120_000);
afterAll(() => h?.stop());

async function rank() {
  const task = await h.tasks.create(owner, { kind: 'screening-rank', input: { projectId } });
  const last = (await h.waitFor(owner, task.id, h.finished, 60_000)).at(-1)!;
  expect(last.state).toBe('ready');
  const order = await h.db.screeningRank.findMany({ where: { projectId }, orderBy: { position: 'asc' }, select: { recordId: true, why: true } });
  return { result: last.result as { records: number; features: 'built' | 'kept' }, order };
}

describe('the ranking keeps its features per record set', () => {
  it('builds them once, then reads them, ranking exactly as a build would', async () => {
    const first = await rank();
    expect(first.result).toMatchObject({ records: 40, features: 'built' });

    const second = await rank();
    expect(second.result.features).toBe('kept');
    expect(second.order).toEqual(first.order);
  }, 120_000);

  it('builds them anew when a record changes', async () => {
    const record = await h.db.literatureRecord.findFirstOrThrow({ where: { projectId }, orderBy: { position: 'asc' } });
    await h.db.literatureRecord.update({ where: { id: record.id }, data: { title: `${record.title} (corrected)` } });
    expect((await rank()).result.features).toBe('built');
    expect((await rank()).result.features).toBe('kept');
  }, 120_000);
});

describe('the store of kept features', () => {
  const bytes = (size: number) => new Uint8Array(size);

  it('answers only for the record set the features were kept for', () => {
    const store = createFeatureStore(100);
    store.keep('p', 'set-1', bytes(10));
    expect(store.get('p', 'set-1')?.byteLength).toBe(10);
    expect(store.get('p', 'set-2')).toBeNull();
    store.keep('p', 'set-2', bytes(20));
    expect(store.get('p', 'set-1')).toBeNull();
    expect(store.get('q', 'set-2')).toBeNull();
  });

  it('drops the least recently used project past its limit, and never keeps what alone is over it', () => {
    const store = createFeatureStore(100);
    store.keep('a', 'k', bytes(40));
    store.keep('b', 'k', bytes(40));
    expect(store.get('a', 'k')).not.toBeNull(); // a is now the most recently used
    store.keep('c', 'k', bytes(40));
    expect(store.get('b', 'k')).toBeNull();
    expect(store.get('a', 'k')).not.toBeNull();
    expect(store.get('c', 'k')).not.toBeNull();
    store.keep('d', 'k', bytes(101));
    expect(store.get('d', 'k')).toBeNull();
    expect(store.get('a', 'k')).not.toBeNull();
  });
});
