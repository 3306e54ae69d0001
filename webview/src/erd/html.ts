// The ERD webview page. ELK's layout worker is created from a blob: URL (the bundle embeds its
// source) because VS Code webviews cannot start workers from resource URLs; PNG export needs data:
// and blob: images.
import { renderWebviewPage, type WebviewPageOptions } from '../shared/page';

export type ErdHtmlOptions = WebviewPageOptions;

export function renderErdHtml(o: ErdHtmlOptions): string {
  return renderWebviewPage(o, {
    defaultTitle: 'ERD',
    imgSources: 'data: blob:',
    extraCsp: () => ['worker-src blob:'],
    body: `<div id="erd-app" class="erd-app" role="application" aria-label="Entity-relationship diagram">
  <p class="erd-status" id="erd-status" role="status">Waiting for the schema…</p>
</div>`,
  });
}
