// A real HTTP server on 127.0.0.1 (random port) that speaks the OpenAI chat-completions protocol:
// POST /v1/chat/completions answered with JSON, or with SSE (`data: {...}\n\n` … `data: [DONE]`)
// when the request asks to stream. Each request takes the next scripted reply; every request is
// recorded so tests can assert exactly what a provider sent.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeReply =
  /** A normal answer (streamed in `chunks` pieces when the request has stream: true). */
  | { kind: 'answer'; content: string; chunks?: number }
  /** An HTTP error with a JSON error body (e.g. 429, 500), optional headers such as retry-after-ms. */
  | { kind: 'status'; status: number; message?: string; headers?: Record<string, string> }
  /** Holds the response until the client gives up (the client's timeout must fire). */
  | { kind: 'hang' }
  /** A 200 with this raw body and content type (garbage, non-JSON, truncated JSON). */
  | { kind: 'raw'; body: string; contentType: string };

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization?: string;
  body: {
    model?: string;
    stream?: boolean;
    messages?: { role: string; content: string }[];
    [k: string]: unknown;
  };
}

export class FakeOpenAi {
  readonly requests: RecordedRequest[] = [];
  private readonly server: http.Server;
  private script: FakeReply[] = [];
  private hanging: http.ServerResponse[] = [];
  private hangWaiters: (() => void)[] = [];

  private constructor() {
    this.server = http.createServer((req, res) => void this.handle(req, res));
  }

  static async start(): Promise<FakeOpenAi> {
    const fake = new FakeOpenAi();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get baseURL(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  /** Replaces the scripted replies (consumed one per request) and clears recorded requests. */
  reply(...replies: FakeReply[]): this {
    this.script = [...replies];
    this.requests.length = 0;
    return this;
  }

  /** Resolves once a request is being held by a `hang` reply. */
  whenHanging(): Promise<void> {
    if (this.hanging.length > 0) return Promise.resolve();
    return new Promise((resolve) => this.hangWaiters.push(resolve));
  }

  async close(): Promise<void> {
    for (const r of this.hanging) r.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let body: RecordedRequest['body'];
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RecordedRequest['body'];
    } catch {
      body = {};
    }
    this.requests.push({ method: req.method ?? '', path: url.pathname, query: url.searchParams, authorization: req.headers.authorization, body });
    if (req.method !== 'POST' || !url.pathname.endsWith('/chat/completions')) return json(res, 404, { error: { message: `no route ${req.method} ${url.pathname}`, type: 'invalid_request_error' } });
    const next = this.script.shift();
    if (!next) return json(res, 500, { error: { message: 'fake server: no scripted reply left', type: 'server_error' } });
    switch (next.kind) {
      case 'status':
        return json(res, next.status, { error: { message: next.message ?? `status ${next.status}`, type: 'error' } }, next.headers);
      case 'hang':
        this.hanging.push(res);
        this.hangWaiters.splice(0).forEach((w) => w());
        return;
      case 'raw':
        res.writeHead(200, { 'content-type': next.contentType });
        res.end(next.body);
        return;
      case 'answer':
        if (body.stream) return sse(res, body.model ?? 'fake', next.content, next.chunks ?? 4);
        return json(res, 200, completion(body.model ?? 'fake', next.content));
    }
  }
}

function json(res: http.ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(payload));
}

function completion(model: string, content: string) {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 1700000000,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

function sse(res: http.ServerResponse, model: string, content: string, pieces: number): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const size = Math.max(1, Math.ceil(content.length / pieces));
  const chunk = (delta: Record<string, unknown>, finish: string | null) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1700000000, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  res.write(chunk({ role: 'assistant', content: '' }, null));
  for (let i = 0; i < content.length; i += size) res.write(chunk({ content: content.slice(i, i + size) }, null));
  res.write(chunk({}, 'stop'));
  res.end('data: [DONE]\n\n');
}
