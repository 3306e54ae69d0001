// Loads the TypeScript compiler lazily: its parser is what finds templates exactly (JSX text, regex
// literals, nested templates and comments are its problem, not a hand scanner's guesses), but it is
// large, and sessions that never open a TS/JS file should not pay for evaluating it.
import type * as TS from 'typescript';

let loaded: typeof TS | undefined;

export function loadTypeScript(): typeof TS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy on purpose, see above
  loaded ??= require('typescript') as typeof TS;
  return loaded;
}
