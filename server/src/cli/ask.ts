// `schemawise ask "question"`: natural language → SQL against a live connection or a snapshot.
// Prints the SQL and never runs it. Offline translator unless an OpenAI-compatible endpoint is
// configured; the API key comes from SCHEMAWISE_OPENAI_API_KEY or OPENAI_API_KEY only.
import { createDriver } from '../engine/drivers/registry';
import type { DatabaseDriver } from '../engine/drivers/types';
import { askDatabase, createProvider, explainWith, ProviderError, sampleValuesWith, valueProbeWith, type Nl2SqlResult } from '../engine/nl2sql';
import { SchemaIndex } from '../engine/schema/schema-index';
import { loadSnapshot } from '../engine/schema/snapshot';
import { stringFlag, UsageError, type ParsedArgs } from './args';
import { EXIT, type CliCommand, type CliIO } from './command';
import { CONNECTION_FLAGS, connectionFromArgs } from './connection-args';

export const askCommand: CliCommand = {
  name: 'ask',
  summary: 'turn a question into SQL for your schema (printed, never run); offline unless an AI endpoint is set',
  usage: 'schemawise ask "question" (--connection <url> | --sample | --schema snapshot.json) [--provider offline|openai] [--base-url URL] [--model NAME] [--max-repairs N] [--explain-check]',
  flags: {
    ...CONNECTION_FLAGS,
    schema: { value: true, placeholder: 'file', description: 'use a schema snapshot (from `schemawise introspect --out`) instead of a database' },
    provider: { value: true, placeholder: 'offline|openai', description: 'offline translator (default) or an OpenAI-compatible API (OpenAI, Azure, Ollama, vLLM, LM Studio)' },
    'base-url': { value: true, placeholder: 'url', description: 'OpenAI-compatible base URL, e.g. http://localhost:11434/v1 (env SCHEMAWISE_OPENAI_BASE_URL); key: SCHEMAWISE_OPENAI_API_KEY or OPENAI_API_KEY' },
    model: { value: true, placeholder: 'name', description: 'model (or Azure deployment) name (env SCHEMAWISE_OPENAI_MODEL)' },
    'azure-api-version': { value: true, placeholder: 'version', description: 'Azure OpenAI: api-version; --model is then the deployment' },
    'max-repairs': { value: true, placeholder: 'N', description: 'repair rounds when the SQL does not validate (default 2, at most 5)' },
    'explain-check': { value: false, description: 'also EXPLAIN each candidate on the connection (never executed)' },
    budget: { value: true, placeholder: 'tokens', description: 'token budget of the schema sent to the model (default 2000; estimate chars/4)' },
    'no-comments': { value: false, description: 'leave table and column comments out of the prompt' },
    'sample-values': { value: false, description: 'send values of short text columns that the question names (off by default: privacy)' },
    'timeout-ms': { value: true, placeholder: 'N', description: 'provider timeout per request (default 60000)' },
    stream: { value: false, description: 'stream the model answer to stderr as it arrives' },
    json: { value: false, description: 'print the whole result as JSON' },
    trace: { value: false, description: 'print the prompts and answers to stderr (trace)' },
  },
  async run(args, io) {
    const question = args.positionals.join(' ').trim();
    if (!question) throw new UsageError('give the question as an argument, e.g. schemawise ask "how many customers are there" --sample');
    const snapshot = stringFlag(args, 'schema');
    if (snapshot && (args.flags.has('connection') || args.flags.has('sample'))) throw new UsageError('give either --schema or a database (--connection/--sample), not both');
    if (snapshot && (args.flags.has('explain-check') || args.flags.has('sample-values'))) throw new UsageError('--explain-check and --sample-values need a database connection');
    const provider = providerFrom(args);
    let driver: DatabaseDriver | undefined;
    try {
      let schema: SchemaIndex;
      if (snapshot) schema = new SchemaIndex(await loadSnapshot(snapshot));
      else {
        driver = createDriver({ ...connectionFromArgs(args), readOnly: true });
        await driver.connect();
        schema = new SchemaIndex(await driver.introspect());
      }
      const query = driver ? driver.queryReadOnly.bind(driver) : undefined;
      const ac = new AbortController();
      const onSigint = () => ac.abort();
      process.once('SIGINT', onSigint);
      let result: Nl2SqlResult;
      try {
        result = await askDatabase({
          question,
          schema,
          provider,
          maxRepairs: intFlag(args, 'max-repairs', 0, 5),
          linking: {
            budgetTokens: intFlag(args, 'budget', 100, 200000),
            includeComments: !args.flags.has('no-comments'),
            sampleValues: query && args.flags.has('sample-values') ? sampleValuesWith(query, schema.model.dialect) : undefined,
          },
          explain: query && args.flags.has('explain-check') ? explainWith(query) : undefined,
          // Offline lookups stay on this machine: they only tell the translator which column holds a value.
          valueProbe: query && provider.id === 'offline' ? valueProbeWith(query, schema.model.dialect) : undefined,
          signal: ac.signal,
          onToken: args.flags.has('stream') ? (t) => process.stderr.write(t) : undefined,
          trace: args.flags.has('trace') ? (m) => io.stderr(m) : undefined,
        });
      } finally {
        process.off('SIGINT', onSigint);
      }
      return report(result, args, io);
    } finally {
      await driver?.close().catch(() => undefined);
    }
  },
};

