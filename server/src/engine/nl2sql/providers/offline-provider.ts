// The default provider when no AI service is configured: the offline translator behind the same
// interface as a language model. It answers like one (a fenced SQL block and a sentence, or
// "cannot answer: …"), streams nothing, sends nothing anywhere, and is deterministic, so the
// pipeline does not ask it to repair.
import { ProviderError } from '../errors';
import { translateOffline } from '../offline/translate';
import type { GenerateRequest, Nl2SqlProvider } from '../types';

export class OfflineProvider implements Nl2SqlProvider {
  readonly id = 'offline';
  readonly description = 'the offline translator';
  readonly canRepair = false;

  async generate(request: GenerateRequest): Promise<string> {
    const ctx = request.context;
    if (!ctx) throw new ProviderError('config', 'the offline translator needs the schema (request.context)');
    request.signal?.throwIfAborted();
    const result = await translateOffline(ctx.question, ctx.schema, ctx.valueProbe, request.signal);
    const answer = result.ok ? '```sql\n' + result.sql + '\n```\n' + result.explanation : `cannot answer: ${result.reason}`;
    request.onToken?.(answer);
    return answer;
  }
}
