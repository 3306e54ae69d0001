// Any OpenAI-compatible chat-completions API through the `openai` package: OpenAI, Azure OpenAI,
// Ollama, vLLM, LM Studio. The package's own retries are off: this file retries 429/5xx/connection
// failures itself with capped, cancellable exponential backoff (a server's Retry-After is honoured
// up to the cap), and enforces one overall deadline that also covers a stream that stalls midway.
import OpenAI, { AzureOpenAI } from 'openai';
import { ProviderError, scrubSecret } from '../errors';
import type { GenerateRequest, Nl2SqlProvider } from '../types';
import { backoffDelay, sleep } from './backoff';

export interface OpenAiProviderConfig {
  /** e.g. https://api.openai.com/v1, http://localhost:11434/v1 (Ollama), http://localhost:1234/v1 (LM Studio). */
  baseURL?: string;
  /** Model name (Azure: ignored in favour of the deployment). */
  model: string;
  /** Key; local servers (Ollama, LM Studio) need none. Never logged. */
  apiKey?: string;
  /** Whole-request deadline in ms, streaming included (default 60000). */
  timeoutMs?: number;
  /** Extra attempts after a 429, 5xx or connection failure (default 2, at most 5). */
  maxRetries?: number;
  /** First backoff delay in ms (default 500), doubled per retry, capped by maxRetryDelayMs (default 8000). */
  retryBaseMs?: number;
  maxRetryDelayMs?: number;
  /** Stream the answer (tokens reach onToken as they arrive). */
  stream?: boolean;
  temperature?: number;
  /** Azure OpenAI: the api-version query parameter and the deployment name. */
  azure?: { apiVersion: string; deployment?: string };
}

export class OpenAiProvider implements Nl2SqlProvider {
  readonly id = 'openai';
  readonly canRepair = true;
  readonly description: string;
  private readonly client: OpenAI;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;

  constructor(private readonly config: OpenAiProviderConfig) {
    if (!config.model && !config.azure?.deployment) throw new ProviderError('config', 'no model configured for the OpenAI-compatible provider');
    this.timeoutMs = positive(config.timeoutMs, 60_000);
    this.maxRetries = Math.min(5, Math.max(0, Math.floor(config.maxRetries ?? 2)));
    const common = {
      // Local servers accept any key; the package insists on one.
      apiKey: config.apiKey || 'no-key',
      timeout: this.timeoutMs,
      maxRetries: 0,
      logLevel: 'off' as const,
    };
    try {
      this.client = config.azure
        ? new AzureOpenAI({ ...common, baseURL: config.baseURL, apiVersion: config.azure.apiVersion, deployment: config.azure.deployment })
        : new OpenAI({ ...common, baseURL: config.baseURL ?? 'https://api.openai.com/v1' });
    } catch (e) {
      throw new ProviderError('config', scrubSecret(`cannot set up the OpenAI-compatible client: ${(e as Error).message}`, config.apiKey));
    }
    this.description = `${config.azure?.deployment ?? config.model} at ${config.baseURL ?? 'https://api.openai.com/v1'}`;
  }

