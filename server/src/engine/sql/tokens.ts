// Token shapes shared by the tokenizer, the statement splitter and the scope resolver.

export type TokenKind =
  /** Unquoted identifier or keyword. */
  | 'word'
  /** Quoted identifier ("x", `x`, [x]); `value` holds the name without quotes. */
  | 'quoted'
  | 'string'
  | 'number'
  | 'operator'
  /** ( ) , ; . and other single-character punctuation. */
  | 'punct'
  /** Bind parameter or variable: $1, ?, :name, @name. */
  | 'param'
  | 'comment';

export interface Token {
  kind: TokenKind;
  /** Source text of the token. */
  text: string;
  /** Offsets into the document: [start, end). */
  start: number;
  end: number;
  /** Identifier value: unquoted name for `quoted`, the text for `word`. */
  value?: string;
  /** A string, quoted identifier or block comment that runs to the end of the text. */
  unterminated?: boolean;
}

export function isIdentifier(t: Token | undefined): t is Token {
  return t !== undefined && (t.kind === 'word' || t.kind === 'quoted');
}

/** Upper-case text of a word token (keyword comparisons), '' for anything else. */
export function keywordOf(t: Token | undefined): string {
  return t?.kind === 'word' ? t.text.toUpperCase() : '';
}

export function isPunct(t: Token | undefined, ch: string): boolean {
  return t !== undefined && t.kind === 'punct' && t.text === ch;
}
