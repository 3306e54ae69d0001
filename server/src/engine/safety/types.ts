// What the classifier reports about each statement, and what the firewall decides from it. The
// classifier states facts (kind, nested writes, functions called, …); the firewall owns the policy.
import type { DialectId } from '../schema/model';
import type { FunctionSafety } from './function-safety';
import type { Token } from './lexer';

export type StatementKind =
  | 'select' // SELECT, VALUES, TABLE
  | 'explain'
  | 'show' // SHOW, DESCRIBE
  | 'insert' // INSERT, REPLACE
  | 'update'
  | 'delete'
  | 'merge'
  | 'ddl' // CREATE, ALTER, DROP, TRUNCATE, COMMENT, RENAME
  | 'dcl' // GRANT, REVOKE, DENY
  | 'transaction' // BEGIN, COMMIT, ROLLBACK, SAVEPOINT, …
  | 'session' // SET, RESET, USE, DISCARD, DECLARE, cursors, HANDLER, WAITFOR
  | 'execute' // CALL, DO, EXEC, EXECUTE, PREPARE, LOAD (a library)
  | 'copy' // COPY, LOAD DATA, BULK INSERT
  | 'lock' // LOCK, UNLOCK
  | 'notify' // LISTEN, NOTIFY, UNLISTEN
  | 'maintenance' // VACUUM, ANALYZE, REINDEX, CLUSTER, REFRESH, OPTIMIZE, FLUSH, KILL, DBCC, …
  | 'unknown';

export interface ClassifiedStatement {
  /** 1-based position in the input, as people count. */
  index: number;
  /** The statement as written (no trailing semicolon); what the executor sends. */
  text: string;
  start: number;
  end: number;
  dialect: DialectId;
  kind: StatementKind;
  /** Leading keywords in upper case, for messages: "DELETE", "CREATE TABLE". */
  verb: string;
  /** Understood by the dialect's parser. When false, `kind` is a guess from the leading keyword. */
  parsed: boolean;
  parseError?: string;
  /**
   * MySQL/MariaDB: rejected by node-sql-parser but proven a pure read from its tokens (lexical-read.ts);
   * the firewall then applies its other checks to it as to a parsed read.
   */
  lexicalRead?: boolean;
  /** Not analysed because it nests too deeply for the parser or the AST walk (a stack overflow). */
  tooDeep?: boolean;
  /** Writes found below the top level, e.g. "DELETE inside WITH". */
  nestedWrites: string[];
  /** SELECT … INTO target, INTO OUTFILE/DUMPFILE/@var. */
  selectInto?: string;
  /** FOR UPDATE / FOR SHARE / LOCK IN SHARE MODE. */
  lockingClause?: string;
  /** Lower-case, unqualified names of every function called anywhere in the statement. */
  functions: string[];
  /**
   * Lower-case, unqualified names of the relations the statement reads (tables or views, and CTE
   * names, which are harmless), for the check of views that call functions (PostgreSQL from the AST, MySQL lexically).
   */
  relations?: string[];
  /** Operator symbols used (PostgreSQL): a user-defined operator runs its function. */
  operators?: string[];
  /** The lexer's tokens of the statement (the server's view of it), for lexical checks. */
  tokens?: Token[];
  explain?: { analyze: boolean; inner: StatementKind; innerVerb: string };
  copy?: { direction: 'to' | 'from'; program: boolean; file: boolean };
  /** MySQL `/*! … *\/` comments, which the server executes but parsers skip. */
  executableComments: number;
  /** `@x := …` or SELECT … INTO @x: changes session state. */
  assignsVariables: boolean;
  /** Number of statements the parser found in this piece when it was not split by ';' (T-SQL). */
  statementCount: number;
  /** Why a write would deserve a confirmation (writable mode), if it would. */
  destructive?: string;
}

export type FirewallMode = 'read-only' | 'writable';

export type FirewallRule =
  | 'unparseable'
  | 'not-read-only-kind'
  | 'hidden-write'
  | 'select-into'
  | 'locking-read'
  | 'side-effect-function'
  | 'unsafe-function'
  | 'explain-analyze-write'
  | 'executable-comment'
  | 'variable-assignment'
  | 'multiple-statements'
  | 'unbounded-wait'
  | 'nul-character'
  | 'empty'
  | 'not-confirmed';

export interface Refusal {
  /** 1-based statement index, 0 for the whole input. */
  index: number;
  /** The first words of the statement (secrets masked). */
  preview: string;
  rule: FirewallRule;
  reason: string;
}

export interface Confirmation {
  index: number;
  preview: string;
  reason: string;
}

/** What the firewall knows about the connection the statements are for. */
export interface FirewallOptions {
  /**
   * The database's functions and views (function-safety.ts). With it, read-only mode refuses every
   * function, view or operator use not known to be read-only; without it only the deny-list applies.
   */
  routines?: FunctionSafety;
  /**
   * False when the connection cannot bound or interrupt a running statement (DatabaseDriver
   * .serverSideTimeout: PGlite). Functions that only wait are then refused in every mode.
   * Default true.
   */
  serverSideTimeout?: boolean;
}

export interface FirewallVerdict {
  mode: FirewallMode;
  statements: ClassifiedStatement[];
  /** Empty when everything may run. */
  refusals: Refusal[];
  /** Writable mode: destructive statements the caller should confirm before running. */
  confirmations: Confirmation[];
}
