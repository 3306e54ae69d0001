// Command-line flags of the language server (other editors start it as
// `schemawise-language-server --stdio [--connection URL | --schema snapshot.json]`).

export interface ServerArgs {
  connection?: string;
  schemaFile?: string;
  /** Flags the server did not understand, reported once it can talk to the client. */
  problems: string[];
}

/** Transport flags that vscode-languageserver itself reads. */
const TRANSPORT = /^--(stdio|node-ipc|socket=\d+|pipe=.+|clientProcessId=\d+)$/;

export function parseServerArgs(argv: readonly string[]): ServerArgs {
  const args: ServerArgs = { problems: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--connection') args.connection = nonEmpty(value(), '--connection', args);
    else if (flag === '--schema') args.schemaFile = nonEmpty(value(), '--schema', args);
    else if (!TRANSPORT.test(arg) && arg !== '--clientProcessId') args.problems.push(`unknown argument ${JSON.stringify(arg.startsWith('--') ? flag : arg)} ignored`);
    else if (arg === '--clientProcessId') i++;
  }
  return args;
}

function nonEmpty(v: string | undefined, flag: string, args: ServerArgs): string | undefined {
  if (v && v.trim() && !v.startsWith('--')) return v.trim();
  args.problems.push(`${flag} needs a value`);
  return undefined;
}
