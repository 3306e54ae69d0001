// The vocabulary of a schema diff: changes (what differs, per object kind), hazards (why a change is
// risky) and the plan (changes ordered by dependency). Plain data: the renderers turn it into SQL or
// a report.
import type {
  CheckConstraint,
  ColumnInfo,
  DialectId,
  EnumInfo,
  ForeignKey,
  IndexInfo,
  KeyConstraint,
  RoutineInfo,
  SequenceInfo,
  TableInfo,
} from '../schema/model';

export type HazardKind =
  /** Loses data or an object (drops, narrowing type changes): commented out unless allowed. */
  | 'destructive'
  /** Takes a strong lock or rewrites the table; fine on small tables, plan it on big ones. */
  | 'locking'
  /** Can fail on existing data (NOT NULL without a default, a new unique key over duplicates). */
  | 'may_fail'
  /** Schemawise cannot express this change in SQL for the dialect; the migration says so. */
  | 'unsupported'
  /** A dependent object (a view) is dropped and recreated around the change. */
  | 'dependency';

export interface Hazard {
  kind: HazardKind;
  message: string;
}

export type Change =
  | { kind: 'create_schema'; schema: string }
  | { kind: 'drop_schema'; schema: string }
  | { kind: 'create_enum'; enum: EnumInfo }
  | { kind: 'add_enum_value'; enum: EnumInfo; value: string; before?: string; after?: string }
  | { kind: 'change_enum'; from: EnumInfo; to: EnumInfo }
  | { kind: 'drop_enum'; enum: EnumInfo }
  | { kind: 'create_sequence'; sequence: SequenceInfo }
  | { kind: 'alter_sequence'; from: SequenceInfo; to: SequenceInfo }
  | { kind: 'set_sequence_owner'; sequence: SequenceInfo }
  | { kind: 'drop_sequence'; sequence: SequenceInfo }
  | { kind: 'create_table'; table: TableInfo }
  | { kind: 'rename_table'; from: TableInfo; to: TableInfo }
  | { kind: 'drop_table'; table: TableInfo }
  | { kind: 'add_column'; table: TableInfo; column: ColumnInfo }
  | { kind: 'rename_column'; table: TableInfo; from: string; to: string }
  | { kind: 'alter_column'; table: TableInfo; from: ColumnInfo; to: ColumnInfo; fields: ColumnField[] }
  | { kind: 'drop_column'; table: TableInfo; column: ColumnInfo }
  | { kind: 'add_primary_key'; table: TableInfo; key: KeyConstraint }
  | { kind: 'drop_primary_key'; table: TableInfo; key: KeyConstraint }
  | { kind: 'add_unique'; table: TableInfo; key: KeyConstraint }
  | { kind: 'drop_unique'; table: TableInfo; key: KeyConstraint }
  | { kind: 'add_check'; table: TableInfo; check: CheckConstraint }
  | { kind: 'drop_check'; table: TableInfo; check: CheckConstraint }
  | { kind: 'add_foreign_key'; table: TableInfo; fk: ForeignKey }
  | { kind: 'drop_foreign_key'; table: TableInfo; fk: ForeignKey }
  | { kind: 'create_index'; table: TableInfo; index: IndexInfo }
  | { kind: 'drop_index'; table: TableInfo; index: IndexInfo }
  | { kind: 'create_view'; view: TableInfo }
  | { kind: 'drop_view'; view: TableInfo }
  | { kind: 'create_routine'; routine: RoutineInfo }
  | { kind: 'replace_routine'; from: RoutineInfo; to: RoutineInfo }
  | { kind: 'drop_routine'; routine: RoutineInfo }
  | { kind: 'set_comment'; target: CommentTarget; comment?: string };

export type ChangeKind = Change['kind'];

export type ColumnField = 'type' | 'default' | 'nullable' | 'identity' | 'generated' | 'collation' | 'comment' | 'on_update';

export type CommentTarget =
  | { type: 'table' | 'view' | 'materialized_view'; schema: string; name: string }
  | { type: 'type'; schema: string; name: string }
  | { type: 'schema'; name: string };

/** A change with what the planner learned about it. */
export interface PlannedChange {
  change: Change;
  /** One line for reports: "add column public.film.rating_note text". */
  summary: string;
  hazards: Hazard[];
  /** True when the change belongs to a table the migration creates (no online forms needed). */
  onNewTable?: boolean;
  /** Why a view is recreated (a column it reads changed, a view it reads is recreated). */
  because?: string;
}

export interface PossibleRename {
  kind: 'table' | 'column';
  /** "schema.table" or "schema.table.column". */
  from: string;
  to: string;
  /** The --rename argument that confirms it. */
  confirm: string;
}

export interface DiffOptions {
  /** Confirmed renames, "old=new" (tables: [schema.]table, columns: [schema.]table.column). */
  renames?: string[];
}

export interface SchemaDiff {
  dialect: DialectId;
  fromLabel: string;
  toLabel: string;
  /** Changes in the order the migration runs them. */
  changes: PlannedChange[];
  possibleRenames: PossibleRename[];
}

export class DiffError extends Error {
  override readonly name = 'DiffError';
}
