// A tip: title, markdown body, an optional "Show me" link, and the user's verdict ("That helped" / "Still stuck?").
import type { Tip } from '../sdk/wire';
import { safeHref } from './links';
import { Markdown } from './markdown';
import type { Strings } from './options';

export interface TipCardProps {
  tip: Tip;
  s: Strings;
  onShowMe(): void;
  onHelped(): void;
  onStuck(): void;
}

export function TipCard({ tip, s, onShowMe, onHelped, onStuck }: TipCardProps) {
  const href = safeHref(tip.articleUrl);
  return (
    <>
      <h2 id="t" dir="auto">
        {tip.title}
      </h2>
      <Markdown source={tip.body} />
      <div class="r">
        {href && (
          <a class="b p" href={href} target="_blank" rel="noopener noreferrer" onClick={onShowMe}>
            {s.showMe}
          </a>
        )}
        <button type="button" onClick={onHelped}>
          {s.helped}
        </button>
        <button type="button" onClick={onStuck}>
          {s.stillStuck}
        </button>
      </div>
    </>
  );
}
