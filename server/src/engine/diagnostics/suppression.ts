// Inline suppression: `-- schemawise-disable-next-line rule-a, rule-b` (or with no rule: all rules)
// silences diagnostics that start on the next line. `/* schemawise-disable-next-line … */` works too.
import type { Diagnostic } from './types';

const DIRECTIVE = /(?:--|\/\*|#)\s*schemawise-disable-next-line\b([^\n*]*)/g;

export function applySuppressions(text: string, diagnostics: Diagnostic[]): Diagnostic[] {
  if (diagnostics.length === 0 || !text.includes('schemawise-disable-next-line')) return diagnostics;
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  /** line → suppressed rule ids ('*' = all) */
  const suppressed = new Map<number, Set<string>>();
  for (const m of text.matchAll(DIRECTIVE)) {
    const ids = m[1]
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    suppressed.set(lineOf(m.index ?? 0) + 1, new Set(ids.length ? ids : ['*']));
  }
  return diagnostics.filter((d) => {
    const ids = suppressed.get(lineOf(d.range.start));
    return !ids || !(ids.has('*') || ids.has(d.code));
  });
}
