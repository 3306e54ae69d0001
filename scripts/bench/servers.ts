// How to start each measured server: the Schemawise server bundled from source into a temp dir,
// and the peer @postgres-language-server/cli (installed outside the repo, e.g.
// `npm install --prefix /tmp/pgls @postgres-language-server/cli`) with a config file naming the
// same database.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildProductionServer } from '../../test/helpers/lsp-client';
import { LANGUAGE_SERVER_NODE_OPTIONS } from '../../server/src/protocol';
import type { LspCommand } from './lsp-session';


/** The server bundled from source into a temp dir as `npm run package` ships it (minified; never racing `npm run build`). */
export const buildSchemawiseServer = buildProductionServer;

export function schemawiseCommand(serverJs: string, source: string[]): LspCommand {
  return { command: process.execPath, args: [...LANGUAGE_SERVER_NODE_OPTIONS, serverJs, '--stdio', ...source] };
}

export const PGLS_DEFAULT_BIN = '/tmp/pgls/node_modules/.bin/postgres-language-server';

export interface PeerSetup {
  command: LspCommand;
  bin: string;
  dir: string;
  version: string;
}

/** The peer server with a config for `database`; a string saying why when it cannot run here. */
export function pglsSetup(bin: string, db: { host: string; port: number; user: string; password: string; database: string }): PeerSetup | string {
  if (!existsSync(bin)) return `${bin} not found (install it outside the repo: npm install --prefix /tmp/pgls @postgres-language-server/cli)`;
  let version: string;
  try {
    version = execFileSync(bin, ['--version'], { encoding: 'utf8', timeout: 10000 }).trim();
  } catch (e) {
    return `${bin} does not run here: ${(e as Error).message.split('\n')[0]}`;
  }
  const dir = mkdtempSync(join(tmpdir(), 'sw-bench-pgls-'));
  // The config format of postgres-language-server 0.2x (`postgres-language-server init` writes one).
  const config = {
    linter: { enabled: false },
    splinter: { enabled: false },
    typecheck: { enabled: false },
    plpgsqlCheck: { enabled: false },
    db: { host: db.host, port: db.port, username: db.user, password: db.password, database: db.database, connTimeoutSecs: 10, disableConnection: false },
  };
  writeFileSync(join(dir, 'postgres-language-server.jsonc'), JSON.stringify(config, null, 2));
  return {
    bin,
    dir,
    version,
    command: {
      command: bin,
      args: ['lsp-proxy', `--config-path=${dir}`, `--log-path=${join(dir, 'logs')}`],
      cwd: dir,
      rootUri: pathToFileURL(dir).href,
      env: { PGT_LOG_PATH: join(dir, 'logs') },
    },
  };
}

/** Pids of the peer's daemon (lsp-proxy forwards to a separate server process that holds the state). */
export function pglsDaemonPids(bin: string): number[] {
  const real = resolveBinary(bin);
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      if (cmd.some((c) => c.endsWith('postgres-language-server') || c === real) && !cmd.includes('lsp-proxy') && !cmd.includes('--version')) out.push(Number(name));
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

function resolveBinary(bin: string): string {
  try {
    return execFileSync('readlink', ['-f', bin], { encoding: 'utf8' }).trim();
  } catch {
    return bin;
  }
}

/** Stops the peer's daemon with its own `stop` command. */
export function stopPglsDaemon(setup: PeerSetup): void {
  try {
    execFileSync(setup.bin, ['stop'], { cwd: setup.dir, timeout: 10000, stdio: 'ignore' });
  } catch {
    // already stopped
  }
}
