// `schemawise` command line: the same engine as the language server, one command per file in cli/.
import { formatFlags, parseArgs, UsageError } from './cli/args';
import { EXIT, type CliCommand, type CliIO } from './cli/command';
import { askCommand } from './cli/ask';
import { docsCommand } from './cli/docs';
import { adviseCommand } from './cli/advise';
import { checkCommand } from './cli/check';
import { introspectCommand } from './cli/introspect';
import { mockCommand } from './cli/mock';
import { runCommand } from './cli/run';
import { version as packageVersion } from '../../package.json';

import { snapshotCommand } from './cli/snapshot';
import { diffCommand } from './cli/diff';

const COMMANDS: CliCommand[] = [introspectCommand, runCommand, askCommand, docsCommand, checkCommand, adviseCommand, snapshotCommand, diffCommand, mockCommand];

const io: CliIO = {
  stdout: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
  stderr: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
};

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'schemawise: schema-aware SQL tooling (introspection, docs, safe execution) for PostgreSQL, MySQL/MariaDB and SQL Server',
    '',
    'Usage: schemawise <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `schemawise <command> --help` for the options of a command; `schemawise --version` prints the version.',
    'Exit codes: 0 ok, 1 failure (or findings, for checks), 2 refused by the query firewall, 3 a write whose outcome is unknown (the connection was lost; it may have been applied), 64 bad arguments.',
    'Passwords: put them in the URL or, better, in the SCHEMAWISE_PASSWORD environment variable.',
  ].join('\n');
}

function commandHelp(c: CliCommand): string {
  return [`schemawise ${c.name}: ${c.summary}`, '', `Usage: ${c.usage}`, '', 'Options:', formatFlags({ ...c.flags, help: { value: false, description: 'show this help' } })].join('\n');
}

/** The product version, from package.json (esbuild keeps only this field of it in the bundle). */
export function cliVersion(): string {
  return packageVersion;
}

export async function runCli(argv: string[], out: CliIO = io): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out.stdout(mainHelp());
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    out.stdout(`schemawise ${cliVersion()}`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    out.stderr(`schemawise: unknown command "${name}"; commands: ${COMMANDS.map((c) => c.name).join(', ')}. Try \`schemawise --help\`.`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    out.stdout(commandHelp(command));
    return EXIT.ok;
  }
  try {
    return await command.run(parseArgs(rest, command.flags), out);
  } catch (e) {
    if (e instanceof UsageError) {
      // One line and a pointer to the help: the whole help page would bury the mistake.
      out.stderr(`schemawise ${name}: ${e.message}\nTry \`schemawise ${name} --help\`.`);
      return EXIT.usage;
    }
    out.stderr(`schemawise ${name}: ${(e as Error)?.message ?? String(e)}`);
    if (process.env.SCHEMAWISE_DEBUG) out.stderr(String((e as Error)?.stack ?? ''));
    return EXIT.failure;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`schemawise: ${String(e)}\n`);
      process.exitCode = EXIT.failure;
    },
  );
}
