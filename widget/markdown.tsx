// Tip bodies: a small markdown subset (paragraphs, **bold**, *italic*, lists, [links](…), `code`) turned into Preact
// nodes. Never HTML: every character of the source ends up in a text node, so `<script>` or `&lt;` show as typed.
import { h, type ComponentChildren } from 'preact';
import { safeHref } from './links';

/** The edge caps a tip body at 4000 characters; anything longer is cut, whatever sent it. */
export const MAX_MARKDOWN_CHARS = 4000;
/** Elements and text nodes one body may produce: a tip is a few sentences, so a few hundred is generous. */
export const MAX_MARKDOWN_NODES = 400;
/** Emphasis and links nest at most this deep: bounds recursion on `**_*…*_**` chains. */
const MAX_DEPTH = 4;

const LIST_ITEM = /^ {0,3}([-*+]|\d{1,9}[.)])\s+(.*)/;
const ESCAPABLE = /[\\`*_[\]()#+\-.!]/;

/** Inline markup of one block; spends one unit of `budget` per element or text node. */
function inline(s: string, depth: number, budget: { left: number }): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  let text = '';
  const push = (node: ComponentChildren) => {
    if (text && budget.left-- > 0) out.push(text);
    text = '';
    if (node && budget.left-- > 0) out.push(node);
  };
  for (let i = 0; i < s.length && budget.left > 0; ) {
    const c = s[i]!;
    let end = -1;
    if (c == '\\' && ESCAPABLE.test(s[i + 1] || '')) {
      text += s[i + 1];
      i += 2;
      continue;
    }
    if (c == '`' && (end = s.indexOf('`', i + 1)) > i + 1) {
      push(h('code', null, s.slice(i + 1, end)));
      i = end + 1;
      continue;
    }
    if (c == '*' && depth < MAX_DEPTH) {
      const mark = s[i + 1] == c ? '**' : c;
      const from = i + mark.length;
      end = s.indexOf(mark, from + 1);
      const inner = s.slice(from, end);
      // `2 * 3 * 4` stays as typed, as in CommonMark: emphasis hugs its words.
      if (end > 0 && inner.trim() == inner) {
        push(h(mark.length > 1 ? 'strong' : 'em', null, inline(inner, depth + 1, budget)));
        i = end + mark.length;
        continue;
      }
    }
    const mid = c == '[' && depth < MAX_DEPTH ? s.indexOf('](', i) : -1;
    if (mid > 0 && (end = s.indexOf(')', mid)) > 0) {
      const kids = inline(s.slice(i + 1, mid), depth + 1, budget);
      const href = safeHref(s.slice(mid + 2, end));
      // A link we won't follow keeps its words, as plain text.
      if (href) push(h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, kids));
      else push(null), out.push(...kids);
      i = end + 1;
      continue;
    }
    text += c;
    i++;
  }
  push(null);
  return out;
}

/** The body as Preact nodes: bounded in input length and in the number of nodes produced. */
export function renderMarkdown(source: unknown): ComponentChildren[] {
  const raw = typeof source == 'string' ? source : '';
  // Blocks as [tag, texts]: a paragraph keeps its lines (CSS shows the breaks), a list has one text per item.
  const blocks: Array<[string, string[]]> = [];
  let cur: [string, string[]] | undefined;
  for (const line of raw.slice(0, MAX_MARKDOWN_CHARS).split(/\r\n?|\n/)) {
    const item = LIST_ITEM.exec(line);
    const text = item ? item[2]! : line.trim();
    const tag = item ? (/\d/.test(item[1]!) ? 'ol' : 'ul') : cur && cur[0] != 'p' && /^\s/.test(line) ? '' : 'p';
    const texts = cur && cur[1];
    if (!text) cur = undefined;
    else if (!tag) texts![texts!.length - 1] += ' ' + text;
    else if (cur && cur[0] == tag) tag == 'p' ? (texts![0] += '\n' + text) : texts!.push(text);
    else blocks.push((cur = [tag, [text]]));
  }
  const budget = { left: MAX_MARKDOWN_NODES };
  const out: ComponentChildren[] = [];
  for (const [tag, texts] of blocks) {
    if (budget.left-- <= 0) break;
    const kids = texts.filter(() => budget.left-- > 0).map((t) => (tag == 'p' ? inline(t, 0, budget) : h('li', { dir: 'auto' }, inline(t, 0, budget))));
    out.push(h(tag, tag == 'p' ? { dir: 'auto' } : null, kids));
  }
  if (raw.length > MAX_MARKDOWN_CHARS || budget.left <= 0) out.push(h('p', null, '…'));
  return out;
}

export const Markdown = ({ source }: { source: unknown }) => h('div', { class: 'md' }, renderMarkdown(source));
