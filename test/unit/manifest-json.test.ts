// package.json is read by VS Code, npm and esbuild alike: a key written twice in one object (a merge
// slip) silently drops the first value, e.g. a context-menu entry. No object may repeat a key.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseTree, type Node } from 'jsonc-parser';

describe('package.json', () => {
  it('repeats no key inside any object', () => {
    const root = parseTree(readFileSync(resolve(__dirname, '../../package.json'), 'utf8'))!;
    const repeated: string[] = [];
    const walk = (n: Node, path: string) => {
      if (n.type === 'object') {
        const seen = new Set<string>();
        for (const p of n.children ?? []) {
          const key = String(p.children![0]!.value);
          if (seen.has(key)) repeated.push(`${path}.${key}`);
          seen.add(key);
          walk(p.children![1]!, `${path}.${key}`);
        }
      } else if (n.type === 'array') (n.children ?? []).forEach((c, i) => walk(c, `${path}[${i}]`));
    };
    walk(root, '$');
    assert.deepEqual(repeated, []);
  });
});
