// Human and machine reports of a diff: text for a terminal, markdown for a pull-request comment,
// JSON for tools. All three list the same changes in plan order with their hazards.
import { migrationSteps, renderMigration, type MigrationOptions } from './migration';
import type { PlannedChange, SchemaDiff } from './types';

export type ReportFormat = 'text' | 'markdown' | 'json' | 'sql';
export const REPORT_FORMATS: ReportFormat[] = ['text', 'markdown', 'json', 'sql'];

export function renderDiff(diff: SchemaDiff, format: ReportFormat, options: MigrationOptions = {}): string {
  switch (format) {
    case 'sql':
      return renderMigration(diff, options);
    case 'json':
      return renderJson(diff, options);
    case 'markdown':
      return renderMarkdown(diff, options);
    default:
      return renderText(diff);
  }
}

/** Changes a reader cares about: a recreated view is a consequence, listed under its cause. */
function counts(diff: SchemaDiff): { destructive: number; total: number } {
  return { total: diff.changes.length, destructive: diff.changes.filter((c) => c.hazards.some((h) => h.kind === 'destructive')).length };
}

function hazardMarks(p: PlannedChange): string[] {
  return p.hazards.map((h) => `${h.kind}: ${h.message}`);
}

export function renderText(diff: SchemaDiff): string {
  const { total, destructive } = counts(diff);
  const lines = [`Schema diff ${diff.fromLabel} → ${diff.toLabel}: ${total ? `${total} change(s)${destructive ? `, ${destructive} destructive` : ''}` : 'no differences'}`];
  for (const p of diff.changes) {
    lines.push(`  ${symbol(p)} ${p.summary}`);
    for (const h of hazardMarks(p)) lines.push(`      ! ${h}`);
  }
  if (diff.possibleRenames.length) {
    lines.push('', 'Possible renames (applied only when confirmed):');
    for (const r of diff.possibleRenames) lines.push(`  ${r.kind} ${r.from} → ${r.to}   confirm with ${r.confirm}`);
  }
  return lines.join('\n') + '\n';
}

function symbol(p: PlannedChange): string {
  const k = p.change.kind;
  if (k.startsWith('drop_')) return '-';
  if (k.startsWith('create_') || k.startsWith('add_')) return '+';
  return '~';
}

export function renderMarkdown(diff: SchemaDiff, options: MigrationOptions = {}): string {
  const { total, destructive } = counts(diff);
  const lines = [`### Schema diff: \`${diff.fromLabel}\` → \`${diff.toLabel}\``, ''];
  if (!total) return lines.concat('No differences.', '').join('\n');
  lines.push(`**${total} change(s)**${destructive ? `, **${destructive} destructive** (commented out in the migration unless \`--allow-destructive\`)` : ''}.`, '');
  lines.push('| | Change | Hazards |', '|---|---|---|');
  for (const p of diff.changes) lines.push(`| ${symbol(p)} | ${escapeCell(p.summary)} | ${escapeCell(hazardMarks(p).join('; '))} |`);
  if (diff.possibleRenames.length) {
    lines.push('', '**Possible renames** (reported as drop + create until confirmed):', '');
    for (const r of diff.possibleRenames) lines.push(`- ${r.kind} \`${r.from}\` → \`${r.to}\`: confirm with \`${r.confirm}\``);
  }
  if (diff.dialect !== 'mssql') {
    lines.push('', '<details><summary>Migration SQL</summary>', '', '```sql', renderMigration(diff, options).trimEnd(), '```', '', '</details>');
  }
  return lines.join('\n') + '\n';
}

function escapeCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function renderJson(diff: SchemaDiff, options: MigrationOptions = {}): string {
  const steps = diff.dialect === 'mssql' ? undefined : migrationSteps(diff, options);
  return (
    JSON.stringify(
      {
        from: diff.fromLabel,
        to: diff.toLabel,
        dialect: diff.dialect,
        equal: diff.changes.length === 0,
        changes: diff.changes.map((p, i) => ({
          kind: p.change.kind,
          summary: p.summary,
          hazards: p.hazards,
          ...(p.because ? { because: p.because } : {}),
          ...(steps ? { statements: steps[i]!.statements, skipped: steps[i]!.skipped } : {}),
        })),
        possibleRenames: diff.possibleRenames,
      },
      null,
      2,
    ) + '\n'
  );
}
