// Facts about the whole document that change how a single statement must be judged: tables,
// views and functions the document itself creates or alters (unknown to the snapshot, or with new
// columns), and search_path changes. Found with a cheap scan so the per-statement cache stays valid;
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
  searchPath: boolean;
}

export function statementFacts(text: string): StatementFacts | undefined {
  const searchPath = /\bsearch_path\b|^\s*USE\s+[\w`[]/i.test(text);
  if (!searchPath && !/CREATE|INTO|ALTER/i.test(text)) return undefined;
  const names = (re: RegExp) => [...text.matchAll(re)].flatMap((m) => keys(m[1]));
  const facts = { created: CREATED.flatMap(names), altered: names(ALTERED), routines: names(ROUTINES), searchPath };
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
  readonly changesSearchPath: boolean;
  readonly fingerprint: string;

  constructor(facts: Iterable<StatementFacts>) {
    let searchPath = false;
    for (const f of facts) {
      f.created.forEach((n) => this.created.add(n));
      f.altered.forEach((n) => this.altered.add(n));
      f.routines.forEach((n) => this.routines.add(n));
      searchPath ||= f.searchPath;
    }
    this.changesSearchPath = searchPath;
    this.fingerprint = [[...this.created].sort().join(','), [...this.altered].sort().join(','), [...this.routines].sort().join(','), searchPath].join('|');
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
