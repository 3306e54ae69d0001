// `schemawise introspect`: read a database's schema into a snapshot file (or a summary on stdout).
import { createDriver } from '../engine/drivers/registry';
import { saveSnapshot, serializeSnapshot } from '../engine/schema/snapshot';
import { summarizeModel } from '../engine/schema/summary';
import { stringFlag } from './args';
import { EXIT, type CliCommand } from './command';
import { CONNECTION_FLAGS, connectionFromArgs } from './connection-args';

export const introspectCommand: CliCommand = {
  name: 'introspect',
  summary: 'read the schema of a database into a JSON snapshot',
  usage: 'schemawise introspect (--connection <url> | --sample) [--out schema.json] [--json]',
  flags: {
    ...CONNECTION_FLAGS,
    out: { value: true, placeholder: 'file', description: 'write the snapshot to this file' },
    json: { value: false, description: 'print the snapshot JSON on stdout instead of a summary' },
  },
  async run(args, io) {
    const config = connectionFromArgs(args);
    const driver = createDriver(config);
    const started = performance.now();
    try {
      await driver.connect();
      // Count the introspection's own catalog queries, not the session setup of connect().
      const setupQueries = driver.stats.queries;
      // A full snapshot, table sizes included (the editor's session leaves them out).
      const model = await driver.introspect({ tableSizes: true });
      const ms = performance.now() - started;
      const catalogQueries = driver.stats.queries - setupQueries;
      const out = stringFlag(args, 'out');
      if (out) await saveSnapshot(out, model);
      if (args.flags.has('json')) io.stdout(serializeSnapshot(model));
      else io.stdout(`${summarizeModel(model)}\nIntrospected in ${ms.toFixed(0)} ms with ${catalogQueries} catalog queries.${out ? `\nSnapshot written to ${out}` : ''}`);
      return EXIT.ok;
    } finally {
      await driver.close().catch(() => undefined);
    }
  },
};
