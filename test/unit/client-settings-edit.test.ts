// Add Connection edits settings.json by inserting the new entry only (issue 20): comments, order,
// indentation and other settings are kept byte for byte.
import { strict as assert } from 'node:assert';
import { parse } from 'jsonc-parser';
import { appendConnectionText, detectFormatting } from '../../client/src/settings-edit';

const entry = { name: 'new', dialect: 'postgres', host: '127.0.0.1', port: 5432, readOnly: true };

describe('client: adding a connection to settings.json', () => {
  it('appends to an existing array and leaves the rest of the file as it was', () => {
    const before = [
      '// my settings',
      '{',
      '    "editor.tabSize": 4, // keep',
      '    "schemawise.connections": [',
      '        { "name": "local", "dialect": "postgres", "host": "127.0.0.1", "port": 5432 }',
      '    ],',
      '    "files.exclude": { "**/.git": true },',
      '}',
      '',
    ].join('\n');
    const after = appendConnectionText(before, entry);
    assert.ok(after.startsWith('// my settings\n{\n    "editor.tabSize": 4, // keep\n    "schemawise.connections": [\n        { "name": "local", "dialect": "postgres", "host": "127.0.0.1", "port": 5432 }'), after);
    assert.ok(after.endsWith('    ],\n    "files.exclude": { "**/.git": true },\n}\n'), after);
    const parsed = parse(after, [], { allowTrailingComma: true }) as Record<string, unknown[]>;
    assert.deepEqual(parsed['schemawise.connections']!.map((c) => (c as { name: string }).name), ['local', 'new']);
    assert.match(after, /\n {8}\{\n {12}"name": "new",/, 'the new entry uses the file\'s 4-space indentation');
  });

  it('creates the key in a file without it, and a file that is empty', () => {
    const after = appendConnectionText('{\n\t"editor.fontSize": 14\n}\n', entry);
    assert.ok(after.startsWith('{\n\t"editor.fontSize": 14,\n\t"schemawise.connections": ['), after);
    assert.deepEqual((parse(appendConnectionText('', entry)) as Record<string, unknown[]>)['schemawise.connections'], [entry]);
  });

  it('refuses a broken file rather than guessing', () => {
    assert.throws(() => appendConnectionText('{ "a": ', entry), /not valid JSON/);
  });

  it('detects tabs, spaces and CRLF', () => {
    assert.deepEqual(detectFormatting('{\r\n  "a": 1\r\n}'), { insertSpaces: true, tabSize: 2, eol: '\r\n' });
    assert.deepEqual(detectFormatting('{\n\t"a": 1\n}'), { insertSpaces: false, tabSize: 4, eol: '\n' });
  });
});
