// Every incoming JSON-RPC message passes here before a handler sees it (vscode-jsonrpc's
// messageStrategy), so the protocol rules hold for every request in one place:
// - before `initialize`, requests get ServerNotInitialized (-32002) and notifications other than
//   `exit` are dropped, as the LSP specification asks;
// - params of the methods we serve are checked for the shape the handlers read: a malformed one
//   gets InvalidParams (-32602) with what is wrong, never an internal TypeError (-32603);
// - a didChange range whose start lies after its end is normalised (the editor's range, ordered),
//   so the document text and the statement cache see the same edit and can never diverge.
// A refused request is answered by rewriting it into a call of REFUSE_METHOD with the same id; its
// handler (registered in server.ts) turns the reason into the JSON-RPC error.
import { ErrorCodes, Message, ResponseError, type Connection, type MessageStrategy, type RequestMessage } from 'vscode-languageserver/node';

export const REFUSE_METHOD = '$/schemawise/refuse';

export interface Refusal {
  code: number;
  message: string;
}

type Check = (params: unknown) => string | undefined;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function position(v: unknown, at: string): string | undefined {
  if (!isObj(v) || !isInt(v.line) || !isInt(v.character)) return `${at} must be { line, character } with whole numbers ≥ 0`;
  return undefined;
}

function range(v: unknown, at: string): string | undefined {
  if (!isObj(v)) return `${at} must be { start, end }`;
  return position(v.start, `${at}.start`) ?? position(v.end, `${at}.end`);
}

function textDocument(p: unknown): string | undefined {
  if (!isObj(p)) return 'params must be an object';
  if (!isObj(p.textDocument) || typeof p.textDocument.uri !== 'string') return 'params.textDocument.uri must be a string';
  return undefined;
}

const atPosition: Check = (p) => textDocument(p) ?? position((p as Record<string, unknown>).position, 'params.position');
const optional = (check: (v: unknown, at: string) => string | undefined, v: unknown, at: string) => (v === undefined ? undefined : check(v, at));

const sqlRun: Check = (p) => {
  if (!isObj(p) || typeof p.uri !== 'string') return 'params must be { uri, text? | range? | position? }';
  if (p.text !== undefined && typeof p.text !== 'string') return 'params.text must be a string';
  return optional(range, p.range, 'params.range') ?? optional(position, p.position, 'params.position');
};

/** Requests whose params the handlers read without checking every field themselves. */
const REQUEST_CHECKS: Record<string, Check> = {
  'textDocument/completion': atPosition,
  'textDocument/hover': atPosition,
  'textDocument/signatureHelp': atPosition,
  'textDocument/definition': atPosition,
  'textDocument/references': (p) => atPosition(p) ?? (isObj((p as Record<string, unknown>).context) ? undefined : 'params.context must be { includeDeclaration }'),
  'textDocument/documentSymbol': textDocument,
  'textDocument/codeLens': textDocument,
  'textDocument/codeAction': (p) => textDocument(p) ?? range((p as Record<string, unknown>).range, 'params.range') ?? (isObj((p as Record<string, unknown>).context) ? undefined : 'params.context must be an object'),
  'completionItem/resolve': (p) => (isObj(p) && typeof p.label === 'string' ? undefined : 'params must be a completion item with a label'),
  'schemawise/runQuery': sqlRun,
  'schemawise/explainQuery': sqlRun,
  'schemawise/cancelQuery': (p) => (p === undefined || p === null || (isObj(p) && (p.runId === undefined || typeof p.runId === 'string')) ? undefined : 'params must be { runId? }'),
  'schemawise/askDatabase': (p) => (isObj(p) && typeof p.question === 'string' ? undefined : 'params.question must be a string'),
  'schemawise/explainSql': (p) => (isObj(p) && typeof p.sql === 'string' ? undefined : 'params.sql must be a string'),
  'schemawise/optimizeSql': (p) => (isObj(p) && typeof p.sql === 'string' ? undefined : 'params.sql must be a string'),
  'schemawise/tableDdl': (p) => (isObj(p) ? undefined : 'params must be { uri } or { schema, table }'),
};

/** Notifications that would throw in the document sync with bad params: dropped (and reported). */
const NOTIFICATION_CHECKS: Record<string, Check> = {
  'textDocument/didOpen': (p) =>
    isObj(p) && isObj(p.textDocument) && typeof p.textDocument.uri === 'string' && typeof p.textDocument.text === 'string' ? undefined : 'needs textDocument { uri, languageId, version, text }',
  'textDocument/didChange': (p) => {
    if (!isObj(p) || !isObj(p.textDocument) || typeof p.textDocument.uri !== 'string' || !Array.isArray(p.contentChanges)) return 'needs textDocument { uri, version } and contentChanges';
    for (const [i, c] of p.contentChanges.entries()) {
      if (!isObj(c) || typeof c.text !== 'string') return `contentChanges[${i}].text must be a string`;
      const bad = optional(range, c.range, `contentChanges[${i}].range`);
      if (bad) return bad;
    }
    return undefined;
  },
  'textDocument/didClose': textDocument,
  'textDocument/didSave': textDocument,
};

/** Orders a range's ends: a reversed range means the same span of text. */
function normaliseChanges(params: Record<string, unknown>): void {
  for (const c of params.contentChanges as Record<string, unknown>[]) {
    const r = c.range as { start: { line: number; character: number }; end: { line: number; character: number } } | undefined;
    if (r && (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character))) c.range = { start: r.end, end: r.start };
  }
}

export function messageGuard(onDropped: (what: string) => void): MessageStrategy {
  let initialized = false;
  const refuse = (m: RequestMessage, refusal: Refusal): RequestMessage => ({ jsonrpc: m.jsonrpc, id: m.id, method: REFUSE_METHOD, params: refusal });
  return {
    handleMessage(message, next) {
      if (Message.isRequest(message)) {
        if (message.method === 'initialize') initialized = true;
        else if (!initialized) return next(refuse(message, { code: ErrorCodes.ServerNotInitialized, message: `the server is not initialized: send "initialize" before "${message.method}"` }));
        const bad = REQUEST_CHECKS[message.method]?.(message.params);
        if (bad) return next(refuse(message, { code: ErrorCodes.InvalidParams, message: `${message.method}: ${bad}` }));
      } else if (Message.isNotification(message)) {
        if (!initialized && message.method !== 'exit') return onDropped(`${message.method} before initialize`);
        const bad = NOTIFICATION_CHECKS[message.method]?.(message.params);
        if (bad) return onDropped(`${message.method}: ${bad}`);
        if (message.method === 'textDocument/didChange') normaliseChanges(message.params as Record<string, unknown>);
      }
      return next(message);
    },
  };
}

/** Answers the requests messageGuard refused, with the error it chose. */
export function registerRefusals(connection: Pick<Connection, 'onRequest'>): void {
  connection.onRequest(REFUSE_METHOD, (refusal: Refusal) => new ResponseError(refusal.code, refusal.message));
}
