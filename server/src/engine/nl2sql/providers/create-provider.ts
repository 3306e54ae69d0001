// Picks the provider from plain settings: offline unless an OpenAI-compatible endpoint or model is
// configured. Shared by the CLI and (later) the language server's settings.
import { ProviderError } from '../errors';
import type { Nl2SqlProvider } from '../types';
import { OfflineProvider } from './offline-provider';
import { OpenAiProvider, type OpenAiProviderConfig } from './openai-provider';

export interface ProviderSettings extends Partial<OpenAiProviderConfig> {
  /** "offline" (default) or "openai" (any OpenAI-compatible server). */
  provider?: 'offline' | 'openai';
}

export function createProvider(settings: ProviderSettings = {}): Nl2SqlProvider {
  const kind = settings.provider ?? (settings.baseURL || settings.model ? 'openai' : 'offline');
  if (kind === 'offline') return new OfflineProvider();
  if (kind !== 'openai') throw new ProviderError('config', `unknown provider "${String(kind)}" (use offline or openai)`);
  if (!settings.model && !settings.azure?.deployment) throw new ProviderError('config', 'the openai provider needs a model name');
  return new OpenAiProvider({ ...settings, model: settings.model ?? '' });
}
