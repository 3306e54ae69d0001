// The Get Started walkthrough (contributes.walkthroughs): its steps in order, every command it links
// to or completes on is one VS Code will find, and every file it shows exists and is packaged (vsce's
// own file list, with .vscodeignore applied).
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { listFiles, PackageManager } from '@vscode/vsce';
import { COMMAND_IDS } from '../../client/src/command-ids';

const ROOT = path.join(__dirname, '../..');
const WALKTHROUGH_DIR = 'media/walkthrough';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: string; altText?: string; svg?: string };
  completionEvents?: string[];
}
interface Manifest {
  contributes: {
    commands: { command: string }[];
    views: Record<string, { id: string }[]>;
    viewsContainers: { activitybar: { id: string }[] };
    walkthroughs?: { id: string; title: string; description: string; steps: Step[] }[];
  };
}

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const contributedCommands = new Set(manifest.contributes.commands.map((c) => c.command));
const views = new Set(Object.values(manifest.contributes.views).flatMap((vs) => vs.map((v) => v.id)));
const containers = manifest.contributes.viewsContainers.activitybar.map((c) => c.id);

/** VS Code's own commands the walkthrough may link to. */
const BUILTIN_LINKS = new Set(['workbench.action.files.newUntitledFile', ...containers.map((id) => `workbench.view.extension.${id}`)]);
/**
 * VS Code's own commands a step may complete on: suggest and hover have no Schemawise command, and
 * `onContext:editorLangId == sql` never fires (editorLangId is scoped to an editor, and the walkthrough
 * service evaluates context keys globally).
 */
const BUILTIN_EVENTS = new Set(['editor.action.triggerSuggest', 'editor.action.showHover']);

/** `[label](command:id?args)` links of a step description. */
function commandLinks(description: string): { label: string; command: string; args?: string }[] {
  return [...description.matchAll(/\[([^\]]+)\]\(command:([\w.-]+)(?:\?([^)]*))?\)/g)].map((m) => ({ label: m[1]!, command: m[2]!, args: m[3] }));
}

/** Relative image paths of a markdown file (`![alt](path)`), with their alt text. */
function markdownImages(markdown: string): { alt: string; src: string }[] {
  return [...markdown.matchAll(/!\[([^\]]*)\]\(([^)\s]+)\)/g)].map((m) => ({ alt: m[1]!, src: m[2]! }));
}

describe('Get Started walkthrough (contributes.walkthroughs)', () => {
  const walkthrough = manifest.contributes.walkthroughs?.find((w) => w.id === 'getStarted');
  const steps = walkthrough?.steps ?? [];

  it('goes: open the sample → explore → complete and hover → ask → run → ERD', () => {
    assert.ok(walkthrough, 'a walkthrough with id getStarted');
    assert.equal(walkthrough.title, 'Get started with Schemawise');
    assert.deepEqual(
      steps.map((s) => s.id),
      ['openSample', 'exploreSchema', 'completeAndHover', 'askDatabase', 'runQuery', 'showErd'],
    );
    for (const s of steps) {
      assert.ok(s.title.trim() && s.description.trim(), `${s.id} has a title and a description`);
      // Each step but the one about the editor itself completes on a Schemawise command or view.
      if (s.id !== 'completeAndHover') assert.ok((s.completionEvents ?? []).some((e) => /^on(Command|View):schemawise\./.test(e)), `${s.id} completes on a Schemawise action`);
      assert.ok(commandLinks(s.description).length > 0, `${s.id} has at least one command link`);
      assert.ok((s.completionEvents ?? []).length > 0, `${s.id} completes on an event, not only when clicked`);
    }
  });

  it('links to and completes on commands that exist: contributed ones, or named VS Code built-ins', () => {
    for (const s of steps) {
      for (const link of commandLinks(s.description)) {
        assert.ok(contributedCommands.has(link.command) || BUILTIN_LINKS.has(link.command), `${s.id}: "${link.label}" links to unknown command ${link.command}`);
        if (link.args !== undefined) assert.doesNotThrow(() => JSON.parse(decodeURIComponent(link.args!)), `${s.id}: the arguments of ${link.command} are URI-encoded JSON`);
      }
      for (const e of s.completionEvents ?? []) {
        const [kind, ...rest] = e.split(':');
        const value = rest.join(':');
        if (kind === 'onCommand') assert.ok(contributedCommands.has(value) || BUILTIN_EVENTS.has(value), `${s.id}: completes on unknown command ${value}`);
        else if (kind === 'onView') assert.ok(views.has(value), `${s.id}: completes on unknown view ${value}`);
        else if (kind === 'onContext') assert.match(value, /\S/, `${s.id}: an onContext event needs a when clause`);
        else assert.fail(`${s.id}: unexpected completion event ${e}`);
      }
    }
    // The contributed commands are exactly the ones the extension registers (client-manifest.test.ts),
    // so a link to one of them always has a handler.
    for (const c of contributedCommands) assert.ok((COMMAND_IDS as readonly string[]).includes(c), c);
  });

  it(`shows a markdown page per step from ${WALKTHROUGH_DIR}/, whose images exist and have alt text`, () => {
    for (const s of steps) {
      const md = s.media.markdown;
      assert.ok(md, `${s.id} uses markdown media`);
      assert.equal(path.posix.dirname(md), WALKTHROUGH_DIR, `${s.id}: ${md}`);
      assert.ok(existsSync(path.join(ROOT, md)), `${md} exists`);
      const images = markdownImages(readFileSync(path.join(ROOT, md), 'utf8'));
      for (const img of images) {
        assert.ok(!/^[a-z]+:/i.test(img.src), `${md}: ${img.src} is a packaged file, not a remote one`);
        assert.ok(existsSync(path.join(ROOT, WALKTHROUGH_DIR, img.src)), `${md}: image ${img.src} exists`);
        assert.ok(img.alt.trim().length > 10, `${md}: image ${img.src} has alt text`);
      }
    }
  });

  it('ships every walkthrough file in the VSIX (vsce file list with the .vscodeignore whitelist)', async function () {
    this.timeout(20_000);
    const shipped = new Set(await listFiles({ cwd: ROOT, packageManager: PackageManager.None }));
    const needed = steps.flatMap((s) => {
      const md = s.media.markdown!;
      return [md, ...markdownImages(readFileSync(path.join(ROOT, md), 'utf8')).map((i) => path.posix.join(WALKTHROUGH_DIR, i.src))];
    });
    assert.ok(needed.length >= steps.length * 2, 'a page and a picture per step');
    for (const f of needed) assert.ok(shipped.has(f), `${f} is packaged`);
  });
});
