// Page → GitHub/GitLab-flavoured Markdown. Every database text goes through the escapers; links are
// relative between pages so the docs work in a repository browser and offline.
import { mdCode, mdFence, mdText } from './escape';
import type { Block, Inline, Page } from './page';
import { relativeLink } from './paths';

export function pageToMarkdown(page: Page): string {
  const out: string[] = [];
  for (const b of page.blocks) out.push(block(b, page.path));
  return out.join('\n\n') + '\n';
}

function block(b: Block, from: string): string {
  switch (b.b) {
    case 'h':
      return `${'#'.repeat(b.level)} ${inlines(b.content, from)}`;
    case 'p':
      return inlines(b.content, from);
    case 'list':
      return b.items.map((i) => `- ${inlines(i, from)}`).join('\n');
    case 'code':
      return mdFence(b.text, b.lang);
    case 'erd':
      return mdFence(b.mermaid, 'mermaid');
    case 'table': {
      const head = `| ${b.head.map(mdText).join(' | ')} |`;
      const rule = `| ${b.head.map(() => '---').join(' | ')} |`;
      const rows = b.rows.map((r) => `| ${r.map((c) => inlines(c, from) || ' ').join(' | ')} |`);
      return [head, rule, ...rows].join('\n');
    }
  }
}

export function inlines(list: Inline[], from: string): string {
  return list.map((i) => inline(i, from)).join('');
}

function inline(i: Inline, from: string): string {
  switch (i.t) {
    case 'text':
      return mdText(i.s);
    case 'code':
      return mdCode(i.s);
    case 'strong':
      return i.s ? `**${mdText(i.s)}**` : '';
    case 'em':
      return i.s ? `_${mdText(i.s)}_` : '';
    case 'link': {
      const target = (i.page === from ? '' : relativeLink(from, i.page + '.md')) + (i.anchor ? `#${i.anchor}` : '');
      const label = i.code ? mdCode(i.s) : mdText(i.s);
      return `[${label}](${encodeURI(target).replace(/[()]/g, (c) => encodeURIComponent(c))})`;
    }
  }
}
