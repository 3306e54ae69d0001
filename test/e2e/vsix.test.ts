// What `vsce package` puts in the VSIX: the .vscodeignore whitelist (bundles, runtime data files,
// media, grammars, manifest, readme, changelog, license) and nothing else, within a size budget,
// with the Marketplace metadata the manifest must carry.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildVsix, ROOT, type Vsix } from '../helpers/code-server';
import { zipEntries, type ZipEntry } from '../helpers/zip-entries';

/** Everything a VSIX may contain, as paths inside it. */
const ALLOWED = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/package\.json$/,
  /^extension\/(readme|changelog)\.md$/,
  /^extension\/LICENSE(\.txt)?$/,
  /^extension\/media\/[^/]+\.(svg|png)$/,
  /^extension\/media\/walkthrough\/[^/]+\.(md|svg|png)$/,
  /^extension\/syntaxes\/[^/]+\.json$/,
  /^extension\/dist\/(client|server|webview)\/[^/]+\.(js|css|wasm|data)$/,
  // Packages the server and CLI require on first use (esbuild-vendor.mjs).
  /^extension\/dist\/server\/vendor\/[^/]+\.js$/,
];
/** Files the extension reads at run time, next to the server bundle. */
const RUNTIME_FILES = ['extension/dist/client/extension.js', 'extension/dist/server/server.js', 'extension/dist/server/server-main.js', 'extension/dist/server/pglite.wasm', 'extension/dist/server/pglite.data', 'extension/dist/server/initdb.wasm', 'extension/dist/server/vendor/typescript.js', 'extension/dist/server/vendor/node-sql-parser.js', 'extension/dist/server/vendor/mssql.js'];
const SIZE_BUDGET = 15 * 1024 * 1024;

describe('VSIX package', function () {
  this.timeout(180_000);
  let vsix: Vsix;
  let entries: ZipEntry[];

  before(async () => {
    vsix = await buildVsix();
    entries = zipEntries(vsix.path);
  });

  it(`ships only whitelisted files, within ${SIZE_BUDGET / 1024 / 1024} MB`, () => {
    const unexpected = entries.map((e) => e.name).filter((n) => !ALLOWED.some((re) => re.test(n)));
    assert.deepEqual(unexpected, [], 'no sources, source maps, node_modules or tests');
    assert.ok(vsix.bytes < SIZE_BUDGET, `VSIX is ${vsix.bytes} bytes`);
    const unpacked = entries.reduce((s, e) => s + e.size, 0);
    console.log(`      VSIX ${(vsix.bytes / 1048576).toFixed(2)} MB (${(unpacked / 1048576).toFixed(1)} MB unpacked, ${entries.length} files)`);
  });

  it('ships the bundles and the data files the server loads next to itself, and the grammar', () => {
    const names = new Set(entries.map((e) => e.name));
    for (const f of [...RUNTIME_FILES, 'extension/syntaxes/sql-in-template.json']) assert.ok(names.has(f), f);
  });

  it('names every file the manifest points at (main, grammars, view icons, walkthrough pages)', () => {
    const names = new Set(entries.map((e) => e.name));
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      main: string;
      icon?: string;
      contributes: {
        grammars?: { path: string }[];
        viewsContainers?: { activitybar?: { icon: string }[] };
        walkthroughs?: { steps: { media: Record<string, string | undefined> }[] }[];
      };
    };
    const referenced = [
      manifest.main,
      manifest.icon,
      ...(manifest.contributes.grammars ?? []).map((g) => g.path),
      ...(manifest.contributes.viewsContainers?.activitybar ?? []).map((v) => v.icon),
      ...(manifest.contributes.walkthroughs ?? []).flatMap((w) => w.steps.flatMap((st) => [st.media.markdown, st.media.image, st.media.svg])),
    ].filter((f): f is string => !!f);
    for (const f of referenced) assert.ok(names.has(`extension/${path.posix.normalize(f)}`), `${f} is in the VSIX`);
  });

  it('carries the Marketplace metadata: publisher, license, repository, categories, keywords', () => {
    const m = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(m.publisher, 'schemawise');
    assert.equal(m.license, 'MIT');
    assert.match((m.repository as { url: string }).url, /^https:\/\//);
    assert.ok((m.categories as string[]).includes('Programming Languages'));
    assert.ok((m.keywords as string[]).length >= 5 && (m.keywords as string[]).length <= 30, 'the Marketplace accepts up to 30 keywords');
  });
});
