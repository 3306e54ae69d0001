// Diagnostics of a whole document: split into statements, analyse each one (PostgreSQL through the
// real parser, MySQL/MariaDB and SQL Server through node-sql-parser), cache the result per statement
// text so an edit re-analyses only the statement it touched, then apply per-rule severities and
// inline suppressions. Never throws: a failure inside one statement's analysis drops that
// statement's findings, it never takes the others (or the server) down.
import type { DialectId } from '../schema/model';
import type { SchemaIndex } from '../schema/schema-index';
import { DocumentContext, statementFacts, type StatementFacts } from './document-context';
import { checkNspStatement } from './nsp/check-statement';
import { checkPgStatement } from './pg/check-statement';
import { loadPgParser, pgParserReady } from './pg/parser';
import { effectiveSeverity, ruleMeta } from './rules';
import type { RawDiagnostic } from './scope';
import { IncrementalSplitter, splitStatements } from './splitter';
import { applySuppressions } from './suppression';
import { ownCopy } from '../sql/text-buffer';
import { optimizationHints } from '../advisor/hints';
import type { Diagnostic, DiagnosticsConfig, StatementSpan } from './types';

export interface DiagnoseInput {
  text: string;
  dialect: DialectId;
  /** Schema to check names against; without it only syntax and schema-free lint rules run. */
  schema?: SchemaIndex;
  config?: DiagnosticsConfig;
  /** Document identity: with it, the split of the previous version is reused (only the edited region is split again). */
  uri?: string;
}

/** Cached statements beyond those of the current document before the cache is pruned. */
const CACHE_SLACK = 2000;

export class DiagnosticsEngine {
  /** context (dialect, schema, document facts) → statement text → findings */
  private readonly cache = new Map<string, Map<string, RawDiagnostic[]>>();
  private readonly schemaIds = new WeakMap<SchemaIndex, number>();
  private nextSchemaId = 1;
  private readonly splitters = new Map<string, IncrementalSplitter>();
  /** statement text → what it creates/alters (null: nothing), so the document context costs lookups only */
  private facts = new Map<string, StatementFacts | null>();
  /** Statements analysed (not served from cache) since creation: lets tests and benchmarks see reuse. */
  analysed = 0;

  /** Loads the PostgreSQL parser (WASM) once; call before the first PostgreSQL document. */
  static async create(): Promise<DiagnosticsEngine> {
    await loadPgParser();
    return new DiagnosticsEngine();
  }

  diagnose(input: DiagnoseInput): Diagnostic[] {
    const { text, dialect, config } = input;
    const { schema, statements, doc, cache, contextKey } = this.prepare(input);
    const out: Diagnostic[] = [];
    for (const stmt of statements) {
      for (const raw of this.checkStatement(stmt, dialect, schema, doc, cache)) {
        const severity = effectiveSeverity(raw.code, config);
        if (severity === 'off') continue;
        const d: Diagnostic = {
          range: { start: stmt.start + raw.start, end: stmt.start + Math.max(raw.end, raw.start) },
          severity,
          code: raw.code,
          message: raw.message,
          source: 'schemawise',
        };
        if (raw.fix) d.fix = { title: raw.fix.title, edits: raw.fix.edits.map((e) => ({ start: stmt.start + e.start, end: stmt.start + e.end, newText: e.newText })) };
        out.push(d);
      }
    }
    if (cache.size > statements.length + CACHE_SLACK) {
      // Keep only what the current document uses: bounded memory under long editing sessions.
      const keep = new Map<string, RawDiagnostic[]>();
      for (const s of statements) {
        const hit = cache.get(s.text);
        if (hit) keep.set(s.text, hit);
      }
      this.cache.set(contextKey, keep);
    }
    return applySuppressions(text, out).sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  }

