// The LLM screener against a fake OpenAI-compatible server over real HTTP.
import { afterEach, describe, expect, it } from 'vitest';
import { contentHash, createLlmScreener, type Criteria, type LlmScreenerConfig, type ScreeningRecord } from '../src/index.ts';
import { completion, type FakeReply, type FakeServer, type SeenRequest, startFakeOpenAi, titleIn } from '../src/testing.ts';

const criteria: Criteria = {
  population: 'adults with type 2 diabetes',
  intervention: 'SGLT2 inhibitors',
  comparator: '',
  outcomes: 'HbA1c',
  designs: ['rct'],
  include: [],
  exclude: [],
  yearFrom: 2010,
  yearTo: null,
  languages: ['English'],
};

function record(id: string, title: string, abstract: string | null = 'Adults with type 2 diabetes were randomised to empagliflozin or placebo. HbA1c fell by 0.7%.', year = 2016): ScreeningRecord {
  return { id, title, abstract, year, language: 'eng', publicationType: null, keywords: [] };
}

const includeAnswer = { decision: 'include', reason: 'A randomised trial of empagliflozin in type 2 diabetes.', criterion: 'intervention', exclusionReason: null, confidence: 0.9, evidence: ['randomised to empagliflozin', 'type 2 diabetes'] };
const excludeAnswer = { decision: 'exclude', reason: 'The trial studies metformin, not an SGLT2 inhibitor.', criterion: 'intervention', exclusionReason: 'wrong intervention', confidence: 0.8, evidence: ['metformin'] };

function memoryCache() {
  const map = new Map<string, unknown>();
  return { map, cache: { get: async (key: string) => map.get(key), set: async (key: string, value: unknown) => void map.set(key, value) } };
}

let server: FakeServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function start(respond: (request: SeenRequest, index: number) => FakeReply) {
  server = await startFakeOpenAi(respond);
  return server;
}

function screener(fake: FakeServer, overrides: Partial<LlmScreenerConfig> = {}) {
  return createLlmScreener({ baseUrl: fake.baseUrl, apiKey: 'test-key', models: ['model-a'], criteriaVersion: 'v1', cache: memoryCache().cache, ...overrides });
}

