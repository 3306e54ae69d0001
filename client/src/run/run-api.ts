// The client's calls to the run/cancel/explain requests of server/src/protocol.ts.
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  CancelQueryRequest,
  ExplainQueryRequest,
  RunQueryRequest,
  type CancelQueryResult,
  type ExplainOutcome,
  type ExplainQueryParams,
  type RunOutcome,
  type RunQueryParams,
} from '../../../server/src/protocol';

export function runQuery(client: LanguageClient, params: RunQueryParams): Promise<RunOutcome> {
  return client.sendRequest(RunQueryRequest.type, params);
}

export function explainQuery(client: LanguageClient, params: ExplainQueryParams): Promise<ExplainOutcome> {
  return client.sendRequest(ExplainQueryRequest.type, params);
}

export function cancelQuery(client: LanguageClient, runId?: string): Promise<CancelQueryResult> {
  return client.sendRequest(CancelQueryRequest.type, { runId });
}
