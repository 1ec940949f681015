// The help panel: a search over the workspace's articles (a combobox with a listbox of results), and a way to a human.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { HelpArticleHit } from '../sdk/wire';
import { fmt, type Strings } from './options';

/** Long enough that typing a word sends one request, short enough to feel live. */
export const SEARCH_DEBOUNCE_MS = 250;
/** The edge refuses longer queries. */
export const MAX_QUERY_CHARS = 200;

export interface HelpPanelProps {
  endpoint: string;
  apiKey: string;
  s: Strings;
  onOpen(hit: HelpArticleHit): void;
  onContact(): void;
}

export function HelpPanel({ endpoint, apiKey, s, onOpen, onContact }: HelpPanelProps) {
  const [hits, setHits] = useState<HelpArticleHit[]>([]);
  const [status, setStatus] = useState('');
  const [active, setActive] = useState(-1);
  const input = useRef<HTMLInputElement>(null);
  /** The debounce timer and the number of the latest search: an older answer arriving late is ignored. */
  const run = useRef({ timer: 0 as unknown as ReturnType<typeof setTimeout>, seq: 0 });

  useEffect(() => {
    input.current!.focus();
    return () => clearTimeout(run.current.timer);
  }, []);

  const onInput = (value: string) => {
    const r = run.current;
    const seq = ++r.seq;
    const q = value.trim().slice(0, MAX_QUERY_CHARS);
    clearTimeout(r.timer);
    setHits([]);
    setActive(-1);
    setStatus(q ? s.searching : '');
    if (q)
      r.timer = setTimeout(async () => {
        let found: HelpArticleHit[] | null = null;
        try {
          const res = await fetch(`${endpoint}/v1/help/search?q=${encodeURIComponent(q)}`, { headers: { authorization: 'Bearer ' + apiKey } });
          if (res.ok) found = ((await res.json()).results || []).slice(0, 25);
        } catch {
          // unreachable edge: the offline message below
        }
        if (seq != r.seq) return;
        setHits(found || []);
        setStatus(!found ? s.offline : found.length ? fmt(s.results, { n: found.length }) : s.noResults);
      }, SEARCH_DEBOUNCE_MS);
  };

  const list = hits;
  const n = list.length;
  const onKeyDown = (e: KeyboardEvent) => {
    const a = active;
    if (!n || !/^(ArrowDown|ArrowUp|Enter)$/.test(e.key)) return;
    e.preventDefault();
    if (e.key == 'Enter') onOpen(list[Math.max(0, a)]!);
    else setActive(e.key == 'ArrowDown' ? (a + 1) % n : a < 1 ? n - 1 : a - 1);
  };

  return (
    <>
      <h2 id="t">{s.help}</h2>
      <input
        ref={input}
        type="text"
        role="combobox"
        aria-label={s.search}
        placeholder={s.search}
        aria-autocomplete="list"
        aria-expanded={n > 0}
        aria-controls={n ? 'l' : undefined}
        aria-activedescendant={active < 0 ? undefined : 'o' + active}
        autocomplete="off"
        onInput={(e) => onInput(e.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <p role="status" class={status == s.offline ? 'e' : 'm'}>
        {status}
      </p>
      {n > 0 && (
        <ul id="l" role="listbox" aria-label={s.help}>
          {list.map((hit, i) => (
            <li id={'o' + i} role="option" aria-selected={i == active} onClick={() => onOpen(hit)} dir="auto">
              {hit.title}
              <span>{('' + (hit.excerpt || '')).slice(0, 160)}</span>
            </li>
          ))}
        </ul>
      )}
      <div class="r">
        <button type="button" onClick={onContact}>
          {s.contact}
        </button>
      </div>
    </>
  );
}
