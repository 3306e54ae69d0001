// The page shell every Schemawise webview uses, as a string. Pure (no browser or Node globals): the
// extension host calls it with its webview's URIs, and tests call it too, so tests run under the CSP
// users get. CSP: nothing by default; only the nonce'd bundle runs; styles, fonts and images from the
// extension's resource origin; each page may add sources (e.g. blob: workers and images).

export interface WebviewPageOptions {
  /** URI of the page's bundle (webview.asWebviewUri of dist/webview/<page>.js). */
  scriptUri: string;
  /** URI of the page's stylesheet. */
  styleUri: string;
  /** webview.cspSource. */
  cspSource: string;
  /** A fresh random value per page load (at least 128 bits, base64 or hex). */
  nonce: string;
  title?: string;
}

export interface PageShell {
  defaultTitle: string;
  /** Extra CSP directives beyond the common ones, e.g. `worker-src blob:`. */
  extraCsp?: (cspSource: string) => string[];
  /** Extra image sources beyond cspSource, e.g. `data: blob:`. */
  imgSources: string;
  /** The markup inside <body>, before the script. */
  body: string;
}

export function renderWebviewPage(o: WebviewPageOptions, shell: PageShell): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(o.nonce)) throw new Error('webview page: the nonce must be ≥ 16 base64/hex characters');
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${o.nonce}'`,
    `style-src ${o.cspSource}`,
    `img-src ${o.cspSource} ${shell.imgSources}`,
    `font-src ${o.cspSource}`,
    ...(shell.extraCsp?.(o.cspSource) ?? []),
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${text(o.title ?? shell.defaultTitle)}</title>
<link rel="stylesheet" href="${attr(o.styleUri)}">
</head>
<body>
${shell.body}
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
