// The results webview page (grid and plan view).
import { renderWebviewPage, type WebviewPageOptions } from '../shared/page';

export type ResultsHtmlOptions = WebviewPageOptions;

export function renderResultsHtml(o: ResultsHtmlOptions): string {
  return renderWebviewPage(o, {
    defaultTitle: 'Results',
    imgSources: 'data:',
    body: `<main id="results-app" class="rs-app" aria-label="Query results">
  <p class="rs-empty" role="status">Run a statement to see its results here.</p>
</main>`,
  });
}
