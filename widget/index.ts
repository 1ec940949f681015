// The widget chunk the SDK loads lazily: a tip card and a help search in a Shadow DOM (plain DOM until the Preact widget lands).
import type { WidgetBridge, WidgetInstance } from '../sdk/widget-contract';
import type { HelpArticleHit, Tip } from '../sdk/wire';

const CSS = `
:host { all: initial; position: fixed; z-index: 2147483000; inset: auto 16px 16px auto; font: 14px/1.45 var(--forestall-font, system-ui, sans-serif); color: #1b1f24; }
.card { width: min(340px, calc(100vw - 32px)); background: #fff; border-radius: var(--forestall-radius, 10px); box-shadow: 0 6px 24px rgba(0,0,0,.18); padding: 14px 16px; box-sizing: border-box; }
h2 { font-size: 15px; margin: 0 28px 6px 0; }
p { margin: 0 0 8px; white-space: pre-wrap; overflow-wrap: anywhere; }
.row { display: flex; gap: 8px; flex-wrap: wrap; margin-top: 8px; }
button, a.btn { font: inherit; cursor: pointer; border-radius: 6px; padding: 6px 10px; border: 1px solid #c9ced6; background: #fff; color: #1b1f24; text-decoration: none; }
.primary { background: var(--forestall-accent, #1a7f5a); border-color: transparent; color: #fff; }
.close { position: absolute; top: 8px; right: 8px; border: 0; background: transparent; font-size: 18px; line-height: 1; padding: 4px 8px; }
.wrap { position: relative; }
input { font: inherit; width: 100%; box-sizing: border-box; padding: 6px 8px; border: 1px solid #c9ced6; border-radius: 6px; }
ul { list-style: none; margin: 8px 0 0; padding: 0; max-height: 240px; overflow: auto; }
li a { display: block; padding: 6px 4px; color: inherit; }
.muted { color: #59636e; font-size: 13px; }
@media (prefers-color-scheme: dark) { .card { background: #22272e; color: #e6edf3; } button, a.btn { background: #2d333b; color: #e6edf3; border-color: #444c56; } .muted { color: #9da7b3; } }
@media (prefers-reduced-motion: no-preference) { .card { animation: in .16s ease-out; } @keyframes in { from { opacity: 0; transform: translateY(8px); } } }
`;

/** Only http(s) and relative links may be followed from content the edge sends. */
function safeUrl(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url, location.href);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** Bold, italic and inline code of the tip markdown, as nodes (never innerHTML): the full subset comes with the Preact widget. */
function inline(text: string): Array<Node | string> {
  return text.split(/(\*\*[^*]+\*\*|\*[^*]+\*|`[^`]+`)/).map((part) => {
    const m = /^(\*\*|\*|`)(.*)\1$/.exec(part);
    return m ? el(m[1] === '**' ? 'strong' : m[1] === '*' ? 'em' : 'code', { textContent: m[2] }) : part;
  });
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, unknown> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props) as HTMLElementTagNameMap[K];
  node.append(...children);
  return node;
}

export function mount(bridge: WidgetBridge): WidgetInstance {
  const host = document.createElement('forestall-widget');
  const root = host.attachShadow({ mode: 'open' });
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  } catch {
    // Without constructable stylesheets the card is unstyled but still works.
  }
  let returnFocus: Element | null = null;
  const close = () => {
    root.replaceChildren();
    host.remove();
    if (returnFocus instanceof HTMLElement) returnFocus.focus();
  };
  const show = (card: HTMLElement, label: string) => {
    returnFocus = document.activeElement;
    const closeBtn = el('button', { className: 'close', textContent: '×', type: 'button' });
    closeBtn.setAttribute('aria-label', label);
    const wrap = el('div', { className: 'wrap card' }, closeBtn, card);
    wrap.addEventListener('keydown', (e) => e.key === 'Escape' && closeBtn.click());
    root.replaceChildren(wrap);
    if (!host.isConnected) document.body.appendChild(host);
    return closeBtn;
  };

  return {
    showTip(tip: Tip) {
      const card = el('section', {}, el('h2', { textContent: tip.title }));
      card.setAttribute('role', 'status');
      card.setAttribute('aria-live', 'polite');
      for (const para of String(tip.body).slice(0, 4000).split(/\n{2,}/)) card.append(el('p', {}, ...inline(para)));
      const row = el('div', { className: 'row' });
      const href = safeUrl(tip.articleUrl);
      if (href) {
        const link = el('a', { className: 'btn primary', href, target: '_blank', rel: 'noopener', textContent: 'Show me' });
        link.addEventListener('click', () => bridge.record('tip_clicked', { tipId: tip.id }));
        row.append(link);
      }
      const helped = el('button', { type: 'button', textContent: 'That helped' });
      helped.addEventListener('click', () => {
        bridge.record('tip_helpful', { tipId: tip.id });
        close();
      });
      row.append(helped);
      card.append(row);
      show(card, 'Dismiss tip').addEventListener('click', () => {
        bridge.dismissed(tip.id);
        close();
      });
    },
    openHelp() {
      const input = el('input', { type: 'search', placeholder: 'Search help articles' });
      input.setAttribute('aria-label', 'Search help articles');
      const list = el('ul');
      const status = el('p', { className: 'muted' });
      status.setAttribute('aria-live', 'polite');
      let timer: ReturnType<typeof setTimeout> | undefined;
      let seq = 0;
      input.addEventListener('input', () => {
        clearTimeout(timer);
        timer = setTimeout(async () => {
          const mine = ++seq;
          const q = input.value.trim();
          if (!q) return list.replaceChildren();
          try {
            const res = await fetch(`${bridge.endpoint}/v1/help/search?q=${encodeURIComponent(q)}`, {
              headers: { authorization: 'Bearer ' + bridge.key },
            });
            const body = (await res.json()) as { results?: HelpArticleHit[] };
            if (mine !== seq) return;
            const hits = body.results || [];
            status.textContent = hits.length ? '' : 'No articles match.';
            list.replaceChildren(
              ...hits.map((hit) => {
                const href = safeUrl(hit.url);
                const link = el('a', { textContent: hit.title, ...(href ? { href, target: '_blank', rel: 'noopener' } : {}) });
                link.addEventListener('click', () => bridge.record('help_opened', { props: { articleId: hit.id, title: hit.title } }));
                return el('li', {}, link);
              }),
            );
          } catch {
            if (mine === seq) status.textContent = 'Help is offline right now. Try again in a moment.';
          }
        }, 200);
      });
      show(el('section', {}, el('h2', { textContent: 'Help' }), input, status, list), 'Close help').addEventListener('click', close);
      input.focus();
    },
    destroy: close,
  };
}
