// The per-user folder where Schemawise keeps what is neither the user's workspace nor a setting: the
// audit log and the schema cache. Never the working directory or the repository.
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * `$XDG_STATE_HOME/schemawise` (default `~/.local/state/schemawise`) on Linux and other Unix systems,
 * `~/Library/Logs/schemawise` on macOS, `%LOCALAPPDATA%\\schemawise` on Windows. The VS Code
 * extension passes its global storage folder instead (initializationOptions.stateDir).
 */
export function defaultStateDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'schemawise');
  if (platform === 'darwin') return join(home, 'Library', 'Logs', 'schemawise');
  const state = env.XDG_STATE_HOME && env.XDG_STATE_HOME.startsWith('/') ? env.XDG_STATE_HOME : join(home, '.local', 'state');
  return join(state, 'schemawise');
}
