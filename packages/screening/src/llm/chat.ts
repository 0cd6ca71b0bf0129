// One chat completion over an OpenAI-compatible HTTP API, with the retries a busy server needs:
// 429 and 5xx answers are retried after a short backoff (or the server's Retry-After), network
// failures and timeouts likewise; what is still failing after the last attempt, and any
// authentication error, is thrown for the task queue to retry the batch later.
import { setTimeout as sleep } from 'node:timers/promises';

interface ChatRequest {
  url: string;
  apiKey: string | undefined;
  model: string;
  body: unknown;
  maxAttempts: number;
  timeoutMs: number;
  signal: AbortSignal;
  onRequest: ((model: string) => void) | undefined;
}

const FIRST_BACKOFF_MS = 250;
const LONGEST_WAIT_MS = 60_000;

/** The response body of a successful (2xx) request, as text. */
export async function postChat(request: ChatRequest): Promise<string> {
  const { url, model, maxAttempts, signal } = request;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (request.apiKey) headers.authorization = `Bearer ${request.apiKey}`;
  const body = JSON.stringify(request.body);
  for (let attempt = 1; ; attempt++) {
    signal.throwIfAborted();
    request.onRequest?.(model);
    let status: number;
    let text: string;
    let retryAfter: string | null;
    try {
      const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.any([signal, AbortSignal.timeout(request.timeoutMs)]) });
      status = response.status;
      retryAfter = response.headers.get('retry-after');
      text = await response.text();
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      const why = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${request.timeoutMs} ms` : describe(error);
      if (attempt >= maxAttempts) throw new Error(`The screening model ${model} could not be reached at ${url} after ${attempt} attempts: ${why}.`, { cause: error });
      await wait(backoff(attempt), signal);
      continue;
    }
    if (status >= 200 && status < 300) return text;
    if (status === 401 || status === 403) {
      throw new Error(`The screening model ${model} at ${url} refused the request (HTTP ${status}): check the API key. ${snippet(text)}`);
    }
    if (status !== 429 && status < 500) throw new Error(`The screening model ${model} at ${url} rejected the request (HTTP ${status}): ${snippet(text)}`);
    if (attempt >= maxAttempts) throw new Error(`The screening model ${model} at ${url} answered HTTP ${status} ${attempt} times; try again later. ${snippet(text)}`);
    await wait(retryAfterMs(retryAfter) ?? backoff(attempt), signal);
  }
}

/** A pause that ends early, with the abort reason, when the screening is aborted. */
async function wait(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await sleep(ms, undefined, { signal });
  } catch (error) {
    signal.throwIfAborted();
    throw error;
  }
}

function backoff(attempt: number): number {
  return Math.min(FIRST_BACKOFF_MS * 2 ** (attempt - 1), LONGEST_WAIT_MS);
}

/** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
function retryAfterMs(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), LONGEST_WAIT_MS) : null;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}

function snippet(text: string): string {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  return trimmed.length > 300 ? `${trimmed.slice(0, 300)}…` : trimmed;
}
