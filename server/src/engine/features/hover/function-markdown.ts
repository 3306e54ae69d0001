// Markdown of a function call target: every overload's signature, its kind and documentation.
import type { NamePart, SchemaIndex } from '../../schema/schema-index';
import { findFunctions, signatureLabel } from '../functions/functions';

export function functionMarkdown(index: SchemaIndex, name: NamePart, schema?: NamePart): string | undefined {
  const overloads = findFunctions(index, name, schema);
  if (overloads.length === 0) return undefined;
  const parts = overloads.slice(0, 6).map((f) => {
    const where = f.schema ? `${f.routine?.kind ?? 'function'} in \`${f.schema}\`` : `built-in ${f.kind === 'scalar' ? 'function' : f.kind + ' function'}`;
    return `\`\`\`sql\n${signatureLabel(f)}\n\`\`\`\n${where}${f.doc ? ` — ${f.doc}` : ''}`;
  });
  if (overloads.length > 6) parts.push(`…and ${overloads.length - 6} more overloads`);
  return parts.join('\n\n');
}
