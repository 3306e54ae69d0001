// Maps engine failures to LSP ResponseErrors with the codes declared in protocol.ts. The message is
// the engine's (already safe to show) and goes through the logger's scrubber once more.
import { MessageType, ResponseError, ShowMessageNotification, type Connection } from 'vscode-languageserver/node';
import { SessionError } from '../engine/session';
import { errorMessage } from '../engine/drivers/errors';
import { SchemawiseErrorCodes, type SchemawiseErrorData } from '../protocol';

export function toResponseError(e: unknown, scrub: (s: string) => string): ResponseError<SchemawiseErrorData> {
  const message = scrub(errorMessage(e));
  if (e instanceof SessionError) {
    const code =
      e.kind === 'snapshot'
        ? SchemawiseErrorCodes.SnapshotInvalid
        : e.kind === 'not_connected'
          ? SchemawiseErrorCodes.NotConnected
          : SchemawiseErrorCodes.ConnectFailed;
    return new ResponseError(code, message, { kind: e.driverKind });
  }
  return new ResponseError(SchemawiseErrorCodes.ConnectFailed, message, {});
}

/**
 * Tells the user through window/showMessage: a notification, not window/showMessageRequest, because
 * the server has no actions to offer and must not wait for the user to dismiss it.
 */
export function showError(connection: Connection, message: string): void {
  void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message: `Schemawise: ${message}` });
}
