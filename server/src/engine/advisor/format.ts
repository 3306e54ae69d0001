// AdviceReport → text (terminal), JSON (tools) or Markdown (pull requests). The JSON starts with the
// documented contract {"indexes": [...], "drop": [...]} and adds the rest of the report after it.
import type { AdviceReport } from './types';

export type AdviceFormat = 'text' | 'json' | 'markdown';

export function formatAdvice(r: AdviceReport, format: AdviceFormat): string {
  if (format === 'json') return JSON.stringify(ordered(r), null, 2);
  return format === 'markdown' ? markdown(r) : text(r);
}

function ordered(r: AdviceReport): unknown {
  const { indexes, drop, ...rest } = r;
  return { indexes, drop, ...rest };
}

function pct(before: number, after: number | null): string {
  if (after === null || !(before > 0)) return '';
  return ` (−${Math.round((1 - after / before) * 100)}%)`;
}

function text(r: AdviceReport): string {
  const lines: string[] = [];
  for (const n of r.notices) lines.push(`note: ${n}`, '');
  lines.push(r.indexes.length ? `Suggested indexes (${r.verified ? 'verified by the planner with HypoPG' : 'UNVERIFIED, rule-based'}):` : 'No index to suggest' + (r.verified ? ` (no candidate cut a query's planner cost by ${r.options.minSavingsPercent}% or more).` : '.'));
  r.indexes.forEach((s, i) => {
    lines.push('', `${i + 1}. ${s.sql};`);
    lines.push(`   cost ${s.costBefore}${s.costAfter !== null ? ` → ${s.costAfter}${pct(s.costBefore, s.costAfter)}` : ' (after: not verified)'}; helps ${s.queries.join(', ')}; why: ${s.reasons.join(', ')}`);
    if (s.estimatedBytes !== undefined) lines.push(`   estimated size: ${bytes(s.estimatedBytes)}`);
    for (const p of s.planChanges) lines.push(`   plan ${p}`);
    if (s.writeNote) lines.push(`   write overhead: ${s.writeNote}`);
  });
  if (r.drop.length) {
    lines.push('', 'Existing indexes that are candidates to DROP (review first; nothing was dropped):');
    for (const d of r.drop) lines.push(`  - [${d.kind}] ${d.table} ${d.index}: ${d.detail}${d.bytes !== undefined ? `; ${bytes(d.bytes)}` : ''}`, `    ${d.sql};`);
  }
  if (r.rewrites?.length) {
    lines.push('', 'Rewrites (same rows checked on the database, cheaper plan):');
    for (const w of r.rewrites) lines.push('', `  ${w.query}: ${w.title}: ${w.note}`, ...w.diff.split('\n').map((l) => `    ${l}`));
  }
  const skipped = r.queries.filter((q) => q.note);
  if (skipped.length) {
    lines.push('', 'Queries not advised on:');
    for (const q of skipped) lines.push(`  - ${q.id}: ${q.note}`);
  }
  lines.push('', `${r.queries.length} quer${r.queries.length === 1 ? 'y' : 'ies'}, ${r.explains} EXPLAINs, ${r.durationMs} ms. Nothing was created on the database${r.verified ? ' (hypothetical indexes lived only in the advisor\'s session)' : ''}.`);
  return lines.join('\n');
}

function markdown(r: AdviceReport): string {
  const lines: string[] = ['## Index advice', ''];
  for (const n of r.notices) lines.push(`> ${n}`, '');
  lines.push(`Mode: ${r.verified ? 'verified by the planner (HypoPG)' : '**unverified**, rule-based'}; threshold ${r.options.minSavingsPercent}% cost reduction.`, '');
  if (r.indexes.length) {
    lines.push('| # | Index | Cost before | Cost after | Queries |', '|---|---|---|---|---|');
    r.indexes.forEach((s, i) => lines.push(`| ${i + 1} | \`${s.sql.replace(/\|/g, '\\|')}\` | ${s.costBefore} | ${s.costAfter ?? 'unverified'}${pct(s.costBefore, s.costAfter)} | ${s.queries.join(', ')} |`));
    for (const s of r.indexes.filter((x) => x.writeNote)) lines.push('', `- ${s.table}: ${s.writeNote}`);
  } else lines.push('No index to suggest.');
  if (r.rewrites?.length) {
    lines.push('', '### Rewrites (same rows checked on the database)', '');
    for (const w of r.rewrites) lines.push(`- **${w.query}** ${w.title}: ${w.note}`, '', '```diff', w.diff, '```', '');
  }
  if (r.drop.length) {
    lines.push('', '### Candidates to drop (review first)', '', '| Kind | Table | Index | Why |', '|---|---|---|---|');
    for (const d of r.drop) lines.push(`| ${d.kind} | ${d.table} | ${d.index} | ${d.detail.replace(/\|/g, '\\|')} |`);
  }
  return lines.join('\n');
}

function bytes(n: number): string {
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MB`;
  if (n >= 1 << 10) return `${Math.round(n / (1 << 10))} kB`;
  return `${n} B`;
}
