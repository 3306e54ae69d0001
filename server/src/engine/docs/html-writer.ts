// Pages → one self-contained static HTML site (index.html): every page is a section shown by its
// #hash, a search box filters the page list, and — when the caller passes the ERD webview bundle —
// the interactive ERD of the extension is embedded and driven through the same messages as in VS
// Code (a small host shim answers its `ready` with `load`). No CDN, no external file.
import type { SchemaModel } from '../schema/model';
import { escapeHtml } from './escape';
import type { Block, Inline, Page } from './page';

export interface ErdBundle {
  js: string;
  css: string;
}

export function pagesToHtmlSite(pages: readonly Page[], model: SchemaModel, erd?: ErdBundle): string {
  const nav = pages
    .map((p) => `<li data-search="${escapeHtml((p.title + ' ' + p.path).toLowerCase())}"><a href="#${escapeHtml(p.path)}">${escapeHtml(p.title)}</a></li>`)
    .join('\n');
  const sections = pages.map((p) => `<section id="${escapeHtml(p.path)}" class="page"${p.path === 'index' ? '' : ' hidden'}>\n${p.blocks.map((b) => block(b, p.path)).join('\n')}\n</section>`).join('\n');
  const erdSection = erd
    ? `<section id="erd" class="page" hidden><h1>Interactive ERD</h1><p><a href="#index">← Index</a></p><div id="erd-app" class="erd-app" role="application" aria-label="Entity-relationship diagram"><p class="erd-status" id="erd-status" role="status">Loading…</p></div></section>`
    : '';
  const title = `Database ${model.database}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="generator" content="Schemawise">
<title>${escapeHtml(title)}</title>
<style>${SITE_CSS}</style>
${erd ? `<style>${erd.css.replace(/<\/style/gi, '<\\/style')}</style>` : ''}
</head>
<body>
<nav>
<p class="brand"><a href="#index">${escapeHtml(title)}</a></p>
${erd ? '<p><a href="#erd">Interactive ERD</a></p>' : ''}
<input id="search" type="search" placeholder="Search tables, pages…" aria-label="Search">
<ul id="pages">
${nav}
</ul>
</nav>
<main>
${sections}
${erdSection}
</main>
<script>${SITE_JS}</script>
${erd ? `<script type="application/json" id="schema-data">${jsonForScript(model)}</script>\n<script>${ERD_SHIM}</script>\n<script>${erd.js.replace(/<\/script/gi, '<\\/script')}</script>` : ''}
</body>
</html>
`;
}

