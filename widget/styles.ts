// The widget's stylesheet, adopted by its shadow root as a constructable sheet: no <style> element and no style
// attribute, so it works under `style-src 'self'`; the host page's CSS can't reach inside, and this can't leak out.
// The host page's !important rules still reach <forestall-widget> itself and would be inherited, so the card resets
// everything again (all:initial) before setting its own look.
// Colours meet WCAG AA in both schemes: text ≥ 4.5:1 on its background, white on the default accent 5:1.

const CSS = `:host{all:initial;position:fixed;z-index:2147483000;bottom:16px;right:16px;color-scheme:light dark;--f:#1b1f24;--b:#fff;--m:#57606a;--l:#6e7781;--e:#b42318;--s:#f1f3f5;--a:var(--forestall-accent,#1a7f5a);--k:var(--a)}
:host([data-position$=left]){right:auto;left:16px}
:host([data-position^=top]){bottom:auto;top:16px}
@media(prefers-color-scheme:dark){:host{--f:#e6edf3;--b:#1f2328;--m:#a0aab4;--l:#8b949e;--e:#ff9b8f;--s:#2d333b;--k:#7ee2b8}}
.w{all:initial;display:block;color-scheme:light dark;position:relative;box-sizing:border-box;width:min(380px,100vw - 32px);max-height:calc(100vh - 32px);overflow:auto;padding:16px;border:1px solid #8886;border-radius:var(--forestall-radius,12px);background:var(--b);color:var(--f);font:14px/1.5 var(--forestall-font,system-ui,sans-serif);box-shadow:0 8px 28px #0004;overflow-wrap:anywhere}
@media(max-width:420px){:host,:host([data-position]){left:8px;right:8px}.w{width:auto}}
@media(prefers-reduced-motion:no-preference){.w{animation:i .2s}}
@keyframes i{from{opacity:0;translate:0 8px}}
h2{font-size:16px;margin:0 0 8px;margin-inline-end:32px}
h3{font-size:13px;margin:8px 0 0}
p{margin:0 0 8px}
.md p{white-space:pre-line}
ul,ol{margin:0 0 8px;padding-inline-start:20px}
a{color:var(--k)}
code{font:13px monospace;background:var(--s);padding:0 4px;border-radius:4px}
.r{display:flex;flex-wrap:wrap;gap:8px;margin-top:12px}
button,.b{font:inherit;cursor:pointer;border-radius:8px;padding:6px 12px;border:1px solid var(--l);background:var(--b);color:var(--f);text-decoration:none}
button:hover,.b:hover{background:var(--s)}
.p,.p:hover{background:var(--a);border-color:var(--a);color:#fff}
.x{position:absolute;top:8px;inset-inline-end:8px;border:0;font-size:20px;line-height:1;padding:6px 9px}
:focus-visible{outline:2px solid var(--k);outline-offset:2px}
label{display:block;font-weight:600;margin:12px 0 4px}
label span,.m{font-weight:400;color:var(--m);font-size:13px}
input,textarea{box-sizing:border-box;width:100%;font:inherit;color:inherit;background:var(--b);border:1px solid var(--l);border-radius:8px;padding:6px 8px}
[aria-invalid=true]{border-color:var(--e)}
.e{color:var(--e);font-size:13px}
[role=listbox]{list-style:none;padding:0;max-height:260px;overflow:auto}
[role=option]{padding:6px 8px;border-radius:8px;cursor:pointer}
[role=option] span{display:block;color:var(--m);font-size:13px}
[aria-selected=true]{background:var(--s);outline:2px solid var(--k)}
details{margin-top:12px;padding:8px;border-radius:8px;background:var(--s)}
summary{cursor:pointer;font-weight:600}`;

/** Adopts the stylesheet; theme values from options go through CSSOM setProperty, so they can't inject rules. */
export function adoptStyles(root: ShadowRoot, theme: Record<string, string>): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  const style = (sheet.cssRules[sheet.insertRule(':host{}', sheet.cssRules.length)] as CSSStyleRule).style;
  for (const k in theme) style.setProperty('--forestall-' + k, theme[k]!);
  root.adoptedStyleSheets = [sheet];
}
