// Drives the VS Code workbench in the browser the way a person does: command palette, quick picks,
// input boxes, the editor's suggest widget and hover, tree views. Every step waits on a selector
// (never a sleep), so the suite is as fast as the workbench and fails with a clear "waiting for …".
import type { Locator, Page } from 'playwright-core';

/** Bound for one step (a selector to appear, a row to show up). */
export const STEP_MS = 30_000;

export class Workbench {
  constructor(readonly page: Page) {}

  /** Waits for the workbench and the workspace's file explorer to be up. */
  async ready(): Promise<void> {
    await this.page.waitForSelector('.monaco-workbench .part.activitybar', { timeout: 90_000 });
    await this.page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: STEP_MS });
  }

  get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** Runs a command from the palette by its title ("Schemawise: Connect…"). */
  async runCommand(title: string): Promise<void> {
    await this.openQuickInput('F1');
    await this.quickInput.locator('input').fill(`>${title}`);
    await this.pickRow(title);
  }

  private async openQuickInput(key: string): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press(key);
    await this.quickInput.locator('input').waitFor({ state: 'visible', timeout: STEP_MS });
  }

  /** Picks the quick-pick row whose label is `label` (exactly, ignoring codicons and description). */
  async pickRow(label: string): Promise<void> {
    const row = this.quickInput.locator('.monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: exactly(label) }) });
    await row.first().waitFor({ state: 'visible', timeout: STEP_MS });
    await row.first().click();
  }

  /** Labels of the rows of the open quick pick. */
  async quickPickLabels(): Promise<string[]> {
    await this.quickInput.locator('.monaco-list-row').first().waitFor({ state: 'visible', timeout: STEP_MS });
    return (await this.quickInput.locator('.monaco-list-row .label-name').allInnerTexts()).map((s) => s.trim());
  }

  /** Answers an input box (whose title contains `title`) with `text`; `beforeEnter` runs once it is typed. */
  async answerInputBox(title: string | RegExp, text: string, beforeEnter?: () => Promise<void>): Promise<void> {
    await this.quickInput.locator('.quick-input-title', { hasText: title }).waitFor({ state: 'visible', timeout: STEP_MS });
    await this.quickInput.locator('input').fill(text);
    await beforeEnter?.();
    await this.page.keyboard.press('Enter');
    await this.quickInput.waitFor({ state: 'hidden', timeout: STEP_MS });
  }

  /** Opens a workspace file with Quick Open, cursor at 1-based line:column. */
  async openFileAt(file: string, line: number, column: number): Promise<void> {
    await this.openQuickInput('Control+P');
    await this.quickInput.locator('input').fill(`${file}:${line}:${column}`);
    const row = this.quickInput.locator('.monaco-list-row', { hasText: file });
    await row.first().waitFor({ state: 'visible', timeout: STEP_MS });
    await this.page.keyboard.press('Enter');
    await this.page.locator(`.tab.active[data-resource-name="${file}"]`).waitFor({ timeout: STEP_MS });
    await this.editor.locator('.cursor').first().waitFor({ state: 'attached', timeout: STEP_MS });
    await this.waitForCursor(line, column);
  }

  get editor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /** Waits until the status bar shows the cursor at line:column ("Ln 1, Col 10"). */
  async waitForCursor(line: number, column: number): Promise<void> {
    await this.page
      .locator('.statusbar-item', { hasText: new RegExp(`^Ln ${line}, Col ${column}\\b`) })
      .first()
      .waitFor({ timeout: STEP_MS });
  }

  /** Triggers suggestions at the cursor and returns the labels shown once `expected` is among them. */
  async suggestions(expected: string): Promise<string[]> {
    await this.page.keyboard.press('Control+Space');
    const widget = this.page.locator('.editor-widget.suggest-widget');
    await widget.locator('.monaco-list-row .label-name', { hasText: exactly(expected) }).first().waitFor({ state: 'visible', timeout: STEP_MS });
    return (await widget.locator('.monaco-list-row .label-name').allInnerTexts()).map((s) => s.trim());
  }

  /** Shows the hover at the cursor (Show or Focus Hover) and returns its text once it contains `expected`. */
  async hoverText(expected: string | RegExp): Promise<string> {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Control+K');
    await this.page.keyboard.press('Control+I');
    const hover = this.page.locator('.monaco-hover .hover-contents', { hasText: expected }).first();
    await hover.waitFor({ state: 'visible', timeout: STEP_MS });
    // Past the fade-in, so a screenshot shows the hover as a person sees it.
    await this.page.waitForFunction((el) => !!el && getComputedStyle(el.closest('.monaco-hover') ?? el).opacity === '1', await hover.elementHandle(), { timeout: STEP_MS });
    return hover.innerText();
  }

  /**
   * The TextMate scopes at the cursor, from "Developer: Inspect Editor Tokens and Scopes" (the
   * widget VS Code shows for grammar debugging), once they include `expected`.
   */
  async scopesAtCursor(expected: string): Promise<string> {
    await this.runCommand('Developer: Inspect Editor Tokens and Scopes');
    const widget = this.page.locator('.token-inspect-widget', { hasText: expected }).first();
    await widget.waitFor({ state: 'visible', timeout: STEP_MS });
    return widget.innerText();
  }

  /** The text of the active editor's visible lines (Monaco renders spaces as U+00A0), once it matches `expected`. */
  async editorText(expected: RegExp): Promise<string> {
    const lines = this.editor.locator('.view-lines');
    await lines.filter({ hasText: expected }).waitFor({ timeout: STEP_MS });
    return (await this.page.evaluate(viewLinesAre, [(await lines.elementHandle())!, undefined] as const)) as string;
  }

  /**
   * The inlay hints the active editor shows, in document order, once at least `count` are rendered:
   * their text, 1-based line and the 1-based column of the character they sit before. VS Code 1.100
   * renders an inlay hint as injected text: a span with a generated `dyn-rule-*` class inside the
   * `.view-line`, whose CSS rule colours it with the `--vscode-editorInlayHint-*` variables (padding
   * is a separate, empty `dyn-rule-*` span). Lines are numbered from the gutter beside them.
   */
  async inlayHints(count: number): Promise<InlayHintShown[]> {
    const editor = await this.editor.elementHandle();
    const handle = await this.page.waitForFunction(
      ({ el, n }) => {
        const hintClasses = new Set<string>();
        for (const sheet of [...document.styleSheets]) {
          let rules: CSSRule[];
          try {
            rules = [...sheet.cssRules];
          } catch {
            continue; // another origin's sheet
          }
          for (const r of rules) {
            const m = r instanceof CSSStyleRule ? /^\.(dyn-rule-[\w-]+)$/.exec(r.selectorText) : null;
            if (m && r.cssText.includes('--vscode-editorInlayHint')) hintClasses.add(m[1]!);
          }
        }
        const lineAt = new Map<number, number>();
        for (const n of el!.querySelectorAll<HTMLElement>('.margin-view-overlays .line-numbers')) {
          const row = n.closest<HTMLElement>('.margin-view-overlays > div');
          if (row) lineAt.set(parseFloat(row.style.top), Number(n.textContent));
        }
        const hints: { line: number; column: number; text: string }[] = [];
        for (const viewLine of el!.querySelectorAll<HTMLElement>('.view-lines .view-line')) {
          const line = lineAt.get(parseFloat(viewLine.style.top));
          if (line === undefined) continue;
          let column = 1;
          for (const span of viewLine.querySelectorAll<HTMLElement>(':scope > span > span')) {
            const classes = [...span.classList];
            if (classes.some((c) => hintClasses.has(c))) hints.push({ line, column, text: span.textContent ?? '' });
            else if (!classes.some((c) => c.startsWith('dyn-rule-'))) column += (span.textContent ?? '').length;
          }
        }
        hints.sort((a, b) => a.line - b.line || a.column - b.column);
        return hints.length >= n ? hints : false;
      },
      { el: editor, n: count },
      { timeout: STEP_MS },
    );
    return (await handle.jsonValue()) as InlayHintShown[];
  }

  /**
   * Waits until the active editor's visible text (as editorText reads it) is exactly `expected`, and
   * returns it; after STEP_MS it returns what is shown instead, for the caller's assertion to diff.
   */
  async editorTextEquals(expected: string): Promise<string> {
    const lines = this.editor.locator('.view-lines');
    await lines.waitFor({ timeout: STEP_MS });
    const el = await lines.elementHandle();
    await this.page.waitForFunction(viewLinesAre, [el!, expected] as const, { timeout: STEP_MS }).catch(() => undefined);
    return (await this.page.evaluate(viewLinesAre, [el!, undefined] as const)) as string;
  }

  /**
   * Picks the action titled `title` from the code action menu (Source Action…, Refactor…, the light
   * bulb) with the keyboard, as the menu expects (an overlay takes the pointer while it opens).
   */
  async pickAction(title: string): Promise<void> {
    const widget = this.page.locator('.action-widget');
    await widget.getByText(title, { exact: true }).first().waitFor({ state: 'visible', timeout: STEP_MS });
    const rows = await widget.locator('.monaco-list-row').count();
    for (let n = 0; n <= rows; n++) {
      const focused = (await widget.locator('.monaco-list-row.focused').first().textContent().catch(() => '')) ?? '';
      if (focused.includes(title)) {
        await this.page.keyboard.press('Enter');
        await widget.waitFor({ state: 'hidden', timeout: STEP_MS });
        return;
      }
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`the action "${title}" could not be focused in the menu`);
  }

  /** Clicks the `index`-th code lens titled `title` ("▶ Run") of the active editor, once lenses are shown. */
  async clickCodeLens(title: string, index = 0): Promise<void> {
    const lens = this.editor.locator('.codelens-decoration a', { hasText: title }).nth(index);
    try {
      await lens.waitFor({ state: 'visible', timeout: STEP_MS });
    } catch (e) {
      // What the workbench showed instead, so that a failure in CI can be told apart: no lens at all
      // (none requested or an empty answer), lenses in another editor, or another tab in front.
      const texts = async (selector: string) => (await this.page.locator(selector).allInnerTexts()).map((t) => t.trim()).slice(0, 8);
      const seen = {
        activeTabs: await texts('.tab.active'),
        lensesInActiveEditor: await this.editor.locator('.codelens-decoration').count(),
        lensesOnPage: await texts('.codelens-decoration'),
        editorsOnPage: await this.page.locator('.monaco-editor').count(),
        firstLines: (await this.editor.locator('.view-line').allInnerTexts()).slice(0, 3),
      };
      throw new Error(`${(e as Error).message.split('\n')[0]}\nworkbench: ${JSON.stringify(seen)}`, { cause: e });
    }
    await lens.click();
  }

  /** The toast whose message contains `text`, once it is shown; returns its message. */
  async notification(text: string | RegExp): Promise<string> {
    const toast = this.page.locator('.notification-toast', { hasText: text }).first();
    await toast.waitFor({ state: 'visible', timeout: STEP_MS });
    return (await toast.locator('.notification-list-item-message').first().innerText()).trim();
  }

  /** Closes every notification toast (so later steps and screenshots start clean). */
  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
    await this.page.locator('.notification-toast').first().waitFor({ state: 'hidden', timeout: STEP_MS });
  }

  /** Opens a view container from the activity bar by its title ("Schemawise"). */
  async openViewContainer(title: string): Promise<void> {
    const item = this.page.locator(`.part.activitybar .action-label[aria-label^="${title}"]`);
    await item.waitFor({ state: 'visible', timeout: STEP_MS });
    const checked = await item.locator('xpath=..').getAttribute('aria-checked').catch(() => null);
    if (checked !== 'true') await item.click();
    await this.page.locator('.part.sidebar .composite.title', { hasText: new RegExp(title, 'i') }).waitFor({ timeout: STEP_MS });
  }

  /** Opens the Problems panel; returns the text of the first problem row containing `text`, once shown. */
  async problem(text: string): Promise<string> {
    await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    const row = this.page.locator('.markers-panel .monaco-list-row', { hasText: text }).first();
    await row.waitFor({ state: 'visible', timeout: STEP_MS });
    return (await row.innerText()).replace(/\s+/g, ' ');
  }

  /** Closes the bottom panel (Problems, Output…). */
  async closePanel(): Promise<void> {
    await this.runCommand('View: Hide Panel');
  }

  get sidebar(): Locator {
    return this.page.locator('.part.sidebar');
  }

  /** A row of a tree in the side bar, by its exact label. */
  treeRow(label: string): Locator {
    return this.sidebar.locator('.monaco-list-row[role="treeitem"]').filter({ has: this.page.locator('.label-name', { hasText: exactly(label) }) });
  }

  /** Expands a collapsed tree row (clicking it toggles it) and waits for it to say so. */
  async expand(label: string): Promise<void> {
    const row = this.treeRow(label).first();
    await row.waitFor({ state: 'visible', timeout: STEP_MS });
    if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
    await this.page.waitForFunction((el) => el?.getAttribute('aria-expanded') === 'true', await row.elementHandle(), { timeout: STEP_MS });
  }

  /** Labels of the visible rows one level below the row `parent`. */
  async childLabels(parent: string): Promise<string[]> {
    const row = this.treeRow(parent).first();
    const level = Number(await row.getAttribute('aria-level'));
    const rows = this.sidebar.locator(`.monaco-list-row[role="treeitem"][aria-level="${level + 1}"] .label-name`);
    await rows.first().waitFor({ state: 'visible', timeout: STEP_MS });
    return (await rows.allInnerTexts()).map((s) => s.trim());
  }
}

/**
 * Runs in the page: the text of a `.view-lines` element, or whether it is `want`. Rendered lines sit
 * in DOM order by recycling, not by line number, so they are sorted by their offset; Monaco renders
 * spaces as U+00A0.
 */
function viewLinesAre([el, want]: readonly [Element, string | undefined]): string | boolean {
  // Injected text (inlay hints and their padding: spans with a generated `dyn-rule-*` class) is not
  // the document's. (No named inner functions: the bundler would wrap them in a helper the page lacks.)
  const lines = [...el.querySelectorAll<HTMLElement>('.view-line')].sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
  const texts: string[] = [];
  for (const l of lines) {
    let t = '';
    for (const span of l.querySelectorAll<HTMLElement>(':scope > span > span')) if (![...span.classList].some((c) => c.startsWith('dyn-rule-'))) t += span.textContent ?? '';
    texts.push(t);
  }
  const text = texts.join('\n').replace(/\u00a0/g, ' ');
  return want === undefined ? text : text === want;
}

export interface InlayHintShown {
  line: number;
  /** 1-based column of the character the hint is shown before. */
  column: number;
  text: string;
}

/** A regular expression matching exactly `text` (codicons render as leading/trailing blanks). */
export function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}
