// Finds the SQL templates of a TS/JS file with the TypeScript parser: tagged templates whose tag is
// `sql` (or one of the configured tags, alone or at the end of a member chain: db.sql`…`,
// sql<Row>`…`) and untagged templates right after a `/* sql */` comment. Every offset is an offset
// into the host text, so nothing needs mapping later.
import type * as TS from 'typescript';
import type { HostKind } from './host-files';
import { loadTypeScript } from './load-typescript';

/** The tags recognised without any setting (the ones the TextMate grammar colours). */
export const DEFAULT_TAGS: readonly string[] = ['sql', 'SQL'];

export interface Placeholder {
  /** Offset of `$` in `${`. */
  start: number;
  /** Offset just after the closing `}`. */
  end: number;
}

export interface SqlTemplate {
  /** Offset of the first character after the opening backtick. */
  start: number;
  /** Offset of the closing backtick (or the end of the file when the template is unterminated). */
  end: number;
  /** False while the template has no closing backtick yet (typing). */
  closed: boolean;
  /** The tag as written (`db.sql`), or `/* sql *\/` for a comment-marked template. */
  tag: string;
  /** The `${…}` substitutions in order. */
  placeholders: Placeholder[];
  /** Inside another SQL template's `${…}` (a fragment composed into the outer query). */
  nested: boolean;
}

export interface ScanOptions {
  kind: HostKind;
  /** Extra tags (`schemawise.embedded.tags`): a name (`query`) or a dotted chain (`db.query`). */
  tags?: readonly string[];
  /** Name used for parse messages only. */
  fileName?: string;
}

const SQL_COMMENT = /\/\*\s*sql\s*\*\/\s*$/i;

export function findSqlTemplates(text: string, options: ScanOptions): SqlTemplate[] {
  const tags = new Set([...DEFAULT_TAGS, ...(options.tags ?? [])].map((t) => t.replace(/\s+/g, '')).filter(Boolean));
  // Fast path: without a backtick there is no template, and without a tag name or a /* sql */ comment
  // no SQL template (most files, and every keystroke in them): no parse.
  if (!text.includes('`') || !mayHoldSqlTemplate(text, tags)) return [];
  const ts = loadTypeScript();
  const kind = { ts: ts.ScriptKind.TS, tsx: ts.ScriptKind.TSX, js: ts.ScriptKind.JS, jsx: ts.ScriptKind.JSX }[options.kind];
  const fileName = options.fileName ?? `embedded.${options.kind}`;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, kind);
  const found: SqlTemplate[] = [];
  /** Placeholder spans of the SQL templates we are inside of. */
  const enclosing: Placeholder[][] = [];

  const isSqlTag = (tag: TS.Expression): string | undefined => {
    const written = text.slice(tag.getStart(source), tag.end).replace(/\s+/g, '');
    const last = ts.isIdentifier(tag) ? tag.text : ts.isPropertyAccessExpression(tag) && ts.isIdentifier(tag.name) ? tag.name.text : undefined;
    if (last === undefined) return undefined;
    return tags.has(last) || tags.has(written.replace(/\?\./g, '.')) ? written : undefined;
  };

  /** The trivia before a node (whitespace and comments only) ends with `/* sql *\/`. */
  const hasSqlComment = (node: TS.Node): boolean => SQL_COMMENT.test(text.slice(node.pos, node.getStart(source)));

  const record = (template: TS.TemplateLiteral, tag: string): SqlTemplate => {
    const open = template.getStart(source);
    const placeholders: Placeholder[] = [];
    let last: TS.TemplateLiteralLikeNode;
    if (ts.isNoSubstitutionTemplateLiteral(template)) last = template;
    else {
      let before: TS.TemplateLiteralLikeNode = template.head;
      for (const span of template.templateSpans) {
        // `${` ends the previous literal; `}` starts this span's literal.
        placeholders.push({ start: before.end - 2, end: Math.min(span.literal.getStart(source) + 1, span.literal.end) });
        before = span.literal;
      }
      last = before;
    }
    const closed = !last.isUnterminated && text[last.end - 1] === '`' && last.end - 1 > open;
    const item: SqlTemplate = { start: open + 1, end: closed ? last.end - 1 : last.end, closed, tag, placeholders, nested: isInsidePlaceholder(open) };
    found.push(item);
    return item;
  };

  const isInsidePlaceholder = (offset: number) => enclosing.some((spans) => spans.some((p) => p.start <= offset && offset < p.end));

  /** Templates already taken as a tagged template's, so a comment before them cannot take them twice. */
  const taken = new Set<TS.Node>();
  const visit = (node: TS.Node): void => {
    let template: SqlTemplate | undefined;
    if (ts.isTaggedTemplateExpression(node)) {
      const tag = isSqlTag(node.tag);
      if (tag !== undefined) {
        template = record(node.template, tag);
        taken.add(node.template);
      }
    } else if ((ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) && !taken.has(node) && hasSqlComment(node)) {
      template = record(node, '/* sql */');
    }
    if (template) enclosing.push(template.placeholders);
    ts.forEachChild(node, visit);
    if (template) enclosing.pop();
  };
  ts.forEachChild(source, visit);
  return found.sort((a, b) => a.start - b.start);
}

/** A cheap over-approximation: some tag's last name followed by a backtick, `<` or `?.`, or a /* sql *\/ comment. */
function mayHoldSqlTemplate(text: string, tags: ReadonlySet<string>): boolean {
  const names = [...new Set([...tags].map((t) => t.split('.').pop()!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))];
  return new RegExp(`(?:${names.join('|')})\\s*[\`<]|\\/\\*\\s*sql\\s*\\*\\/`, 'i').test(text);
}

/**
 * A `schemawise: dialect=…` directive in the comments at the top of the file (before any code):
 * `// schemawise: dialect=mysql`. Returns the dialect name as written.
 */
export function hostDialectDirective(text: string): string | undefined {
  const comment = /\s*(\/\/[^\n\r]*|\/\*[\s\S]*?\*\/)/y;
  comment.lastIndex = text.startsWith('#!') ? text.search(/[\r\n]|$/) : 0;
  for (let m = comment.exec(text); m; m = comment.exec(text)) {
    const directive = /schemawise:\s*dialect\s*=\s*([A-Za-z]+)/.exec(m[1]!);
    if (directive) return directive[1];
  }
  return undefined;
}