function report(result: Nl2SqlResult, args: ParsedArgs, io: CliIO): number {
  if (args.flags.has('json')) {
    io.stdout(JSON.stringify(result, null, 2));
    return result.status === 'ok' ? EXIT.ok : EXIT.failure;
  }
  if (result.status === 'failed') {
    io.stderr(`schemawise ask: ${result.message}`);
    if (result.help) io.stderr(`${result.help} For other questions, use a model: --provider openai --base-url URL (or SCHEMAWISE_OPENAI_BASE_URL).`);
    return EXIT.failure;
  }
  io.stdout(result.sql.endsWith(';') ? result.sql : `${result.sql};`);
  for (const w of result.warnings) io.stderr(result.classification.kind === 'write' && w.startsWith('THIS STATEMENT') ? `WARNING: ${w}` : `note: ${w}`);
  if (result.explanation) io.stderr(`-- ${result.explanation}`);
  io.stderr(`-- ${result.provider}; ${result.rounds} round${result.rounds === 1 ? '' : 's'}; tables: ${result.tablesUsed.join(', ') || 'none'}`);
  return EXIT.ok;
}

function providerFrom(args: ParsedArgs) {
  const kind = stringFlag(args, 'provider');
  if (kind !== undefined && kind !== 'offline' && kind !== 'openai') throw new UsageError('--provider must be offline or openai');
  const baseURL = stringFlag(args, 'base-url') ?? process.env.SCHEMAWISE_OPENAI_BASE_URL;
  const model = stringFlag(args, 'model') ?? process.env.SCHEMAWISE_OPENAI_MODEL;
  const azureVersion = stringFlag(args, 'azure-api-version');
  const chosen = kind ?? (stringFlag(args, 'base-url') || stringFlag(args, 'model') ? 'openai' : 'offline');
  if (chosen === 'offline') return createProvider({ provider: 'offline' });
  if (!model) throw new UsageError('the openai provider needs --model (or SCHEMAWISE_OPENAI_MODEL)');
  try {
    return createProvider({
      provider: 'openai',
      baseURL,
      model,
      apiKey: process.env.SCHEMAWISE_OPENAI_API_KEY ?? process.env.OPENAI_API_KEY,
      timeoutMs: intFlag(args, 'timeout-ms', 1, 3_600_000),
      stream: args.flags.has('stream'),
      ...(azureVersion ? { azure: { apiVersion: azureVersion, deployment: model } } : {}),
    });
  } catch (e) {
    if (e instanceof ProviderError) throw new UsageError(e.message);
    throw e;
  }
}

function intFlag(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const v = stringFlag(args, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  return Number(v);
}
