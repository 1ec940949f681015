// Handoff summaries and inbox messages: the widget's safe markdown renderer (text nodes only, never innerHTML, links
// http(s) or relative), plus the headings summaries are organised by ("### What happened") and the customer's
// words quoted ("> …").
import type { ComponentChildren } from 'preact';
import { renderMarkdown } from '../../widget/markdown';

const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const QUOTE = /^ {0,3}> ?(.*)$/;

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
  let quote: string[] = [];
  const endQuote = () => {
    if (quote.length) out.push(<blockquote>{renderMarkdown(quote.join('\n'))}</blockquote>);
    quote = [];
  };
  for (const line of source.split(/\r\n?|\n/)) {
    const q = QUOTE.exec(line);
    if (q) {
      // The customer's own words, quoted.
      if (!quote.length) flush();
      quote.push(q[1]!);
      continue;
    }
    endQuote();
    const h = HEADING.exec(line);
    if (!h) {
      chunk.push(line);
      continue;
    }
    flush();
    const Tag = `h${h[1]!.length <= 2 ? level : level + 1}` as 'h2' | 'h3' | 'h4' | 'h5';
    out.push(<Tag>{plain(h[2]!)}</Tag>);
  }
  endQuote();
  flush();
  return <div class="md">{out}</div>;
}
