// The four outputs of `schemawise check`: text (`file:line:col: severity rule message`, what
// compilers print and editors link), json, GitHub workflow annotations, and SARIF 2.1.0 for code
// scanning. Pure functions of the report.
import { RULES } from '../diagnostics';
import type { CheckFinding, CheckReport } from './check';

export type CheckFormat = 'text' | 'json' | 'sarif' | 'github';
export const CHECK_FORMATS: readonly CheckFormat[] = ['text', 'json', 'sarif', 'github'];

export function summaryLine(report: CheckReport): string {
  const count = (s: CheckFinding['severity']) => report.findings.filter((f) => f.severity === s).length;
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const skipped = report.fragments ? ` (${plural(report.fragments, 'fragment')} not checked)` : '';
  return `${plural(report.files, 'file')}, ${plural(report.queries, 'query', 'queries')} checked${skipped}: ${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('info'), 'info', 'infos')}`;
}

export function formatText(report: CheckReport): string {
  return report.findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity} ${f.rule} ${oneLine(f.message)}`).join('\n');
}

export function formatJson(report: CheckReport): string {
  const { files, queries, fragments, findings, unreadable } = report;
  return JSON.stringify({ files, queries, fragments, findings, unreadable }, null, 2);
}

/** `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message` (warning/notice alike). */
export function formatGithub(report: CheckReport): string {
  const command = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' } as const;
  return report.findings
    .map((f) => {
      const props = [`file=${prop(f.file)}`, `line=${f.line}`, `col=${f.column}`, `endLine=${f.endLine}`, `endColumn=${f.endColumn}`, `title=${prop(`schemawise ${f.rule}`)}`];
      return `::${command[f.severity]} ${props.join(',')}::${data(f.message)}`;
    })
    .join('\n');
}

/** SARIF 2.1.0: one run, the rules that can fire, one result per finding (1-based UTF-16 columns). */
export function formatSarif(report: CheckReport, toolVersion: string): string {
  const level = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;
  const rules = RULES.map((r) => ({
    id: r.id,
    name: r.id.replace(/(^|-)([a-z])/g, (_m, _d: string, c: string) => c.toUpperCase()),
    shortDescription: { text: r.summary },
    defaultConfiguration: { level: level[r.defaultSeverity] },
    helpUri: `https://github.com/schemawise/schemawise/blob/main/docs/rules.md#${r.id}`,
  }));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'schemawise', informationUri: 'https://github.com/schemawise/schemawise', version: toolVersion, semanticVersion: toolVersion, rules } },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The directory schemawise check ran in.' } } },
        results: report.findings.map((f) => ({
          ruleId: f.rule,
          ...(ruleIndex.has(f.rule) ? { ruleIndex: ruleIndex.get(f.rule) } : {}),
          level: level[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(f.file), uriBaseId: '%SRCROOT%' },
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: Math.max(f.endColumn, f.line === f.endLine ? f.column + 1 : f.endColumn) },
              },
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}

function oneLine(s: string): string {
  return s.replace(/\s*\r?\n\s*/g, ' ');
}

/** Workflow command data: %, CR and LF escaped. */
function data(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow command property: also : and , escaped. */
function prop(s: string): string {
  return data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
