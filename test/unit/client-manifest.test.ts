import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMAND_IDS } from '../../client/src/command-ids';
import { connectionsFrom, DEFAULT_HOST, DIALECTS, SSL_MODES } from '../../client/src/settings';

const ROOT = join(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const contributes = pkg.contributes;
const props = contributes.configuration.properties;
const item = props['schemawise.connections'].items;

describe('client extension manifest (package.json)', () => {
  it('contributes exactly the commands the extension registers, all under the Schemawise category', () => {
    const ids = contributes.commands.map((c: { command: string }) => c.command);
    assert.deepEqual([...ids].sort(), [...COMMAND_IDS].sort());
    for (const c of contributes.commands) assert.equal(c.category, 'Schemawise', c.command);
  });

  it('references only contributed commands from menus and welcome links', () => {
    const menuRefs = Object.values(contributes.menus).flat().map((m) => (m as { command: string }).command);
    const linkRefs = contributes.viewsWelcome.flatMap((w: { contents: string }) => [...w.contents.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]));
    assert.ok(linkRefs.includes('schemawise.openSample') && linkRefs.includes('schemawise.addConnection'));
    for (const ref of [...menuRefs, ...linkRefs]) assert.ok((COMMAND_IDS as readonly string[]).includes(ref), ref);
  });

  it('declares the settings schema the coercion code reads (dialects, TLS modes, defaults)', () => {
    assert.deepEqual(item.properties.dialect.enum, [...DIALECTS]);
    assert.deepEqual(item.properties.ssl.properties.mode.enum, [...SSL_MODES]);
    const [c] = connectionsFrom([{ name: 'x', dialect: 'postgres' }]).value;
    assert.equal(item.properties.host.default, DEFAULT_HOST);
    assert.equal(item.properties.readOnly.default, c!.readOnly);
    assert.deepEqual(item.properties.ssl.default, c!.ssl);
    assert.deepEqual(props['schemawise.trace.server'].enum, ['off', 'messages', 'verbose']);
  });

  it('has no password setting, and flags any extra key such as a password in a connection', () => {
    assert.equal(JSON.stringify(contributes.configuration).includes('"password"'), false);
    assert.equal(item.additionalProperties, false);
  });

  it('offers snippets that read back as valid connections without warnings', () => {
    for (const s of item.defaultSnippets) {
      const body = JSON.parse(JSON.stringify(s.body).replace(/\$\d/g, 'x'));
      const { value, warnings } = connectionsFrom([body]);
      assert.deepEqual(warnings, [], s.label);
      assert.equal(value[0]!.readOnly, true);
    }
  });

  it('ignores workspace-defined connections and the other security-relevant settings in untrusted workspaces', () => {
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, [
      'schemawise.connections',
      'schemawise.activeConnection',
      'schemawise.audit.path',
      'schemawise.ai.baseUrl',
      'schemawise.safety.allowedFunctions',
    ]);
  });

  it('ships the view icons it names and packages a whitelist only', () => {
    for (const c of contributes.viewsContainers.activitybar) assert.ok(existsSync(join(ROOT, c.icon)), c.icon);
    const ignore = readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    assert.equal(ignore[0], '**');
    for (const keep of ['!dist/**', '!media/**', '!package.json', '!LICENSE', '!README.md', '!CHANGELOG.md']) assert.ok(ignore.includes(keep), keep);
  });
});
