// Handoff summaries and inbox messages: the widget's safe markdown renderer (text nodes only, never innerHTML, links
// http(s) or relative), plus the headings summaries are organised by ("### What happened").
import type { ComponentChildren } from 'preact';
import { renderMarkdown } from '../../widget/markdown';

const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;

/** Heading text as typed, less markdown's escapes and emphasis marks: a heading is a label, not a paragraph. */
const plain = (s: string) => s.replace(/\\(.)/g, '$1').replace(/\*\*|__/g, '');

/** `level`: the page's heading level for the summary's top headings (# and ##); ### and deeper sit one below. */
export function SummaryMarkdown({ source, level = 3 }: { source: string; level?: 2 | 3 | 4 }) {
  const out: ComponentChildren[] = [];
  let chunk: string[] = [];
  const flush = () => {
    if (chunk.join('').trim()) out.push(...renderMarkdown(chunk.join('\n')));
    chunk = [];
  };
  for (const line of source.split(/\r\n?|\n/)) {
    const h = HEADING.exec(line);
    if (!h) {
      chunk.push(line);
      continue;
    }
    flush();
    const Tag = `h${h[1]!.length <= 2 ? level : level + 1}` as 'h2' | 'h3' | 'h4' | 'h5';
    out.push(<Tag>{plain(h[2]!)}</Tag>);
  }
  flush();
  return <div class="md">{out}</div>;
}