  async generate(request: GenerateRequest): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      let emitted = false;
      try {
        return await this.once(request, () => (emitted = true));
      } catch (e) {
        const err = this.toProviderError(e);
        const retryable = err.kind === 'rate-limit' || err.kind === 'server' || err.kind === 'unreachable';
        // A stream that already delivered tokens is not retried: the caller has shown them.
        if (!retryable || emitted || attempt >= this.maxRetries) throw err;
        const delay = backoffDelay(attempt, positive(this.config.retryBaseMs, 500), positive(this.config.maxRetryDelayMs, 8000), retryAfterMs(e));
        await sleep(delay, request.signal).catch(() => {
          throw new ProviderError('cancelled', 'cancelled');
        });
      }
    }
  }

  private async once(request: GenerateRequest, onEmit: () => void): Promise<string> {
    request.signal?.throwIfAborted();
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new ProviderError('timeout', `no complete answer from ${this.description} within ${this.timeoutMs} ms`)), this.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, deadline.signal]) : deadline.signal;
    const body = {
      model: this.config.azure?.deployment ?? this.config.model,
      temperature: this.config.temperature ?? 0,
      messages: [{ role: 'system' as const, content: request.system }, ...request.messages.map((m) => ({ role: m.role, content: m.content }))],
    };
    try {
      if (this.config.stream) {
        const stream = await this.client.chat.completions.create({ ...body, stream: true }, { signal });
        let text = '';
        for await (const chunk of stream) {
          const piece: unknown = (chunk as { choices?: { delta?: { content?: unknown } }[] })?.choices?.[0]?.delta?.content;
          if (typeof piece === 'string' && piece.length > 0) {
            text += piece;
            onEmit();
            request.onToken?.(piece);
          }
        }
        if (!text.trim()) throw new ProviderError('bad-response', `${this.description} streamed no answer text`);
        return text;
      }
      const completion: unknown = await this.client.chat.completions.create(body, { signal });
      const content = (completion as { choices?: { message?: { content?: unknown } }[] })?.choices?.[0]?.message?.content;
      if (typeof completion !== 'object' || completion === null || !Array.isArray((completion as { choices?: unknown }).choices))
        throw new ProviderError('bad-response', `${this.description} did not answer with a chat completion (got ${preview(completion)})`);
      if (typeof content !== 'string' || !content.trim()) throw new ProviderError('bad-response', `${this.description} answered without message text`);
      request.onToken?.(content);
      return content;
    } catch (e) {
      if (deadline.signal.aborted && !request.signal?.aborted) throw deadline.signal.reason as ProviderError;
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  private toProviderError(e: unknown): ProviderError {
    const key = this.config.apiKey;
    const where = this.config.baseURL ?? 'https://api.openai.com/v1';
    const make = (kind: ConstructorParameters<typeof ProviderError>[0], message: string, status?: number) => new ProviderError(kind, scrubSecret(message, key), status);
    if (e instanceof ProviderError) return make(e.kind, e.message, e.status);
    if (e instanceof OpenAI.APIUserAbortError || (e as Error)?.name === 'AbortError') return make('cancelled', 'cancelled');
    if (e instanceof OpenAI.APIConnectionTimeoutError) return make('timeout', `no answer from ${this.description} within ${this.timeoutMs} ms`);
    if (e instanceof OpenAI.APIConnectionError) {
      const cause = (e as { cause?: { cause?: { code?: string }; message?: string } }).cause;
      return make('unreachable', `cannot reach ${where} (${cause?.cause?.code ?? cause?.message ?? e.message}): is the server running and the base URL right?`);
    }
    if (e instanceof OpenAI.APIError) {
      const status = e.status ?? 0;
      const detail = serverMessage(e);
      if (status === 401 || status === 403) return make('auth', `${where} refused the credentials (HTTP ${status})${detail}: check the API key`, status);
      if (status === 404) return make('bad-request', `${where} has no model or endpoint "${this.config.azure?.deployment ?? this.config.model}" (HTTP 404)${detail}`, status);
      if (status === 429) return make('rate-limit', `${where} is rate limiting requests (HTTP 429)${detail}`, status);
      if (status >= 500) return make('server', `${where} failed (HTTP ${status})${detail}`, status);
      if (status) return make('bad-request', `${where} rejected the request (HTTP ${status})${detail}`, status);
      return make('bad-response', `${where} sent an error in its answer${detail}`);
    }
    if (e instanceof SyntaxError) return make('bad-response', `${where} sent an answer that is not valid JSON (${e.message})`);
    return make('bad-response', `unexpected failure talking to ${where}: ${(e as Error)?.message ?? String(e)}`);
  }
}

function positive(v: number | undefined, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;
}

function serverMessage(e: InstanceType<typeof OpenAI.APIError>): string {
  const msg = (e.error as { message?: unknown } | undefined)?.message;
  const text = typeof msg === 'string' ? msg : '';
  return text ? `: ${text.length > 200 ? text.slice(0, 197) + '…' : text}` : '';
}

function retryAfterMs(e: unknown): number | undefined {
  const headers = (e as { headers?: Headers }).headers;
  if (!headers || typeof headers.get !== 'function') return undefined;
  const ms = Number(headers.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms >= 0 && headers.get('retry-after-ms') !== null) return ms;
  const s = headers.get('retry-after');
  if (s === null) return undefined;
  const secs = Number(s);
  if (Number.isFinite(secs)) return secs * 1000;
  const at = Date.parse(s);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function preview(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 60 ? JSON.stringify(one.slice(0, 57) + '…') : JSON.stringify(one);
}
