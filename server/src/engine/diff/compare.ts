// compareSchemas(from, to): normalize both models, apply confirmed renames, run one differ per object
// kind, then plan (order + hazards). The entry point of the diff engine.
import type { SchemaModel } from '../schema/model';
import { diffEnums, diffRoutines, diffSchemas, diffSequences } from './differs/objects';
import { diffTables } from './differs/tables';
import { normalizeForDiff } from './normalize';
import { planChanges } from './planner';
import { applyRenames, findPossibleRenames } from './renames';
import { DiffError, type DiffOptions, type SchemaDiff } from './types';

export function compareSchemas(fromModel: SchemaModel, toModel: SchemaModel, options: DiffOptions & { fromLabel?: string; toLabel?: string } = {}): SchemaDiff {
  if (fromModel.dialect !== toModel.dialect)
    throw new DiffError(`cannot compare a ${fromModel.dialect} schema with a ${toModel.dialect} schema: both sides must be the same dialect`);
  const { from, to } = normalizeForDiff(fromModel, toModel, { willMutate: (options.renames?.length ?? 0) > 0 });
  const renames = applyRenames(from, to, options.renames ?? []);
  const changes = [
    ...renames.changes,
    ...diffSchemas(from, to),
    ...diffEnums(from.enums, to.enums),
    ...diffSequences(from.sequences ?? [], to.sequences ?? []),
    ...diffTables(from, to),
    ...diffRoutines(from.routines, to.routines),
  ];
  return {
    dialect: from.dialect,
    fromLabel: options.fromLabel ?? fromModel.database,
    toLabel: options.toLabel ?? toModel.database,
    changes: planChanges(changes, from, to),
    possibleRenames: findPossibleRenames(changes),
  };
}
