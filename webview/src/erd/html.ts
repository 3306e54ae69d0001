// The ERD webview page as a string. Pure (no browser or Node globals): the extension host calls it
// with its webview's URIs; tests call it too, so the CSP they run under is the one users get.
//
// CSP: nothing by default; only the nonce'd bundle runs; styles and images from the extension's
// resource origin (plus data:/blob: images for PNG export); ELK's layout worker is created from a
// blob: URL (the bundle embeds its source) because VS Code webviews cannot start workers from
// resource URLs.

export interface ErdHtmlOptions {
  /** URI of dist/webview/erd.js as the webview sees it (webview.asWebviewUri). */
  scriptUri: string;
  /** URI of dist/webview/erd.css. */
  styleUri: string;
  /** webview.cspSource. */
  cspSource: string;
  /** A fresh random value per page load (at least 128 bits, base64 or hex). */
  nonce: string;
  /** Page title, e.g. "ERD: chinook". */
  title?: string;
}

export function renderErdHtml(o: ErdHtmlOptions): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(o.nonce)) throw new Error('renderErdHtml: nonce must be ≥ 16 base64/hex characters');
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${o.nonce}'`,
    `style-src ${o.cspSource}`,
    `img-src ${o.cspSource} data: blob:`,
    `font-src ${o.cspSource}`,
    'worker-src blob:',
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${text(o.title ?? 'ERD')}</title>
<link rel="stylesheet" href="${attr(o.styleUri)}">
</head>
<body>
<div id="erd-app" class="erd-app" role="application" aria-label="Entity-relationship diagram">
  <p class="erd-status" id="erd-status" role="status">Waiting for the schema…</p>
</div>
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
