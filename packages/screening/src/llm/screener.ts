// The LLM screener: each record goes to one model, or to two that must agree (a disagreement is
// a 'conflict' for the researcher), over an OpenAI-compatible chat API with structured output.
// The hard criteria are applied first without asking; every valid answer is cached by model,
// criteria version and record content, so a re-run asks nothing it has asked before.
import type { Criteria } from '../criteria.ts';
import { checkHardCriteria, lacksAbstract } from '../hardCriteria.ts';
import { mergeHighlights } from '../builtin/analysis.ts';
import { contentHash, type Highlight, type ScreeningDecision, type ScreeningRecord, type Screener, type ScreenOptions } from '../screener.ts';
import { postChat } from './chat.ts';
import { type Answer, answerJsonSchema, answerSchema, SYSTEM_PROMPT, userPrompt } from './prompt.ts';

export interface LlmScreenerConfig {
  /** OpenAI-compatible, e.g. https://api.openai.com/v1; requests go to `${baseUrl}/chat/completions`. */
  baseUrl: string;
  apiKey?: string;
  /** Two models = agreement mode: a disagreement is decision 'conflict' with both reasons. */
  models: [string] | [string, string];
  /** Part of the cache key: a new version of the criteria asks again. */
  criteriaVersion: string;
  cache: { get(key: string): Promise<unknown>; set(key: string, value: unknown): Promise<void> };
  /** Parallel requests (default 4). */
  concurrency?: number;
  /** Attempts per record and model, for malformed answers and for failing requests alike (default 3). */
  maxAttempts?: number;
  /** Per request (default 60 000). */
  timeoutMs?: number;
  onRequest?: (model: string) => void;
}

const DEFAULTS = { concurrency: 4, maxAttempts: 3, timeoutMs: 60_000 };

/** One model's verdict on one record, before two models are compared. */
interface ModelVerdict {
  model: string;
  decision: 'include' | 'exclude' | 'uncertain';
  reason: string;
  criterion: string | null;
  exclusionReason: string | null;
  confidence: number;
  highlights: Highlight[];
}

function llmCacheKey(model: string, criteriaVersion: string, record: ScreeningRecord): string {
  return `screening:llm:${model}:${criteriaVersion}:${contentHash(record)}`;
}

