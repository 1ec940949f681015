// The test product page for browser tests and the SDK bench: a tiny SPA that embeds the SDK through the script tag.

export interface PageOptions {
  /** Omit the SDK entirely (the bench's baseline). */
  withSdk?: boolean;
  /** Extra init options, as JSON. */
  init?: Record<string, unknown>;
}

export function testPage({ withSdk = true, init = {} }: PageOptions = {}): string {
  const sdk = withSdk
    ? `<script>
  window.forestall = window.forestall || function () { (forestall.q = forestall.q || []).push(arguments) };
  forestall('init', Object.assign({ key: 'pk_test', endpoint: location.origin, screens: ['/app/invoices/:id'],
    helpUrlPatterns: ['/help/'], flushIntervalMs: 500 }, ${JSON.stringify(init)}));
  window.__signals = [];
  forestall('on', 'friction', function (s) { window.__signals.push(s); });
  window.__tips = [];
  forestall('on', 'tip:shown', function (t) { window.__tips.push(t.tip.id); });
</script>
<script async src="/sdk/forestall.js"></script>
<script async src="/sdk/forestall.js"></script>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test product</title>
<style>body{font-family:sans-serif;margin:20px} button,a{margin:4px;padding:8px 12px;display:inline-block} #log{min-height:40px}</style>
<script>
  window.__hostErrors = [];
  window.addEventListener('error', function (e) { window.__hostErrors.push(e.message); });
</script>
${sdk}
</head><body>
<nav>
  <a href="/app/dashboard" data-nav id="nav-dashboard">Dashboard</a>
  <a href="/app/invoices" data-nav id="nav-invoices">Invoices</a>
  <a href="/app/invoices/42" data-nav id="nav-invoice">Invoice 42</a>
  <a href="/app/settings" data-nav id="nav-settings">Settings</a>
</nav>
<h1 id="title">Dashboard</h1>
<button id="save">Save</button>
<button id="connect">Connect</button>
<button id="alive">Add row</button>
<button id="boom">Export</button>
<button id="fetch-broken">Refresh</button>
<button id="next" aria-label="Next page">›</button>
<input id="search" placeholder="Search">
<div>
  <a href="/help/articles/billing-basics" class="help" id="help-1">Billing basics</a>
  <a href="/help/articles/invoices" class="help" id="help-2">About invoices</a>
  <a href="/help/articles/taxes" class="help" id="help-3">Taxes</a>
</div>
<form id="card-form" onsubmit="event.preventDefault(); document.getElementById('log').textContent = 'saved';">
  <input id="card" name="card" required pattern="[0-9]{16}" placeholder="Card number">
  <button id="card-submit" type="submit">Update card</button>
</form>
<div id="log"></div>
<div style="height:2000px"></div>
<script>
  var log = document.getElementById('log');
  function render() { document.getElementById('title').textContent = location.pathname; }
  document.addEventListener('click', function (e) {
    var a = e.target.closest('a');
    if (!a) return;
    if (a.hasAttribute('data-nav')) { e.preventDefault(); history.pushState({}, '', a.getAttribute('href')); render(); }
    if (a.classList.contains('help')) { e.preventDefault(); log.textContent = 'Article: ' + a.textContent; }
  });
  document.getElementById('save').addEventListener('click', function () { var n = Number(log.dataset.saves || 0) + 1; log.dataset.saves = n; log.textContent = 'Saved ' + n; });
  document.getElementById('alive').addEventListener('click', function () { var p = document.createElement('p'); p.textContent = 'row'; log.appendChild(p); });
  document.getElementById('boom').addEventListener('click', function () { throw new Error('Export failed for report ' + Math.floor(Math.random() * 1e6)); });
  document.getElementById('fetch-broken').addEventListener('click', function () { fetch('/api/broken').then(function () { log.textContent = 'refreshed'; }); });
  document.getElementById('next').addEventListener('click', function () { log.textContent = 'page ' + Math.random(); });
</script>
</body></html>`;
}
