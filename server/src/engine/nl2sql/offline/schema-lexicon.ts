// The schema as phrases the offline translator can recognise in a question: table names, column
// names (also without their table's prefix: "rental_date" on rental is "date" there), synonyms,
// and verb roots ("rated" finds "rating"). Longest match wins.
import type { ColumnInfo, TableInfo } from '../../schema/model';
import type { SchemaIndex } from '../../schema/schema-index';
import { STOPWORDS, stemsOfName, synonymsOf } from '../words';
import type { QToken } from './question-tokens';
import { verbRoot } from './question-tokens';
import { NEGATIONS } from './vocabulary';
import { nl2sqlWork } from '../work-counters';

export type SchemaRef = { kind: 'table'; table: TableInfo } | { kind: 'column'; table: TableInfo; column: ColumnInfo; partial: boolean };

export interface Mention {
  start: number;
  /** Token index just past the mention. */
  end: number;
  refs: SchemaRef[];
  /** Matched through a synonym or verb root rather than the word itself. */
  fuzzy: boolean;
}

const lexicons = new WeakMap<SchemaIndex, SchemaLexicon>();

export class SchemaLexicon {
  /** The lexicon of a schema, built once per SchemaIndex: questions only look words up in it. */
  static of(index: SchemaIndex): SchemaLexicon {
    let l = lexicons.get(index);
    if (!l) lexicons.set(index, (l = new SchemaLexicon(index)));
    return l;
  }

  /** Lower-cased enum values of the schema, to their original spelling. */
  readonly enumValues = new Map<string, string>();
  private readonly exact = new Map<string, SchemaRef[]>();
  private readonly fuzzy = new Map<string, SchemaRef[]>();
  private readonly maxWords: number;

  constructor(readonly index: SchemaIndex) {
    nl2sqlWork.lexiconBuilds++;
    let maxWords = 1;
    const seenRefs = new Map<string, Set<object>>();
    const add = (map: Map<string, SchemaRef[]>, words: string[], ref: SchemaRef) => {
      // A lone grammar word ("by" from placed_by, "of") must stay grammar.
      if (words.length === 0 || (words.length === 1 && ((map === this.fuzzy && STOPWORDS.has(words[0]!)) || NEGATIONS.has(words[0]!)))) return;
      maxWords = Math.max(maxWords, words.length);
      const key = words.join(' ');
      // Dedupe by identity through a Set: a key such as "id" or "name" can hold thousands of refs.
      const seenKey = `${map === this.exact ? 'e' : 'f'} ${key}`;
      let seen = seenRefs.get(seenKey);
      if (!seen) seenRefs.set(seenKey, (seen = new Set()));
      const identity = ref.kind === 'table' ? ref.table : ref.column;
      if (seen.has(identity)) return;
      seen.add(identity);
      const list = map.get(key);
      if (list) list.push(ref);
      else map.set(key, [ref]);
    };
    for (const t of index.model.tables) {
      const tw = [...stemsOfName(t.name)];
      const tref: SchemaRef = { kind: 'table', table: t };
      add(this.exact, tw, tref);
      if (tw.length === 1) for (const s of synonymsOf(tw[0]!)) add(this.fuzzy, [s], tref);
      for (const c of t.columns) {
        const cw = [...stemsOfName(c.name)];
        const isId = cw[cw.length - 1] === 'id';
        add(this.exact, cw, { kind: 'column', table: t, column: c, partial: false });
        // A foreign key's verb: "supports" for support_rep_id (customer → employee).
        if (isId && cw.length > 1 && t.foreignKeys.some((fk) => fk.columns.length === 1 && fk.columns[0] === c.name) && !tw.includes(cw[0]!)) {
          add(this.fuzzy, [cw[0]!], { kind: 'column', table: t, column: c, partial: true });
        }
        if (isId) continue;
        // "rental_date" on table rental is also just "date" there; "billing_country" is also "country".
        if (cw.length > 1 && tw.every((w, i) => cw[i] === w)) add(this.exact, cw.slice(tw.length), { kind: 'column', table: t, column: c, partial: true });
        if (cw.length > 1) add(this.fuzzy, [cw[cw.length - 1]!], { kind: 'column', table: t, column: c, partial: true });
        if (cw.length === 1) {
          for (const s of synonymsOf(cw[0]!)) add(this.fuzzy, [s], { kind: 'column', table: t, column: c, partial: true });
          const root = verbRoot(c.name);
          if (root !== cw[0]) add(this.fuzzy, [root], { kind: 'column', table: t, column: c, partial: true });
        }
      }
    }
    this.maxWords = maxWords;
    for (const e of index.model.enums ?? []) for (const v of e.values) this.enumValues.set(v.toLowerCase(), v);
  }

  /** Greedy longest-match mentions over word tokens. */
  mentions(tokens: QToken[]): Mention[] {
    const out: Mention[] = [];
    for (let i = 0; i < tokens.length; ) {
      const found = this.matchAt(tokens, i);
      if (found) {
        out.push(found);
        i = found.end;
      } else i++;
    }
    return out;
  }

  private matchAt(tokens: QToken[], i: number): Mention | undefined {
    for (let len = Math.min(this.maxWords, tokens.length - i); len >= 1; len--) {
      const slice = tokens.slice(i, i + len);
      // Words, and numbers inside a name ("customer_00017" reads as customer, 00017).
      if (slice.some((t, k) => t.kind !== 'word' && !(k > 0 && t.kind === 'number'))) continue;
      const refs = this.exact.get(slice.map((t) => t.stem).join(' '));
      if (refs) return { start: i, end: i + len, refs, fuzzy: false };
    }
    const t = tokens[i]!;
    if (t.kind !== 'word') return undefined;
    const refs = this.fuzzy.get(t.stem) ?? this.fuzzy.get(t.root);
    return refs ? { start: i, end: i + 1, refs, fuzzy: true } : undefined;
  }
}


export function tablesOf(m: Mention): TableInfo[] {
  return m.refs.filter((r) => r.kind === 'table').map((r) => r.table);
}

export function columnsOf(m: Mention): Extract<SchemaRef, { kind: 'column' }>[] {
  return m.refs.filter((r): r is Extract<SchemaRef, { kind: 'column' }> => r.kind === 'column');
}