describe('LLM screener', () => {
  it('turns structured answers into decisions with highlights located in the record', async () => {
    const fake = await start((request) => ({ body: completion(/metformin/i.test(titleIn(request.body)) ? excludeAnswer : includeAnswer) }));
    const records = [record('r1', 'Empagliflozin in type 2 diabetes'), record('r2', 'Metformin dose in type 2 diabetes', 'Patients were randomised to two doses of metformin.')];
    const decisions = await screener(fake).screen(records, criteria);

    expect(decisions.map((decision) => [decision.recordId, decision.decision, decision.screener])).toEqual([
      ['r1', 'include', 'llm:model-a'],
      ['r2', 'exclude', 'llm:model-a'],
    ]);
    expect(decisions[0]).toMatchObject({ reason: includeAnswer.reason, criterion: 'intervention', exclusionReason: null, confidence: 0.9 });
    expect(decisions[1]).toMatchObject({ exclusionReason: 'wrong intervention', confidence: 0.8 });
    const abstract = records[0]?.abstract as string;
    const quoted = decisions[0]?.highlights.map((highlight) => (highlight.field === 'abstract' ? abstract : (records[0]?.title as string)).slice(highlight.start, highlight.end));
    expect(quoted).toEqual(['type 2 diabetes', 'type 2 diabetes', 'randomised to empagliflozin']);
  });

  it('sends a strict json_schema response format, temperature 0 and the bearer key', async () => {
    const fake = await start(() => ({ body: completion(includeAnswer) }));
    await screener(fake).screen([record('r1', 'Empagliflozin in type 2 diabetes')], criteria);

    const [request] = fake.requests as [SeenRequest];
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe('Bearer test-key');
    expect(request.body.model).toBe('model-a');
    expect(request.body.temperature).toBe(0);
    expect(request.body.messages.map((message) => message.role)).toEqual(['system', 'user']);
    expect(request.body.messages[1]?.content).toContain('Title: Empagliflozin in type 2 diabetes');
    expect(request.body.messages[1]?.content).toContain('Population: adults with type 2 diabetes');
    expect(request.body.response_format.type).toBe('json_schema');
    expect(request.body.response_format.json_schema).toMatchObject({ name: 'screening_decision', strict: true });
    const { schema } = request.body.response_format.json_schema;
    expect(schema).toMatchObject({ type: 'object', additionalProperties: false, required: ['decision', 'reason', 'criterion', 'exclusionReason', 'confidence', 'evidence'] });
    expect(schema).not.toHaveProperty('$schema');
  });

  it('sends no Authorization header without an API key', async () => {
    const fake = await start(() => ({ body: completion(includeAnswer) }));
    await screener(fake, { apiKey: undefined }).screen([record('r1', 'Empagliflozin in type 2 diabetes')], criteria);
    expect(fake.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('reports a disagreement of two models as a conflict with both reasons, and an agreement as the decision', async () => {
    const fake = await start((request) => {
      const disputed = titleIn(request.body).includes('disputed');
      return { body: completion(disputed && request.body.model === 'model-b' ? excludeAnswer : { ...includeAnswer, confidence: request.body.model === 'model-b' ? 0.7 : 0.9 }) };
    });
    const decisions = await screener(fake, { models: ['model-a', 'model-b'] }).screen([record('r1', 'Agreed empagliflozin trial'), record('r2', 'A disputed trial')], criteria);

    expect(fake.requests.map((request) => request.body.model).sort()).toEqual(['model-a', 'model-a', 'model-b', 'model-b']);
    expect(decisions[0]).toMatchObject({ decision: 'include', confidence: 0.7, screener: 'llm:model-a+model-b' });
    expect(decisions[1]?.decision).toBe('conflict');
    expect(decisions[1]?.reason).toContain(`model-a: include. ${includeAnswer.reason}`);
    expect(decisions[1]?.reason).toContain(`model-b: exclude. ${excludeAnswer.reason}`);
    expect(decisions[1]?.exclusionReason).toBeNull();
  });

  it('retries a malformed answer and records "uncertain" after the last try', async () => {
    const fake = await start(() => ({ body: completion('this is not JSON') }));
    const decisions = await screener(fake).screen([record('r1', 'Empagliflozin in type 2 diabetes')], criteria);

    expect(fake.requests).toHaveLength(3);
    expect(decisions[0]).toMatchObject({ decision: 'uncertain', exclusionReason: null });
    expect(decisions[0]?.reason).toBe('Uncertain: the model gave no valid answer after 3 tries: the answer is not JSON');
  });

  it('retries an answer that fails validation and uses the next valid one', async () => {
    const fake = await start((_request, index) => ({ body: index === 0 ? completion({ ...includeAnswer, confidence: 7 }) : index === 1 ? JSON.stringify({ choices: [] }) : completion(includeAnswer) }));
    const decisions = await screener(fake).screen([record('r1', 'Empagliflozin in type 2 diabetes')], criteria);
    expect(fake.requests).toHaveLength(3);
    expect(decisions[0]?.decision).toBe('include');
  });

  it('retries HTTP 500 after the Retry-After pause and then succeeds', async () => {
    const fake = await start((_request, index) => (index === 0 ? { status: 500, headers: { 'retry-after': '0' }, body: '{"error":"overloaded"}' } : { body: completion(includeAnswer) }));
    const decisions = await screener(fake).screen([record('r1', 'Empagliflozin in type 2 diabetes')], criteria);
    expect(fake.requests).toHaveLength(2);
    expect(decisions[0]?.decision).toBe('include');
  });

  it('throws when the server keeps answering 429, after maxAttempts requests', async () => {
    const fake = await start(() => ({ status: 429, headers: { 'retry-after': '0' }, body: '{"error":"rate limited"}' }));
    await expect(screener(fake, { maxAttempts: 2 }).screen([record('r1', 'Empagliflozin in type 2 diabetes')], criteria)).rejects.toThrow(/answered HTTP 429 2 times/);
    expect(fake.requests).toHaveLength(2);
  });

  it('throws at once on an authentication error', async () => {
    const fake = await start(() => ({ status: 401, body: '{"error":"invalid api key"}' }));
    await expect(screener(fake).screen([record('r1', 'Empagliflozin in type 2 diabetes')], criteria)).rejects.toThrow(/HTTP 401\): check the API key/);
    expect(fake.requests).toHaveLength(1);
  });

  it('throws after retries when nothing listens at the address', async () => {
    const fake = await start(() => ({ body: completion(includeAnswer) }));
    const { baseUrl } = fake;
    await fake.close();
    server = null;
    await expect(createLlmScreener({ baseUrl, models: ['model-a'], criteriaVersion: 'v1', cache: memoryCache().cache, maxAttempts: 2 }).screen([record('r1', 'Empagliflozin')], criteria)).rejects.toThrow(
      /could not be reached .* after 2 attempts/,
    );
  });

  it('caches valid answers so a re-run makes no requests', async () => {
    const fake = await start((request) => ({ body: completion(/metformin/i.test(titleIn(request.body)) ? excludeAnswer : includeAnswer) }));
    const { map, cache } = memoryCache();
    const records = [record('r1', 'Empagliflozin in type 2 diabetes'), record('r2', 'Metformin dose in type 2 diabetes', 'Two doses of metformin.')];
    const first = await screener(fake, { cache }).screen(records, criteria);
    expect(fake.requests).toHaveLength(2);
    expect([...map.keys()].sort()).toEqual(records.map((item) => `screening:llm:model-a:v1:${contentHash(item)}`).sort());

    const second = await screener(fake, { cache }).screen(records, criteria);
    expect(fake.requests).toHaveLength(2);
    expect(second).toEqual(first);

    await screener(fake, { cache, criteriaVersion: 'v2' }).screen(records, criteria);
    expect(fake.requests).toHaveLength(4);
  });

  it('does not cache an answer that never became valid', async () => {
    const fake = await start(() => ({ body: completion({ decision: 'maybe' }) }));
    const { map, cache } = memoryCache();
    await screener(fake, { cache, maxAttempts: 1 }).screen([record('r1', 'Empagliflozin in type 2 diabetes')], criteria);
    expect(map.size).toBe(0);
  });

  it('never excludes a record without an abstract on its title alone', async () => {
    const fake = await start(() => ({ body: completion(excludeAnswer) }));
    const decisions = await screener(fake).screen([record('r1', 'Metformin in type 2 diabetes', null)], criteria);
    expect(decisions[0]).toMatchObject({ decision: 'uncertain', exclusionReason: null });
    expect(decisions[0]?.reason).toContain('no abstract');
  });

  it('applies the hard criteria without asking the model', async () => {
    const fake = await start(() => ({ body: completion(includeAnswer) }));
    const decisions = await screener(fake).screen([record('old', 'Empagliflozin in type 2 diabetes', null, 2008), record('new', 'Empagliflozin in type 2 diabetes')], criteria);
    expect(fake.requests).toHaveLength(1);
    expect(decisions[0]).toMatchObject({ recordId: 'old', decision: 'exclude', criterion: 'year', exclusionReason: 'outside the year range', screener: 'llm:model-a' });
    expect(decisions[1]?.decision).toBe('include');
  });

  it('keeps the order of the records with requests running in parallel', async () => {
    const fake = await start((request) => ({ body: completion({ ...includeAnswer, reason: `About ${titleIn(request.body)}.` }), delayMs: 5 + (Number(titleIn(request.body).slice(6)) % 3) * 10 }));
    const records = Array.from({ length: 9 }, (_, index) => record(`r${index}`, `Trial ${index}`));
    const decisions = await screener(fake, { concurrency: 3 }).screen(records, criteria);
    expect(decisions.map((decision) => decision.reason)).toEqual(records.map((item) => `About ${item.title}.`));
  });

  it('calls onRequest for every request', async () => {
    const fake = await start((_request, index) => (index === 0 ? { status: 503, headers: { 'retry-after': '0' }, body: '' } : { body: completion(includeAnswer) }));
    const seen: string[] = [];
    await screener(fake, { onRequest: (model) => seen.push(model) }).screen([record('r1', 'Empagliflozin')], criteria);
    expect(seen).toEqual(['model-a', 'model-a']);
  });

  it('aborts pending requests when the signal aborts', async () => {
    const fake = await start(() => ({ body: completion(includeAnswer), delayMs: 5_000 }));
    const controller = new AbortController();
    const screening = screener(fake).screen([record('r1', 'Empagliflozin'), record('r2', 'Dapagliflozin')], criteria, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort(new Error('cancelled by the researcher'));
    await expect(screening).rejects.toThrow('cancelled by the researcher');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.closedEarly).toBe(2);
  });

  it('refuses a configuration it cannot use, naming each problem', () => {
    expect(() => createLlmScreener({ baseUrl: 'api.openai.com', models: ['a', 'a'], criteriaVersion: 'v1', cache: memoryCache().cache, concurrency: 0 })).toThrow(
      /baseUrl must be an http\(s\) URL.*the two models must differ.*concurrency must be a whole number of at least 1, got 0/,
    );
  });
});
