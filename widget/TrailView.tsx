// What the handoff will attach, shown before the user agrees to send it: screens, friction, errors, tips, articles.
import type { DiagnosticTrail } from '../sdk/wire';
import type { Strings } from './options';

export interface TrailViewProps {
  trail: DiagnosticTrail;
  s: Strings;
  /** Titles of tips this page showed, so the user reads words rather than ids. */
  tipTitle(tipId: string): string | undefined;
}

export function TrailView({ trail, s, tipTitle }: TrailViewProps) {
  const sections: Array<[string, string[]]> = [
    [s.screens, trail.screens.map((x) => x.screen)],
    [s.signals, trail.signals.map((x) => `${x.type} · ${x.screen}`)],
    [s.errors, trail.errors.map((x) => x.fingerprint)],
    [s.tips, trail.tips.map((x) => `${tipTitle(x.tipId) || x.tipId} · ${x.outcome}`)],
    [s.articles, trail.articles.map((x) => x.title || x.articleId)],
  ];
  return (
    <details open>
      <summary>{s.trail}</summary>
      {sections.map(([title, items]) => (
        <>
          <h3>{title}</h3>
          {items.length ? (
            <ul>
              {items.map((x) => (
                <li dir="auto">{x}</li>
              ))}
            </ul>
          ) : (
            <p class="m">{s.none}</p>
          )}
        </>
      ))}
    </details>
  );
}
