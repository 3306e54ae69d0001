// A mistake of use ("open a SQL file first"): every command shows it as a message instead of logging
// it as a failure (see commands.ts reportFailure).
export class UserError extends Error {
  override readonly name = 'UserError';
}
