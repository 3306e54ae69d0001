// The results webview page as a string. Pure (no browser or Node globals): the extension host calls
// it with its webview's URIs and tests call it too, so tests run under the CSP users get: nothing by
// default, only the nonce'd bundle runs, styles and fonts from the extension's resource origin.

export interface ResultsHtmlOptions {
  /** URI of dist/webview/results.js as the webview sees it (webview.asWebviewUri). */
  scriptUri: string;
  /** URI of dist/webview/results.css. */
  styleUri: string;
  /** webview.cspSource. */
  cspSource: string;
  /** A fresh random value per page load (at least 128 bits, base64 or hex). */
  nonce: string;
  title?: string;
}

export function renderResultsHtml(o: ResultsHtmlOptions): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(o.nonce)) throw new Error('renderResultsHtml: nonce must be ≥ 16 base64/hex characters');
  const csp = ["default-src 'none'", `script-src 'nonce-${o.nonce}'`, `style-src ${o.cspSource}`, `font-src ${o.cspSource}`, `img-src ${o.cspSource} data:`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${text(o.title ?? 'Results')}</title>
<link rel="stylesheet" href="${attr(o.styleUri)}">
</head>
<body>
<main id="results-app" class="rs-app" aria-label="Query results">
  <p class="rs-empty" role="status">Run a statement to see its results here.</p>
</main>
<script nonce="${attr(o.nonce)}" src="${attr(o.scriptUri)}"></script>
</body>
</html>
`;
}

function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function text(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
