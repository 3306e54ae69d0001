// `schemawise snapshot`: write the schema of a database to `.schemawise/schema/<name>.json` for Git
// (stable order, no volatile fields, no secrets).
import { createDriver } from '../engine/drivers/registry';
import { snapshotPath, writeStableSnapshot } from '../engine/workspace';
import { summarizeModel } from '../engine/schema/summary';
import { stringFlag, UsageError } from './args';
import { EXIT, type CliCommand } from './command';
import { CONNECTION_FLAGS, connectionFromArgs } from './connection-args';

export const snapshotCommand: CliCommand = {
  name: 'snapshot',
  summary: 'write a Git-friendly schema snapshot to .schemawise/schema/<name>.json',
  usage: 'schemawise snapshot (--connection <url> | --sample) [--name <name>] [--workspace <dir>]',
  flags: {
    ...CONNECTION_FLAGS,
    name: { value: true, placeholder: 'name', description: 'snapshot name (default: the database name): .schemawise/schema/<name>.json' },
    workspace: { value: true, placeholder: 'dir', description: 'folder that holds .schemawise/ (default: the current directory)' },
  },
  async run(args, io) {
    if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
    const config = connectionFromArgs(args);
    const driver = createDriver(config);
    try {
      await driver.connect();
      const model = await driver.introspect();
      const name = stringFlag(args, 'name') ?? (model.database || 'schema');
      let path: string;
      try {
        path = snapshotPath(stringFlag(args, 'workspace') ?? process.cwd(), name);
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
      await writeStableSnapshot(path, model);
      io.stdout(`${summarizeModel(model)}\nSnapshot written to ${path}`);
      return EXIT.ok;
    } finally {
      await driver.close().catch(() => undefined);
    }
  },
};
