// Facts about the whole document that change how a single statement must be judged: tables,
// views and functions the document itself creates or alters (unknown to the snapshot, or with new
// columns), and search_path or USE changes (with the database a USE names). Found with a cheap scan so the per-statement cache stays valid;
// the fingerprint is part of every cache key.

const NAME = String.raw`((?:[\w$\u0080-\uffff]+|"[^"]+"|\x60[^\x60]+\x60|\[[^\]]+\])(?:\s*\.\s*(?:[\w$\u0080-\uffff]+|"[^"]+"|\x60[^\x60]+\x60|\[[^\]]+\]))*)`;
const CREATED = [
  new RegExp(String.raw`\bCREATE\s+(?:OR\s+REPLACE\s+)?(?:(?:GLOBAL|LOCAL)\s+)?(?:(?:TEMP|TEMPORARY|UNLOGGED|MATERIALIZED|RECURSIVE|FOREIGN)\s+)*(?:TABLE|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?${NAME}`, 'gi'),
  new RegExp(String.raw`(?<!\b(?:INSERT|REPLACE|MERGE)(?:\s+(?:IGNORE|LOW_PRIORITY|DELAYED|HIGH_PRIORITY))?\s+)\bINTO\s+(?:(?:TEMP|TEMPORARY|UNLOGGED)\s+)?(?:TABLE\s+)?${NAME}`, 'gi'),
  new RegExp(String.raw`\bALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?\S+\s+RENAME\s+TO\s+${NAME}`, 'gi'),
];
const ALTERED = new RegExp(String.raw`\bALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?${NAME}`, 'gi');
const ROUTINES = new RegExp(String.raw`\bCREATE\s+(?:OR\s+REPLACE\s+)?(?:DEFINER\s*=\s*\S+\s+)?(?:FUNCTION|PROCEDURE|AGGREGATE)\s+(?:IF\s+NOT\s+EXISTS\s+)?${NAME}`, 'gi');

/** What one statement contributes to the document context; undefined for the (usual) nothing. */
export interface StatementFacts {
  created: string[];
  altered: string[];
  routines: string[];
  /** True for a search_path change and for USE. */
  searchPath: boolean;
  /** Database named by a leading `USE db` (unquoted); '' when USE names it in a way not read here. */
  use?: string;
}

const USE = /^\s*USE\s+(?:\[((?:[^\]]|\]\])+)\]|"((?:[^"]|"")+)"|\x60([^\x60]+)\x60|([\w$\u0080-\uffff]+))?/i;

export function statementFacts(text: string): StatementFacts | undefined {
  const use = /^\s*USE\s+[\w`["]/i.test(text) ? USE.exec(text) : null;
  const searchPath = use !== null || /\bsearch_path\b/i.test(text);
  if (!searchPath && !/CREATE|INTO|ALTER/i.test(text)) return undefined;
  const names = (re: RegExp) => [...text.matchAll(re)].flatMap((m) => keys(m[1]));
  const facts: StatementFacts = { created: CREATED.flatMap(names), altered: names(ALTERED), routines: names(ROUTINES), searchPath };
  if (use) facts.use = use[1]?.replace(/]]/g, ']') ?? use[2]?.replace(/""/g, '"') ?? use[3] ?? use[4] ?? '';
  return facts.created.length || facts.altered.length || facts.routines.length || searchPath ? facts : undefined;
}

function keys(raw: string): string[] {
  const last = raw.split(/\s*\.\s*/).pop() ?? raw;
  const unq = last.replace(/^["`[]|["`\]]$/g, '');
  return [unq, unq.toLowerCase()];
}

export class DocumentContext {
  private readonly created = new Set<string>();
  private readonly altered = new Set<string>();
  private readonly routines = new Set<string>();
  /** Some statement sets search_path or USEs a database: unqualified names may mean other objects. */
  readonly changesSearchPath: boolean;
  /** Databases named by USE statements, as written (unquoted); '' for one not read. */
  readonly usedDatabases: readonly string[];
  /** A search_path change other than USE. */
  private readonly setsSearchPath: boolean;
  readonly fingerprint: string;

  constructor(facts: Iterable<StatementFacts>) {
    let searchPath = false;
    let setsSearchPath = false;
    const used = new Set<string>();
    for (const f of facts) {
      f.created.forEach((n) => this.created.add(n));
      f.altered.forEach((n) => this.altered.add(n));
      f.routines.forEach((n) => this.routines.add(n));
      searchPath ||= f.searchPath;
      if (f.use !== undefined) used.add(f.use);
      else setsSearchPath ||= f.searchPath;
    }
    this.changesSearchPath = searchPath;
    this.setsSearchPath = setsSearchPath;
    this.usedDatabases = [...used].sort();
    this.fingerprint = [[...this.created].sort().join(','), [...this.altered].sort().join(','), [...this.routines].sort().join(','), searchPath, this.usedDatabases.join(',')].join('|');
  }

  /**
   * Whether unqualified names may point outside `database` somewhere in the document: a search_path
   * change, or a USE of any other database (or one not read). The scan is not positional, so one
   * USE of another database anywhere is enough; a USE of `database` itself changes nothing.
   */
  mayLeaveDatabase(database: string, caseInsensitive: boolean): boolean {
    const same = (d: string) => d !== '' && (caseInsensitive ? d.toLowerCase() === database.toLowerCase() : d === database);
    return this.setsSearchPath || this.usedDatabases.some((d) => !same(d));
  }

  /** Facts of a whole text, for callers without a statement split at hand. */
  static fromText(text: string): DocumentContext {
    const f = statementFacts(text);
    return new DocumentContext(f ? [f] : []);
  }

  createsTable(name: string): boolean {
    return this.created.has(name) || this.created.has(name.toLowerCase());
  }

  altersTable(name: string): boolean {
    return this.altered.has(name) || this.altered.has(name.toLowerCase());
  }

  createsRoutine(name: string): boolean {
    return this.routines.has(name) || this.routines.has(name.toLowerCase());
  }
}