  /**
   * diagnose in slices: the statements not analysed yet are analysed one at a time, giving the event
   * loop back every `sliceMs` (opening a 20k-line file analyses 2,000 statements: about a second),
   * so completion and hover are answered meanwhile. Undefined when `cancelled` says the text is stale.
   */
  async diagnoseAsync(input: DiagnoseInput, opts: { sliceMs?: number; cancelled?: () => boolean; pause?: () => Promise<void> } = {}): Promise<Diagnostic[] | undefined> {
    const { schema, statements, doc, cache } = this.prepare(input);
    const slice = opts.sliceMs ?? 10;
    const pause = opts.pause ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
    let since = performance.now();
    for (const stmt of statements) {
      if (cache.has(stmt.text)) continue;
      if (performance.now() - since > slice) {
        await pause();
        since = performance.now();
        if (opts.cancelled?.()) return undefined;
      }
      this.checkStatement(stmt, input.dialect, schema, doc, cache);
    }
    // Putting the findings together is a pass over every statement: a slice of its own.
    await pause();
    if (opts.cancelled?.()) return undefined;
    return this.diagnose(input);
  }

  /** The statements, document context and per-statement cache of one diagnose run. */
  private prepare(input: DiagnoseInput) {
    const schema = input.config?.semantic === false ? undefined : input.schema;
    const statements = this.split(input.text, input.dialect, input.uri);
    const doc = new DocumentContext(this.factsOf(statements));
    const contextKey = `${input.dialect}\u0000${schema ? this.schemaId(schema) : 0}\u0000${doc.fingerprint}`;
    let cache = this.cache.get(contextKey);
    if (!cache) {
      if (this.cache.size >= 8) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(contextKey, (cache = new Map()));
    }
    return { schema, statements, doc, cache, contextKey };
  }

  private checkStatement(stmt: StatementSpan, dialect: DialectId, schema: SchemaIndex | undefined, doc: DocumentContext, cache: Map<string, RawDiagnostic[]>): RawDiagnostic[] {
    if (dialect === 'postgres' && !pgParserReady()) return [];
    const hit = cache.get(stmt.text);
    if (hit) return hit;
    let result: RawDiagnostic[];
    try {
      result = dialect === 'postgres' ? checkPgStatement(stmt.text, schema, doc) : checkNspStatement(stmt.text, dialect, schema, doc);
      if (schema && dialect === 'postgres' && !result.some((r) => r.code === 'syntax')) {
        try {
          result = [...result, ...optimizationHints(stmt.text, schema)];
        } catch {
          // a hint bug on odd input must not cost the statement its other findings
        }
      }
    } catch {
      result = []; // analysis bug on odd input: stay silent for this statement rather than fail
    }
    result = result.filter((r) => ruleMeta(r.code) && r.start >= 0 && r.end <= stmt.text.length);
    this.analysed++;
    cache.set(ownCopy(stmt.text), result);
    return result;
  }

  private *factsOf(statements: StatementSpan[]): Iterable<StatementFacts> {
    if (this.facts.size > statements.length + CACHE_SLACK) this.facts = new Map();
    for (const s of statements) {
      let f = this.facts.get(s.text);
      if (f === undefined) this.facts.set(ownCopy(s.text), (f = statementFacts(s.text) ?? null));
      if (f) yield f;
    }
  }

  /** Drops the state kept for a document (call on close). */
  forget(uri: string): void {
    this.splitters.delete(uri);
  }

  private split(text: string, dialect: DialectId, uri: string | undefined): StatementSpan[] {
    if (uri === undefined) return splitStatements(text, dialect);
    let s = this.splitters.get(uri);
    if (!s) this.splitters.set(uri, (s = new IncrementalSplitter()));
    return s.split(text, dialect);
  }

  private schemaId(schema: SchemaIndex): number {
    let id = this.schemaIds.get(schema);
    if (id === undefined) this.schemaIds.set(schema, (id = this.nextSchemaId++));
    return id;
  }
}

export { loadPgParser };
