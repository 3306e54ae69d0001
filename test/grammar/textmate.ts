// Tokenises source text the way VS Code does: vscode-textmate + the Oniguruma WASM regex engine,
// with the host grammars of VS Code (TypeScript, JavaScript, SQL, from the tm-grammars package,
// pinned in package.json so snapshots only change when we change something) and our injection
// grammars registered for the hosts their package.json entries name in injectTo.
//
// The three packages are loaded at run time (not imported) so the type-check passes before they
// are installed; `loadTextMate()` says exactly what is missing instead.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const SYNTAXES = path.resolve(__dirname, '../../syntaxes');
/** Our injection grammars, by scope name (what package.json's contributes.grammars registers). */
export const INJECTIONS: Record<string, string> = {
  'inline.sql-template': path.join(SYNTAXES, 'sql-in-template.json'),
};
export const REQUIRED_PACKAGES = ['vscode-textmate', 'vscode-oniguruma', 'tm-grammars'] as const;

/** The file names of the host grammars inside tm-grammars/grammars/. */
const HOST_GRAMMARS: Record<string, string> = {
  'source.ts': 'typescript.json',
  'source.tsx': 'tsx.json',
  'source.js': 'javascript.json',
  'source.sql': 'sql.json',
};
export const INJECTED_INTO = ['source.ts', 'source.tsx', 'source.js', 'source.js.jsx'];

/** One token of one line: its text, its column and its scope stack (outermost first). */
export interface Token {
  line: number;
  column: number;
  text: string;
  scopes: string[];
}

interface RawToken {
  startIndex: number;
  endIndex: number;
  scopes: string[];
}
interface RawGrammar {
  tokenizeLine(line: string, state: unknown): { tokens: RawToken[]; ruleStack: unknown };
}
interface TextMateModule {
  INITIAL: unknown;
  Registry: new (options: object) => { loadGrammar(scope: string): Promise<RawGrammar | null> };
  parseRawGrammar(content: string, filePath: string): unknown;
}
interface OnigModule {
  loadWASM(data: ArrayBuffer | ArrayBufferView): Promise<void>;
  createOnigScanner(patterns: string[]): unknown;
  createOnigString(s: string): unknown;
}

export interface TextMate {
  /** Tokenises `text` with the grammar of `scopeName` (with the injection active). */
  tokenize(scopeName: string, text: string): Promise<Token[]>;
}

const req = createRequire(__filename);

/** Packages among REQUIRED_PACKAGES that cannot be resolved from the repository. */
export function missingPackages(): string[] {
  return REQUIRED_PACKAGES.filter((p) => {
    try {
      req.resolve(p === 'tm-grammars' ? 'tm-grammars/grammars/sql.json' : p);
      return false;
    } catch {
      return true;
    }
  });
}

let loaded: Promise<TextMate> | undefined;

/** Loads the WASM engine and the grammars once per process. */
export function loadTextMate(): Promise<TextMate> {
  loaded ??= create();
  return loaded;
}

async function create(): Promise<TextMate> {
  const missing = missingPackages();
  if (missing.length) throw new Error(`missing devDependencies: ${missing.join(', ')}`);
  const tm = req('vscode-textmate') as TextMateModule;
  const onig = req('vscode-oniguruma') as OnigModule;
  await onig.loadWASM(readFileSync(path.join(path.dirname(req.resolve('vscode-oniguruma')), 'onig.wasm')));

  const grammarFile = (scope: string): string | undefined => {
    if (INJECTIONS[scope]) return INJECTIONS[scope];
    const name = HOST_GRAMMARS[scope];
    return name ? req.resolve(`tm-grammars/grammars/${name}`) : undefined;
  };
  const registry = new tm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => onig.createOnigScanner(patterns),
      createOnigString: (s: string) => onig.createOnigString(s),
    }),
    loadGrammar: async (scope: string) => {
      const file = grammarFile(scope);
      return file ? tm.parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
    },
    // What package.json's contributes.grammars[].injectTo does inside VS Code.
    getInjections: (scope: string) => (INJECTED_INTO.includes(scope) ? Object.keys(INJECTIONS) : undefined),
  });

  return {
    async tokenize(scopeName, text) {
      const grammar = await registry.loadGrammar(scopeName);
      if (!grammar) throw new Error(`no grammar for ${scopeName}`);
      const out: Token[] = [];
      let state = tm.INITIAL;
      text.split(/\r?\n/).forEach((lineText, line) => {
        const r = grammar.tokenizeLine(lineText, state);
        state = r.ruleStack;
        for (const t of r.tokens) {
          out.push({ line, column: t.startIndex, text: lineText.slice(t.startIndex, t.endIndex), scopes: t.scopes });
        }
      });
      return out;
    },
  };
}

/** The host grammar for a fixture file, by extension. */
export function scopeForFile(file: string): string {
  const ext = path.extname(file);
  const scope = { '.ts': 'source.ts', '.tsx': 'source.tsx', '.js': 'source.js' }[ext];
  if (!scope) throw new Error(`no host grammar for ${ext} fixtures`);
  return scope;
}

/**
 * The snapshot text: each source line as `> line`, then one line per non-blank token with its
 * scopes (the root scope left out: it is the same for every token).
 */
export function snapshot(source: string, tokens: Token[]): string {
  const lines = source.split(/\r?\n/);
  const out: string[] = [];
  lines.forEach((text, i) => {
    out.push(`> ${text}`);
    for (const t of tokens) {
      if (t.line !== i || t.text.trim() === '') continue;
      out.push(`  ${JSON.stringify(t.text)} ${t.scopes.slice(1).join(' ')}`.trimEnd());
    }
  });
  return out.join('\n') + '\n';
}
