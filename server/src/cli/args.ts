// Minimal argument parsing for the CLI: `--flag value`, `--flag=value`, boolean `--flag`, positionals.
// Unknown flags are errors so that a typo never silently changes what a command does.

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface FlagSpec {
  /** Takes a value (`--out file`) or is a boolean switch (`--sample`). */
  value: boolean;
  description: string;
  placeholder?: string;
  /** May be given several times; the values are joined with commas. */
  repeatable?: boolean;
}

export interface ParsedArgs {
  flags: Map<string, string | true>;
  positionals: string[];
  /** Every value of a repeatable option (`--rename a=b --rename c=d`), in order; `flags` keeps the last. */
  lists?: Map<string, string[]>;
}

const OPTION = /^--[A-Za-z][\w-]*(=|$)/;

export function parseArgs(argv: string[], specs: Record<string, FlagSpec>): ParsedArgs {
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  const lists = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    // Only `--name` / `--name=value` is an option: SQL that starts with a comment
    // ("-- top products\nselect …") is an argument, not an unknown option.
    if (!OPTION.test(arg)) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const spec = specs[name];
    if (!spec) throw new UsageError(`unknown option --${name}`);
    if (!spec.value) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`);
      flags.set(name, true);
      continue;
    }
    const value = eq !== -1 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq === -1 && OPTION.test(value))) throw new UsageError(`--${name} needs a value`);
    const before = flags.get(name);
    flags.set(name, spec.repeatable && typeof before === 'string' ? `${before},${value}` : value);
    lists.set(name, [...(lists.get(name) ?? []), value]);
  }
  return { flags, positionals, lists };
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

export function formatFlags(specs: Record<string, FlagSpec>): string {
  const rows = Object.entries(specs).map(([name, s]) => [`--${name}${s.value ? ` <${s.placeholder ?? 'value'}>` : ''}`, s.description] as const);
  const width = Math.max(0, ...rows.map(([l]) => l.length));
  return rows.map(([l, d]) => `  ${l.padEnd(width)}  ${d}`).join('\n');
}
