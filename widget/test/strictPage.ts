// A host product page served under a strict Content-Security-Policy, for the widget's Chromium tests and the bench:
// no inline script or style anywhere, so the SDK's stub lives in an external same-origin file (/static/init.js).
import type { Served } from '../../sdk/test/captureServer';

export const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'";

/** init.js reads its init options from its own data-options attribute, so one file serves every page. */
const INIT_JS = `(function () {
  var csp = (window.__csp = []);
  document.addEventListener('securitypolicyviolation', function (e) {
    csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber);
  });
  window.forestall = window.forestall || function () { (forestall.q = forestall.q || []).push(arguments) };
  var options = JSON.parse(document.currentScript.getAttribute('data-options') || '{}');
  forestall('init', Object.assign({ key: 'pk_test', endpoint: location.origin, flushIntervalMs: 500 }, options));
  window.__handoffs = [];
  forestall('on', 'handoff', function (c) { window.__handoffs.push(c); });
  window.__friction = [];
  forestall('on', 'friction', function (s) { window.__friction.push(s); });
})();`;

const PAGE_JS = `document.getElementById('help').addEventListener('click', function () { forestall('openHelp'); });`;

/** Host CSS that would wreck an unprotected widget: the shadow root must keep every rule of it out. */
const HOST_CSS = `body { font: 16px/1.5 Georgia, serif; margin: 24px; color: #222; }
* { font-family: Georgia, serif !important; letter-spacing: 0.04em !important; }
button { border: 3px dashed #6b21a8 !important; background: #fef3c7 !important; color: #222 !important; padding: 8px 14px; }
p, h2 { margin: 40px !important; }
main { max-width: 640px; }`;

export function strictPage({ dir = 'ltr', lang = 'en', init = {} as Record<string, unknown> } = {}): string {
  const options = JSON.stringify(init).replace(/'/g, '&#39;');
  const text =
    dir === 'rtl'
      ? '<h1>الفواتير</h1><p>ابحث عن فاتورة بالرقم أو بالعميل.</p>'
      : '<h1>Invoices</h1><p>Find any invoice by number or by customer.</p>';
  return `<!doctype html>
<html lang="${lang}" dir="${dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Strict CSP product</title>
<link rel="stylesheet" href="/static/host.css">
<script src="/static/init.js" data-options='${options}'></script>
<script async src="/sdk/forestall.js"></script>
<script defer src="/static/page.js"></script>
</head><body><main>${text}
<button id="save" type="button">Save</button> <button id="help" type="button">Help</button>
<label for="q">Search</label> <input id="q" type="text">
</main></body></html>`;
}

/** Pages for startCaptureServer: the strict pages under `prefix`, and the static files they load. */
export function strictPages(pages: Record<string, string>): Record<string, Served> {
  const headers = { 'content-security-policy': STRICT_CSP };
  const out: Record<string, Served> = {
    '/static/init.js': { body: INIT_JS, type: 'text/javascript', headers },
    '/static/page.js': { body: PAGE_JS, type: 'text/javascript', headers },
    '/static/host.css': { body: HOST_CSS, type: 'text/css', headers },
  };
  for (const [prefix, body] of Object.entries(pages)) out[prefix] = { body, headers: { ...headers, 'cache-control': 'no-store' } };
  return out;
}
