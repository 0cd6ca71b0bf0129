// A fake OpenAI-compatible chat endpoint for tests: real HTTP on a random port, answering every
// screening request with a valid structured decision after `delayMs`, and counting requests.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function startFakeLlm(options: { delayMs?: number } = {}) {
  let requests = 0;
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk));
    request.on('end', () => {
      requests++;
      const { model } = JSON.parse(body) as { model: string };
      const answer = { decision: 'include', reason: 'Adults with the condition, randomised.', criterion: 'population', exclusionReason: null, confidence: 0.8, evidence: [] };
      setTimeout(() => {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ id: `fake-${requests}`, model, choices: [{ index: 0, message: { role: 'assistant', content: JSON.stringify(answer) }, finish_reason: 'stop' }] }));
      }, options.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests: () => requests,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
