// `.schemawise/mock.yml`: per-table row counts and per-column overrides, committed with the project.
//
//   tables:
//     public.customer:            # or just "customer"
//       rows: 500
//       columns:
//         email:  { generator: email }            # a name from semantic.ts or a faker path: person.jobTitle
//         status: { values: [active, closed], distribution: skewed }
//         score:  { min: 0, max: 10 }
//         notes:  { nullRatio: 0.5 }
//
// Every error names the file and line. Unknown keys are errors, so a typo never goes unnoticed.
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node as YamlNode, type YAMLMap, type Pair } from 'yaml';

export interface ColumnOverride {
  generator?: string;
  values?: (string | number | boolean | null)[];
  min?: number | string;
  max?: number | string;
  nullRatio?: number;
  distribution?: 'uniform' | 'skewed' | 'normal';
}

export interface TableOverride {
  rows?: number;
  columns: Record<string, ColumnOverride>;
}

export interface MockConfig {
  tables: Record<string, TableOverride>;
}

export class MockConfigError extends Error {
  override readonly name = 'MockConfigError';
}

const COLUMN_KEYS = ['generator', 'values', 'min', 'max', 'nullRatio', 'distribution'];

export function parseMockConfig(text: string, file = 'mock.yml'): MockConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (node: YamlNode | Pair | null | undefined) => {
    const range = (node as { range?: [number, number] } | null)?.range ?? ((node as Pair | null)?.key as { range?: [number, number] } | null)?.range;
    return range ? `${file}:${lines.linePos(range[0]).line}` : file;
  };
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const line = e.linePos?.[0]?.line ?? (e.pos ? lines.linePos(e.pos[0]).line : '?');
    throw new MockConfigError(`${file}:${line}: ${e.message.split('\n')[0]}`);
  }
  const config: MockConfig = { tables: {} };
  const root = doc.contents;
  if (root === null || root === undefined) return config;
  if (!isMap(root)) throw new MockConfigError(`${at(root as YamlNode)}: expected a mapping with "tables:"`);
  for (const pair of (root as YAMLMap).items) {
    const key = String((pair.key as { value?: unknown })?.value ?? pair.key);
    if (key !== 'tables') throw new MockConfigError(`${at(pair.key as YamlNode)}: unknown key "${key}" (expected "tables")`);
    const tables = pair.value as YamlNode;
    if (tables === null) continue;
    if (!isMap(tables)) throw new MockConfigError(`${at(tables)}: "tables" must map table names to settings`);
    for (const tp of tables.items) {
      const name = String((tp.key as { value?: unknown })?.value);
      const body = tp.value as YamlNode;
      const t: TableOverride = { columns: {} };
      if (body !== null && !isMap(body)) throw new MockConfigError(`${at(tp.key as YamlNode)}: table "${name}" must be a mapping (rows, columns)`);
      for (const p of body ? (body as YAMLMap).items : []) {
        const k = String((p.key as { value?: unknown })?.value);
        const v = p.value as YamlNode;
        if (k === 'rows') {
          const n = isScalar(v) ? v.value : undefined;
          if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new MockConfigError(`${at(v ?? (p.key as YamlNode))}: rows must be a whole number ≥ 0`);
          t.rows = n;
        } else if (k === 'columns') {
          if (!isMap(v)) throw new MockConfigError(`${at(v ?? (p.key as YamlNode))}: "columns" must map column names to overrides`);
          for (const cp of v.items) t.columns[String((cp.key as { value?: unknown })?.value)] = columnOverride(cp, at);
        } else throw new MockConfigError(`${at(p.key as YamlNode)}: unknown key "${k}" for table "${name}" (expected rows, columns)`);
      }
      config.tables[name] = t;
    }
  }
  return config;
}

function columnOverride(pair: Pair, at: (n: YamlNode | Pair | null | undefined) => string): ColumnOverride {
  const name = String((pair.key as { value?: unknown })?.value);
  const v = pair.value as YamlNode;
  if (!isMap(v)) throw new MockConfigError(`${at(pair.key as YamlNode)}: column "${name}" needs a mapping such as { generator: email }`);
  const o: ColumnOverride = {};
  for (const p of v.items) {
    const k = String((p.key as { value?: unknown })?.value);
    const node = p.value as YamlNode;
    const where = at(node ?? (p.key as YamlNode));
    if (!COLUMN_KEYS.includes(k)) throw new MockConfigError(`${at(p.key as YamlNode)}: unknown key "${k}" for column "${name}" (expected ${COLUMN_KEYS.join(', ')})`);
    const value = isScalar(node) ? node.value : undefined;
    switch (k) {
      case 'generator':
        if (typeof value !== 'string' || !value) throw new MockConfigError(`${where}: generator must be a name such as email or a faker path such as person.jobTitle`);
        o.generator = value;
        break;
      case 'values':
        if (!isSeq(node) || node.items.length === 0) throw new MockConfigError(`${where}: values must be a non-empty list`);
        o.values = node.items.map((i) => {
          const x = isScalar(i) ? i.value : undefined;
          if (x !== null && typeof x !== 'string' && typeof x !== 'number' && typeof x !== 'boolean') throw new MockConfigError(`${at(i as YamlNode)}: list values must be plain scalars`);
          return x;
        });
        break;
      case 'min':
      case 'max':
        if (typeof value !== 'number' && typeof value !== 'string') throw new MockConfigError(`${where}: ${k} must be a number or a date`);
        o[k] = value;
        break;
      case 'nullRatio':
        if (typeof value !== 'number' || value < 0 || value > 1) throw new MockConfigError(`${where}: nullRatio must be a number between 0 and 1`);
        o.nullRatio = value;
        break;
      case 'distribution':
        if (value !== 'uniform' && value !== 'skewed' && value !== 'normal') throw new MockConfigError(`${where}: distribution must be uniform, skewed or normal`);
        o.distribution = value;
        break;
    }
  }
  return o;
}
