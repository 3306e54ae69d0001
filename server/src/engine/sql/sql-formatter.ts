// sql-formatter, required when first used: building its dialect grammars at load time cost every
// server start ~0.1 s, for sessions that may never format (esbuild-vendor.mjs keeps it apart).
import type * as SqlFormatter from 'sql-formatter';

let loaded: typeof SqlFormatter | undefined;

export function format(query: string, options?: SqlFormatter.FormatOptionsWithLanguage): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy on purpose, see above
  loaded ??= require('sql-formatter') as typeof SqlFormatter;
  return loaded.format(query, options);
}
