// A fake OpenAI-compatible chat completions server for tests of the LLM screener, here and in the
// packages that run it: real HTTP on a free port, every request recorded, each answer chosen by
// the test's `respond` function.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatBody {
  model: string;
  temperature: number;
  messages: { role: string; content: string }[];
  response_format: { type: string; json_schema: { name: string; strict: boolean; schema: Record<string, unknown> } };
}

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: ChatBody;
}

export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  /** The raw response body; use `completion` for a normal answer. */
  body: string;
  /** Wait this long before answering (to test timeouts and aborts). */
  delayMs?: number;
}

export interface FakeServer {
  baseUrl: string;
  requests: SeenRequest[];
  /** Requests whose client went away before the answer. */
  closedEarly: number;
  close(): Promise<void>;
}

/** A chat completion whose message content is `content` (an object is sent as JSON text). */
export function completion(content: unknown): string {
  return JSON.stringify({
    id: 'chatcmpl-test',
    object: 'chat.completion',
    choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: typeof content === 'string' ? content : JSON.stringify(content) } }],
  });
}

/** The record's title as the screener wrote it into the user message. */
export function titleIn(body: ChatBody): string {
  const user = body.messages.find((message) => message.role === 'user')?.content ?? '';
  return /^Title: (.*)$/m.exec(user)?.[1] ?? '';
}

/** `port`: a fixed one, for a server started elsewhere with the URL in its settings (the e2e suite); else a free one. */
export async function startFakeOpenAi(respond: (request: SeenRequest, index: number) => FakeReply, options: { port?: number } = {}): Promise<FakeServer> {
  const requests: SeenRequest[] = [];
  const state = { closedEarly: 0 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const seen: SeenRequest = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatBody };
      requests.push(seen);
      const reply = respond(seen, requests.length - 1);
      const send = () => {
        if (response.destroyed) return;
        response.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
        response.end(reply.body);
      };
      if (reply.delayMs) {
        const timer = setTimeout(send, reply.delayMs);
        response.on('close', () => {
          if (!response.writableFinished) {
            state.closedEarly++;
            clearTimeout(timer);
          }
        });
      } else {
        send();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    get closedEarly() {
      return state.closedEarly;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
