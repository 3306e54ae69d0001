// The 'schemawise.ai' settings of natural language → SQL, coerced with from(value) helpers so that a
// malformed value becomes a safe default. The API key is not a setting: the client sends it with
// each request from SecretStorage (or the standalone server reads it from the environment).
import type { ProviderSettings } from '../engine/nl2sql';
import { BooleanSetting, NumberSetting, StringSetting } from './settings';

export interface AiSettings {
  provider: 'offline' | 'openai';
  baseUrl?: string;
  model?: string;
  azureApiVersion?: string;
  azureDeployment?: string;
  timeoutMs?: number;
  /** Repair rounds after the first answer (0..5, default 2). */
  maxRepairs: number;
  /** Token budget of the schema in the prompt (default: the engine's). */
  budgetTokens?: number;
  includeComments: boolean;
  /** Send distinct values of short text columns the question names (privacy: off by default). */
  sampleValues: boolean;
  /** EXPLAIN each candidate on the connection (never executed). */
  explainCheck: boolean;
  /** Stream the model's answer (tokens become progress messages). */
  stream: boolean;
}

export const AiSettings = {
  from(value: unknown): AiSettings {
    const v = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    const baseUrl = StringSetting.from(v.baseUrl);
    const model = StringSetting.from(v.model);
    const azureDeployment = StringSetting.from(v.azureDeployment);
    const named = v.provider === 'offline' || v.provider === 'openai' ? v.provider : undefined;
    const maxRepairs = NumberSetting.from(v.maxRepairs);
    return {
      // Offline unless asked for, or unless an endpoint/model is configured (as the CLI decides).
      provider: named ?? (baseUrl || model || azureDeployment ? 'openai' : 'offline'),
      baseUrl,
      model,
      azureApiVersion: StringSetting.from(v.azureApiVersion),
      azureDeployment,
      timeoutMs: NumberSetting.from(v.timeoutMs),
      maxRepairs: v.maxRepairs === 0 ? 0 : Math.min(5, Math.floor(maxRepairs ?? 2)),
      budgetTokens: NumberSetting.from(v.budgetTokens),
      includeComments: BooleanSetting.from(v.includeComments, true),
      sampleValues: BooleanSetting.from(v.sampleValues, false),
      explainCheck: BooleanSetting.from(v.explainCheck, true),
      stream: BooleanSetting.from(v.stream, true),
    };
  },

  /** Provider settings for createProvider; `apiKey` comes from the request (never from settings). */
  toProvider(s: AiSettings, apiKey: string | undefined): ProviderSettings {
    if (s.provider === 'offline') return { provider: 'offline' };
    return {
      provider: 'openai',
      baseURL: s.baseUrl,
      model: s.model ?? s.azureDeployment,
      apiKey,
      timeoutMs: s.timeoutMs,
      stream: s.stream,
      ...(s.azureApiVersion ? { azure: { apiVersion: s.azureApiVersion, deployment: s.azureDeployment ?? s.model } } : {}),
    };
  },
};
