// TS/JS documents as the SQL features see them. A HostDocument keeps the editor's text and answers
// getText() with the engine's SQL view of it: the same length and line breaks, SQL inside the
// templates, blanks elsewhere. Lines, characters and offsets are therefore the same in both, so every
// feature written for .sql files (completion, hover, signature help, definition, diagnostics and
// their quick fixes) works on templates unchanged; the handlers only have to answer nothing outside
// the templates (regionAt), so the host language's own features are never crowded.
import type { Range, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { embeddedSql, findSqlTemplates, hostDialectDirective, hostKindOfDocument, regionAt, type EmbeddedSql, type HostKind, type SqlRegion, type SqlTemplate } from '../engine/embedded';
import type { DialectId } from '../engine/schema/model';
import { dialectDirective } from '../engine/sql/dialect-directive';

/** `schemawise.embedded`: `{ enabled?: boolean, tags?: string[] }` (bad values → defaults). */
export interface EmbeddedSettings {
  enabled: boolean;
  tags: string[];
}

export const EmbeddedSettings = {
  from(value: unknown): EmbeddedSettings {
    const v = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
    const tags = Array.isArray(v.tags) ? v.tags.filter((t): t is string => typeof t === 'string' && /^[$\w]+(\??\.[$\w]+)*$/.test(t.trim())).map((t) => t.trim()) : [];
    return { enabled: v.enabled !== false, tags };
  },
};

export interface EmbeddedContext {
  /** The embedded settings in force (window scope: the SQL view is computed synchronously). */
  settings(): EmbeddedSettings;
  /** Dialect of the SQL view when a caller does not name one (the loaded schema's). */
  defaultDialect(): DialectId;
}

/** TS/JS files longer than this (minified bundles, generated code) get no SQL features in the editor. */
export const MAX_HOST_CHARS = 2_000_000;

export class HostDocument implements TextDocument {
  private templatesCache: { key: string; value: SqlTemplate[] } | undefined;
  private viewCache: { key: string; value: EmbeddedSql } | undefined;
  private directiveCache: { version: number; value: DialectId | undefined } | undefined;

  constructor(
    private host: TextDocument,
    readonly kind: HostKind,
    private readonly context: EmbeddedContext,
  ) {}

  get uri(): string {
    return this.host.uri;
  }
  get languageId(): string {
    return this.host.languageId;
  }
  get version(): number {
    return this.host.version;
  }
  get lineCount(): number {
    return this.host.lineCount;
  }
  positionAt(offset: number) {
    return this.host.positionAt(offset);
  }
  offsetAt(position: { line: number; character: number }) {
    return this.host.offsetAt(position);
  }
  getLineRange(line: number): Range {
    return this.host.getLineRange(line);
  }
  getEOLCharacters(line: number): string {
    return this.host.getEOLCharacters(line);
  }

  /** The SQL view (in the default dialect), whole or a range of it. */
  getText(range?: Range): string {
    const text = this.sqlText(this.directive() ?? this.context.defaultDialect());
    return range ? text.slice(this.offsetAt(range.start), this.offsetAt(range.end)) : text;
  }

  /** The editor's own text. */
  hostText(): string {
    return this.host.getText();
  }

  sqlText(dialect: DialectId): string {
    return this.view(dialect).text;
  }

  /** The `schemawise: dialect=…` comment at the top of the file, if any. */
  directive(): DialectId | undefined {
    if (this.directiveCache?.version !== this.version) {
      const name = hostDialectDirective(this.hostText());
      this.directiveCache = { version: this.version, value: name ? dialectDirective(`-- schemawise: dialect=${name}`) : undefined };
    }
    return this.directiveCache.value;
  }

  view(dialect: DialectId): EmbeddedSql {
    const settings = this.context.settings();
    const key = `${this.version}\u0000${dialect}\u0000${settings.enabled}\u0000${settings.tags.join(',')}`;
    if (this.viewCache?.key !== key) this.viewCache = { key, value: embeddedSql(this.hostText(), this.templates(settings), dialect) };
    return this.viewCache.value;
  }

  /** The template (statement or fragment) at an offset, or undefined: the host's territory. */
  regionAt(offset: number): SqlRegion | undefined {
    return regionAt(this.view(this.directive() ?? this.context.defaultDialect()), offset);
  }

  update(changes: TextDocumentContentChangeEvent[], version: number): void {
    this.host = TextDocument.update(this.host, changes, version);
  }

  private templates(settings: EmbeddedSettings): SqlTemplate[] {
    // A bundle or generated file is not where people write queries, and parsing it on every keystroke would be.
    if (!settings.enabled || this.host.getText().length > MAX_HOST_CHARS) return [];
    const key = `${this.version}\u0000${settings.tags.join(',')}`;
    if (this.templatesCache?.key !== key) {
      let value: SqlTemplate[];
      try {
        value = findSqlTemplates(this.hostText(), { kind: this.kind, tags: settings.tags, fileName: this.uri });
      } catch {
        value = []; // a parser failure on odd input must not take the features (or the server) down
      }
      this.templatesCache = { key, value };
    }
    return this.templatesCache.value;
  }
}

/** A HostDocument for TS/JS language ids (or extensions), undefined for SQL and anything else. */
export function createHostDocument(uri: string, languageId: string, version: number, content: string, context: EmbeddedContext): HostDocument | undefined {
  const kind = hostKindOfDocument(languageId, uri);
  return kind ? new HostDocument(TextDocument.create(uri, languageId, version, content), kind, context) : undefined;
}

export function isHostDocument(doc: unknown): doc is HostDocument {
  return doc instanceof HostDocument;
}

/** The SQL text of a document in a dialect: a host's SQL view, or a SQL document's own text. */
export function sqlTextOf(doc: TextDocument, dialect: DialectId): string {
  return isHostDocument(doc) ? doc.sqlText(dialect) : doc.getText();
}
