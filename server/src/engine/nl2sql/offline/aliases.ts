// Names the translator invents (track_count, avg_total) in the identifier style of the schema it
// writes for: snake_case where the tables are snake_case (PostgreSQL, MySQL), PascalCase where they
// are PascalCase (SQL Server's Chinook: TrackCount), camelCase where they are camelCase.
import type { SchemaIndex } from '../../schema/schema-index';
import { splitWords } from '../words';

export type IdentifierStyle = 'snake' | 'pascal' | 'camel';

const styles = new WeakMap<SchemaIndex, IdentifierStyle>();

/** The style most table and column names of the schema follow (computed once per schema). */
export function identifierStyle(index: SchemaIndex): IdentifierStyle {
  let s = styles.get(index);
  if (s) return s;
  let pascal = 0;
  let camel = 0;
  let snake = 0;
  const sample = index.model.tables.slice(0, 500);
  for (const name of sample.flatMap((t) => [t.name, ...t.columns.map((c) => c.name)])) {
    if (/^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*$/.test(name)) pascal++;
    else if (/^[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+$/.test(name)) camel++;
    else if (/^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/.test(name)) snake++;
  }
  s = pascal > snake && pascal >= camel ? 'pascal' : camel > snake ? 'camel' : 'snake';
  styles.set(index, s);
  return s;
}

/** An alias made of the words of `parts` (names or words) in the schema's style. */
export function aliasFor(index: SchemaIndex, ...parts: string[]): string {
  const words = parts.flatMap((p) => splitWords(p));
  const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  switch (identifierStyle(index)) {
    case 'pascal':
      return words.map(cap).join('');
    case 'camel':
      return words.map((w, i) => (i === 0 ? w : cap(w))).join('');
    default:
      return words.join('_');
  }
}
