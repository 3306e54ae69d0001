// The extension side of the ERD webview protocol, without `vscode` (unit-tested with fakes): the
// ready handshake, `load` with the schema and the saved layout, focus changes, and the answers to
// savePositions / export / openTable. erd-panel.ts supplies the effects.
import type { ErdFocus, ErdToHostMessage, ExportFormat, HostToErdMessage, SavedLayout, SchemaModel } from '../../../webview/src/protocol';
import type { LayoutRead } from './layout-file';

export interface ErdHostEffects {
  post(message: HostToErdMessage): void;
  /** The current schema and the connection name it belongs to; undefined when nothing is connected. */
  schema(): Promise<{ connection: string; model: SchemaModel } | undefined>;
  readLayout(connection: string): Promise<LayoutRead>;
  /** Writes the layout file; resolves its path. */
  writeLayout(connection: string, layout: SavedLayout): Promise<string>;
  /** Asks where to save and writes the bytes; resolves the path, or undefined when the person cancelled. */
  saveExport(fileName: string, format: ExportFormat, bytes: Uint8Array): Promise<string | undefined>;
  openTable(schema: string, table: string): Promise<void>;
  showError(message: string): void;
  showInfo(message: string): void;
  /** The panel's title: which connection it shows (or that it shows none). */
  setTitle(title: string): void;
  log(message: string): void;
}

const NOT_CONNECTED = 'Schemawise: connect to a database (or open the sample) to see its ERD.';

export class ErdHost {
  private ready = false;
  private focus: ErdFocus = { kind: 'all' };
  private nextId = 1;
  /** Connection of the last load: savePositions must name it (a stale page cannot write another connection's file). */
  private connection: string | undefined;

  constructor(private readonly fx: ErdHostEffects) {}

  /** Shows `focus` (whole schema or a neighbourhood); loads first if the page has nothing yet. */
  async show(focus: ErdFocus): Promise<void> {
    this.focus = focus;
    if (!this.ready) return; // `ready` loads with this focus
    if (this.connection === undefined) await this.load(true);
    else this.fx.post({ type: 'focus', requestId: this.nextId++, focus });
  }

  /**
   * The schema or the connection changed (refresh, reconnect, switch, disconnect): draw the current
   * one again, keeping the focus, or clear the drawing. Never a notification: nobody asked.
   */
  async refresh(): Promise<void> {
    if (this.ready) await this.load(false);
  }

  /** The page reloaded (e.g. the panel was hidden and restored): it sends `ready` again. */
  async handle(message: ErdToHostMessage): Promise<void> {
    switch (message?.type) {
      case 'ready':
        this.ready = true;
        return this.load(true);
      case 'rendered':
        this.fx.log(`ERD rendered ${message.tables} tables, ${message.edges} edges (${message.layoutEngine} layout ${message.layoutMs} ms, total ${message.totalMs} ms)`);
        return;
      case 'openTable':
        if (typeof message.schema !== 'string' || typeof message.table !== 'string') return;
        return this.fx.openTable(message.schema, message.table).catch((e: unknown) => this.fx.showError(`cannot open ${message.schema}.${message.table}: ${errorText(e)}`));
      case 'savePositions':
        return this.savePositions(message);
      case 'export':
        return this.export(message);
      case 'error':
        this.fx.showError(`ERD: ${String(message.message)}`);
        return;
      default:
        this.fx.log(`ERD: ignored an unknown message ${JSON.stringify(message)?.slice(0, 100)}`);
    }
  }

  /** `asked`: the person opened the panel just now, so "nothing to show" deserves a notification. */
  private async load(asked: boolean): Promise<void> {
    const current = await this.fx.schema();
    if (!current) {
      const had = this.connection !== undefined;
      this.connection = undefined;
      this.fx.setTitle('ERD (not connected)');
      this.fx.post({ type: 'unload', message: 'Not connected: connect to a database (or open the sample) to see its ERD.' });
      if (asked && !had) this.fx.showInfo(NOT_CONNECTED);
      return;
    }
    this.connection = current.connection;
    this.fx.setTitle(`ERD: ${current.connection}`);
    const read = await this.fx.readLayout(current.connection);
    if (read.kind === 'invalid') this.fx.showError(`the saved ERD layout of "${current.connection}" is ignored: ${read.reason}`);
    this.fx.post({
      type: 'load',
      requestId: this.nextId++,
      connection: current.connection,
      schema: current.model,
      ...(read.kind === 'ok' ? { layout: read.layout } : {}),
      focus: this.focus,
    });
  }

  private async savePositions(m: Extract<ErdToHostMessage, { type: 'savePositions' }>): Promise<void> {
    if (m.connection !== this.connection) {
      this.fx.post({ type: 'saved', requestId: m.requestId, ok: false, error: `the diagram shows "${this.connection ?? 'nothing'}", not "${m.connection}"` });
      return;
    }
    try {
      const path = await this.fx.writeLayout(m.connection, m.layout);
      this.fx.post({ type: 'saved', requestId: m.requestId, ok: true, path });
    } catch (e) {
      this.fx.post({ type: 'saved', requestId: m.requestId, ok: false, error: errorText(e) });
      this.fx.showError(`cannot save the ERD layout: ${errorText(e)}`);
    }
  }

  private async export(m: Extract<ErdToHostMessage, { type: 'export' }>): Promise<void> {
    const bytes = exportBytes(m.encoding, m.content);
    if (!bytes) {
      this.fx.post({ type: 'saved', requestId: m.requestId, ok: false, error: 'the export is empty or not valid base64' });
      return;
    }
    try {
      const path = await this.fx.saveExport(exportFileName(m.fileName, m.format), m.format, bytes);
      this.fx.post(path ? { type: 'saved', requestId: m.requestId, ok: true, path } : { type: 'saved', requestId: m.requestId, ok: false, error: 'cancelled' });
    } catch (e) {
      this.fx.post({ type: 'saved', requestId: m.requestId, ok: false, error: errorText(e) });
      this.fx.showError(`cannot save the export: ${errorText(e)}`);
    }
  }
}

const EXTENSIONS: Record<ExportFormat, string> = { svg: '.svg', png: '.png', mermaid: '.mmd' };

/** The suggested file name, reduced to a base name with the format's extension. */
export function exportFileName(suggested: unknown, format: ExportFormat): string {
  const ext = EXTENSIONS[format] ?? '.txt';
  const base = (typeof suggested === 'string' ? suggested : '').split(/[\\/]/).pop()!.replace(/[<>:"|?*\u0000-\u001f]+/g, '_').trim() || `erd${ext}`;
  return base.toLowerCase().endsWith(ext) ? base : `${base}${ext}`;
}

/** UTF-8 text or base64 (PNG) to bytes; undefined for empty or malformed content. */
export function exportBytes(encoding: unknown, content: unknown): Uint8Array | undefined {
  if (typeof content !== 'string' || content.length === 0) return undefined;
  if (encoding === 'base64') {
    const clean = content.replace(/^data:[^,]*,/, '').replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) return undefined;
    const buf = Buffer.from(clean, 'base64');
    return buf.length > 0 ? new Uint8Array(buf) : undefined;
  }
  return new TextEncoder().encode(content);
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
