// Reading dotted names (`schema.table`, `alias.column`, `"My Schema"."T"`) from a token list.
import type { NamePart } from '../schema/schema-index';
import { isIdentifier, isPunct, type Token } from './tokens';

export function namePart(t: Token): NamePart {
  return t.kind === 'quoted' ? { text: t.value ?? '', quoted: true } : { text: t.text, quoted: false };
}

export interface DottedName {
  /** Identifier tokens, left to right. */
  parts: Token[];
  /** True when the name ends with a dot (`schema.` while typing). */
  trailingDot: boolean;
  /** Index just past the name. */
  next: number;
}

/** Reads `a.b.c` starting at tokens[i]; undefined when tokens[i] is not an identifier. */
export function readDottedName(tokens: Token[], i: number, end = tokens.length): DottedName | undefined {
  if (i >= end || !isIdentifier(tokens[i])) return undefined;
  const parts = [tokens[i]];
  let j = i + 1;
  let trailingDot = false;
  while (j < end && isPunct(tokens[j], '.')) {
    if (j + 1 < end && (isIdentifier(tokens[j + 1]) || tokens[j + 1].text === '*')) {
      if (tokens[j + 1].text === '*') break;
      parts.push(tokens[j + 1]);
      j += 2;
    } else {
      trailingDot = true;
      j++;
      break;
    }
  }
  return { parts, trailingDot, next: j };
}

/** `schema` and `table` of a table name with 1–3 parts (a leading database/catalog part is ignored). */
export function splitTableName(parts: Token[]): { schema?: Token; name: Token } {
  const name = parts[parts.length - 1];
  return parts.length >= 2 ? { schema: parts[parts.length - 2], name } : { name };
}
