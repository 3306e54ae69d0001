// esbuild inlines elkjs's worker script as text (import attribute `type: 'text'`) so the webview
// can start it from a blob: URL.
declare module 'elkjs/lib/elk-worker.min.js' {
  const source: string;
  export default source;
}