export function createLlmScreener(config: LlmScreenerConfig): Screener {
  const settings = validateConfig(config);
  const url = `${config.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const name = `llm:${config.models.join('+')}`;

  async function askModel(record: ScreeningRecord, criteria: Criteria, model: string, signal: AbortSignal): Promise<ModelVerdict> {
    const key = llmCacheKey(model, config.criteriaVersion, record);
    const cached = answerSchema.safeParse(await config.cache.get(key));
    if (cached.success) return verdictOf(record, model, cached.data);
    const body = {
      model,
      temperature: 0,
      messages: [
        { role: 'system', content: SYSTEM_PROMPT },
        { role: 'user', content: userPrompt(record, criteria) },
      ],
      response_format: { type: 'json_schema', json_schema: { name: 'screening_decision', strict: true, schema: answerJsonSchema } },
    };
    let problem = '';
    for (let attempt = 1; attempt <= settings.maxAttempts; attempt++) {
      const text = await postChat({ url, apiKey: config.apiKey, model, body, maxAttempts: settings.maxAttempts, timeoutMs: settings.timeoutMs, signal, onRequest: config.onRequest });
      const answer = readAnswer(text);
      if (answer.ok) {
        await config.cache.set(key, answer.value);
        return verdictOf(record, model, answer.value);
      }
      problem = answer.problem;
    }
    return {
      model,
      decision: 'uncertain',
      reason: `Uncertain: the model gave no valid answer after ${settings.maxAttempts} ${settings.maxAttempts === 1 ? 'try' : 'tries'}: ${problem}`,
      criterion: null,
      exclusionReason: null,
      confidence: 0,
      highlights: [],
    };
  }

  return {
    name,
    async screen(records: readonly ScreeningRecord[], criteria: Criteria, options?: ScreenOptions): Promise<ScreeningDecision[]> {
      const decisions: (ScreeningDecision | undefined)[] = new Array(records.length);
      const verdicts: ModelVerdict[][] = records.map(() => []);
      const jobs: { index: number; model: string }[] = [];
      for (const [index, record] of records.entries()) {
        const hard = checkHardCriteria(record, criteria);
        if (hard) decisions[index] = { recordId: record.id, decision: 'exclude', ...hard, screener: name };
        else for (const model of config.models) jobs.push({ index, model });
      }
      // One failure (or the caller's abort) stops the requests still running.
      const controller = new AbortController();
      const abort = () => controller.abort(options?.signal?.reason);
      options?.signal?.addEventListener('abort', abort, { once: true });
      if (options?.signal?.aborted) abort();
      let next = 0;
      const worker = async () => {
        while (next < jobs.length) {
          const { index, model } = jobs[next++] as (typeof jobs)[number];
          const verdict = await askModel(records[index] as ScreeningRecord, criteria, model, controller.signal);
          (verdicts[index] as ModelVerdict[])[config.models.indexOf(model)] = verdict;
        }
      };
      try {
        await Promise.all(
          Array.from({ length: Math.min(settings.concurrency, jobs.length) }, () =>
            worker().catch((error: unknown) => {
              if (!controller.signal.aborted) controller.abort(error);
              throw error;
            }),
          ),
        );
      } finally {
        options?.signal?.removeEventListener('abort', abort);
      }
      return records.map((record, index) => decisions[index] ?? combine(record, verdicts[index] as ModelVerdict[], name));
    },
  };
}

function validateConfig(config: LlmScreenerConfig) {
  const settings = { ...DEFAULTS, ...definedOnly({ concurrency: config.concurrency, maxAttempts: config.maxAttempts, timeoutMs: config.timeoutMs }) };
  const problems: string[] = [];
  if (!/^https?:\/\/\S+$/.test(config.baseUrl)) problems.push(`baseUrl must be an http(s) URL, got "${config.baseUrl}"`);
  if (config.models.length < 1 || config.models.length > 2 || config.models.some((model) => model.trim() === '')) problems.push('models must name one or two models');
  if (config.models.length === 2 && config.models[0] === config.models[1]) problems.push('the two models must differ (agreement mode compares two models)');
  for (const [key, value] of Object.entries(settings)) if (!Number.isInteger(value) || value < 1) problems.push(`${key} must be a whole number of at least 1, got ${value}`);
  if (problems.length > 0) throw new Error(`The LLM screener is not configured correctly: ${problems.join('; ')}.`);
  return settings;
}

function definedOnly<T extends Record<string, number | undefined>>(values: T): Partial<Record<keyof T, number>> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<Record<keyof T, number>>;
}

type Parsed = { ok: true; value: Answer } | { ok: false; problem: string };

/** The structured answer inside a chat completion, or what is wrong with it. */
function readAnswer(text: string): Parsed {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'the response is not JSON' };
  }
  const message = (body as { choices?: { message?: { content?: unknown; refusal?: unknown } }[] } | null)?.choices?.[0]?.message;
  if (!message) return { ok: false, problem: 'the response has no choices' };
  if (typeof message.refusal === 'string' && message.refusal !== '') return { ok: false, problem: `the model refused: ${message.refusal}` };
  if (typeof message.content !== 'string') return { ok: false, problem: 'the answer has no content' };
  let content: unknown;
  try {
    content = JSON.parse(message.content);
  } catch {
    return { ok: false, problem: 'the answer is not JSON' };
  }
  const answer = answerSchema.safeParse(content);
  if (!answer.success) {
    const issue = answer.error.issues[0];
    return { ok: false, problem: `the answer does not fit the schema (${issue ? `${issue.path.join('.') || 'answer'}: ${issue.message}` : 'invalid'})` };
  }
  return { ok: true, value: answer.data };
}

function verdictOf(record: ScreeningRecord, model: string, answer: Answer): ModelVerdict {
  const highlights = locateEvidence(record, answer.evidence);
  if (answer.decision === 'exclude' && lacksAbstract(record)) {
    // The hard criteria have passed, so the title alone must not exclude it.
    return {
      model,
      decision: 'uncertain',
      reason: `Uncertain: there is no abstract, and a title alone is not enough to exclude. The model would exclude it: ${answer.reason}`,
      criterion: answer.criterion,
      exclusionReason: null,
      confidence: Math.min(answer.confidence, 0.5),
      highlights,
    };
  }
  return {
    model,
    decision: answer.decision,
    reason: answer.reason,
    criterion: answer.criterion,
    exclusionReason: answer.decision === 'exclude' ? (answer.exclusionReason ?? 'other') : null,
    confidence: answer.confidence,
    highlights,
  };
}

/** Where each quoted phrase stands in the title or abstract (exactly, else ignoring case). */
function locateEvidence(record: ScreeningRecord, evidence: readonly string[]): Highlight[] {
  const highlights: Highlight[] = [];
  for (const phrase of evidence) {
    const wanted = phrase.trim();
    if (wanted === '') continue;
    for (const field of ['title', 'abstract'] as const) {
      const text = record[field];
      if (!text) continue;
      let start = text.indexOf(wanted);
      if (start < 0) {
        const lower = text.toLowerCase();
        if (lower.length === text.length) start = lower.indexOf(wanted.toLowerCase());
      }
      if (start >= 0) highlights.push({ field, start, end: start + wanted.length });
    }
  }
  return mergeHighlights(highlights);
}

function combine(record: ScreeningRecord, verdicts: readonly ModelVerdict[], screener: string): ScreeningDecision {
  const [first, second] = verdicts as [ModelVerdict, ModelVerdict | undefined];
  const decide = (fields: Omit<ScreeningDecision, 'recordId' | 'screener'>): ScreeningDecision => ({ recordId: record.id, ...fields, screener });
  if (!second) return decide(withoutModel(first));
  const highlights = mergeHighlights([...first.highlights, ...second.highlights]);
  if (first.decision === second.decision) {
    return decide({ ...withoutModel(first), confidence: Math.min(first.confidence, second.confidence), highlights });
  }
  return decide({
    decision: 'conflict',
    reason: `The models disagree. ${first.model}: ${first.decision}. ${first.reason} ${second.model}: ${second.decision}. ${second.reason}`,
    criterion: first.criterion ?? second.criterion,
    exclusionReason: null,
    confidence: Math.min(first.confidence, second.confidence),
    highlights,
  });
}

function withoutModel(verdict: ModelVerdict): Omit<ScreeningDecision, 'recordId' | 'screener'> {
  const { model: _model, ...fields } = verdict;
  return fields;
}