function jsonForScript(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

function block(b: Block, page: string): string {
  switch (b.b) {
    case 'h':
      return `<h${b.level}${b.id ? ` id="${escapeHtml(`${page}--${b.id}`)}"` : ''}>${inlines(b.content)}</h${b.level}>`;
    case 'p':
      return `<p>${inlines(b.content)}</p>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${inlines(i)}</li>`).join('')}</ul>`;
    case 'code':
      return `<pre><code class="language-${escapeHtml(b.lang)}">${escapeHtml(b.text)}</code></pre>`;
    case 'erd':
      return `<div class="erd-block"><button type="button" class="open-erd" data-tables="${escapeHtml(b.tables.join('\n'))}">Open in the interactive ERD</button><details><summary>Mermaid source</summary><pre><code class="language-mermaid">${escapeHtml(b.mermaid)}</code></pre></details></div>`;
    case 'table':
      return `<table><thead><tr>${b.head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${b.rows
        .map((r) => `<tr>${r.map((c) => `<td>${inlines(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;
  }
}

function inlines(list: Inline[]): string {
  return list.map(inline).join('');
}

function inline(i: Inline): string {
  const t = escapeHtml(i.s).replace(/\r?\n/g, '<br>');
  switch (i.t) {
    case 'text':
      return t;
    case 'code':
      return i.s ? `<code>${t}</code>` : '';
    case 'strong':
      return `<strong>${t}</strong>`;
    case 'em':
      return `<em>${t}</em>`;
    case 'link':
      return `<a href="#${escapeHtml(i.page)}"${i.anchor ? ` data-anchor="${escapeHtml(`${i.page}--${i.anchor}`)}"` : ''}>${i.code ? `<code>${t}</code>` : t}</a>`;
  }
}

const SITE_CSS = `
:root{--vscode-font-family:system-ui,sans-serif;--vscode-font-size:13px;--vscode-editor-background:#fff;--vscode-editor-foreground:#1f2328;--vscode-foreground:#1f2328;--vscode-focusBorder:#0969da;--vscode-panel-border:#d0d7de;--vscode-button-background:#0969da;--vscode-button-foreground:#fff;--vscode-input-background:#fff;--vscode-input-foreground:#1f2328;--vscode-input-border:#d0d7de;--vscode-editorWidget-background:#f6f8fa;--vscode-descriptionForeground:#57606a;--vscode-textLink-foreground:#0969da}
body{margin:0;display:flex;font:14px/1.5 system-ui,sans-serif;color:#1f2328}
nav{width:280px;flex:none;height:100vh;overflow:auto;position:sticky;top:0;border-right:1px solid #d0d7de;padding:12px;box-sizing:border-box;background:#f6f8fa}
nav ul{list-style:none;padding:0;margin:8px 0;font-size:13px}nav li{margin:2px 0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
#search{width:100%;box-sizing:border-box;padding:4px 6px}
main{flex:1;min-width:0;padding:16px 32px}
table{border-collapse:collapse;margin:8px 0;font-size:13px}th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f6f8fa}
code{font-family:ui-monospace,monospace;font-size:12px;background:#f6f8fa;padding:1px 3px;border-radius:3px}
pre{background:#f6f8fa;padding:8px;overflow:auto}
a{color:#0969da;text-decoration:none}a:hover{text-decoration:underline}
#erd .erd-app{height:75vh;border:1px solid #d0d7de;position:relative}
.brand{font-weight:600}
`;

const SITE_JS = `
(function(){
  function show(){
    var id=decodeURIComponent(location.hash.slice(1))||'index';
    var target=document.getElementById(id);
    if(!target||!target.classList.contains('page')){target=document.getElementById('index');}
    document.querySelectorAll('section.page').forEach(function(s){s.hidden=s!==target;});
    var a=window.__anchor&&document.getElementById(window.__anchor);window.__anchor=null;
    if(a)a.scrollIntoView();else window.scrollTo(0,0);
    if(target&&target.id==='erd'&&window.__erdShow)window.__erdShow();
  }
  window.addEventListener('hashchange',show);show();
  var search=document.getElementById('search');
  search.addEventListener('input',function(){
    var q=search.value.trim().toLowerCase();
    document.querySelectorAll('#pages li').forEach(function(li){li.hidden=q!==''&&li.getAttribute('data-search').indexOf(q)<0;});
  });
  document.addEventListener('click',function(e){
    var l=e.target.closest&&e.target.closest('a[data-anchor]');
    if(l){window.__anchor=l.getAttribute('data-anchor');if(l.getAttribute('href')===location.hash){e.preventDefault();show();}return;}
    var b=e.target.closest&&e.target.closest('button.open-erd');
    if(!b)return;
    var tables=b.getAttribute('data-tables').split('\\n');
    window.__erdFocus=tables.length===1?{kind:'neighbourhood',table:tables[0],hops:1}:{kind:'all'};
    location.hash='erd';
  });
})();
`;

/** Stands in for VS Code's webview API: answers `ready` with the schema, and focuses on demand. */
const ERD_SHIM = `
(function(){
  var schema=JSON.parse(document.getElementById('schema-data').textContent);
  var requestId=0, ready=false;
  function post(m){window.postMessage(m,'*');}
  window.__erdShow=function(){
    if(!ready)return;
    var focus=window.__erdFocus||{kind:'all'};window.__erdFocus=null;
    post({type:'focus',requestId:++requestId,focus:focus});
  };
  window.acquireVsCodeApi=function(){return{postMessage:function(m){
    if(m&&m.type==='ready'){ready=true;post({type:'load',requestId:++requestId,connection:schema.database,schema:schema,focus:window.__erdFocus||{kind:'all'}});window.__erdFocus=null;}
    else if(m&&(m.type==='savePositions'||m.type==='export'))post({type:'saved',requestId:m.requestId,ok:false,error:'not available in the static site'});
  }};};
})();
`;
