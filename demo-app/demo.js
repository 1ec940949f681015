// Ledgerly, a small invoicing SPA with the friction Forestall looks for: a VAT form that trips people, a Connect button that does nothing, an export that fails the same way twice.
const view = document.getElementById('view');
const DAY_MS = 864e5;

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const money = (n) => '$' + n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const day = (offset) => new Date(Date.now() + offset * DAY_MS);
const shortDate = (d) => d.toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric' });
const initials = (name) => name.split(' ').map((w) => w[0]).join('').slice(0, 2);

// ---------------------------------------------------------------------------------------------------------------
// Data: the signed-in company's invoices to its own customers. Dates are relative to today so the demo never ages.

const SERVICES = [
  ['Freight handling, per pallet', 85],
  ['Warehousing, monthly', 1640],
  ['Consulting, hours', 150],
  ['Route planning licence', 990],
  ['Express delivery', 65],
  ['Customs paperwork', 120],
];

const invoices = [
  ['INV-1042', 'Northwind Traders', 'billing@northwind.example', -41, 'overdue'],
  ['INV-1043', 'Bluebird Bakery', 'accounts@bluebird.example', -38, 'paid'],
  ['INV-1044', 'Cedar & Stone', 'finance@cedarstone.example', -2, 'draft'],
  ['INV-1045', 'Pinecrest Clinic', 'ap@pinecrest.example', -12, 'open'],
  ['INV-1046', 'Riverbend Outfitters', 'pay@riverbend.example', -78, 'overdue'],
  ['INV-1047', 'Summit Cycling', 'hello@summitcycling.example', -33, 'paid'],
  ['INV-1048', 'Larkspur Studio', 'studio@larkspur.example', -9, 'open'],
  ['INV-1049', 'Copperleaf Cafe', 'owner@copperleaf.example', -27, 'paid'],
  ['INV-1050', 'Oakridge Schools', 'procurement@oakridge.example', -5, 'open'],
  ['INV-1051', 'Tern Aviation', 'ap@ternaviation.example', -36, 'overdue'],
].map(([id, customer, email, issuedOffset, status], i) => {
  const lines = [0, 1, 2].slice(0, 1 + (i % 3)).map((k) => {
    const [description, price] = SERVICES[(i + k * 2) % SERVICES.length];
    // Few of the expensive services, many of the cheap ones, as real invoices go.
    const qty = price > 500 ? 1 + ((i + k) % 3) : 4 + ((i * 7 + k * 3) % 9) * 2;
    return { description, qty, price };
  });
  const subtotal = lines.reduce((s, l) => s + l.qty * l.price, 0);
  const tax = Math.round(subtotal * 0.08 * 100) / 100;
  return { id, customer, email, issued: day(issuedOffset), due: day(issuedOffset + 30), status, lines, subtotal, tax, total: subtotal + tax };
});

const STATUS_LABEL = { paid: 'Paid', open: 'Open', overdue: 'Overdue', draft: 'Draft' };
const pill = (status) => `<span class="pill pill-${status}">${STATUS_LABEL[status]}</span>`;
const sum = (list) => list.reduce((s, i) => s + i.total, 0);

let articles = [];
const articlesLoaded = fetch('/demo/help-center.json').then((r) => r.json()).then((list) => (articles = list)).catch(() => []);

// ---------------------------------------------------------------------------------------------------------------
// Pages. Each returns HTML (all text escaped) and may wire its own behaviour after rendering.

function dashboard() {
  const me = ledgerly.current();
  const open = invoices.filter((i) => i.status === 'open' || i.status === 'overdue');
  const overdue = invoices.filter((i) => i.status === 'overdue');
  const paid = invoices.filter((i) => i.status === 'paid');
  const hour = new Date().getHours();
  const hello = hour < 12 ? 'Good morning' : hour < 18 ? 'Good afternoon' : 'Good evening';
  const months = [18.2, 22.4, 19.8, 26.1, 24.3, 29.7];
  const monthNames = months.map((_, k) => new Date(new Date().getFullYear(), new Date().getMonth() - 5 + k, 1).toLocaleDateString('en-US', { month: 'short' }));
  return {
    html: `
      <div class="page-head">
        <div><h1>${hello}, ${esc(me.name.split(' ')[0])}</h1><p class="muted">Here is where ${esc(me.accountName)} stands today.</p></div>
        <a class="button button-primary" href="/demo/invoices" data-route>View invoices</a>
      </div>
      <div class="kpis">
        <div class="kpi"><span class="kpi-label">Outstanding</span><strong>${money(sum(open))}</strong><span class="muted">${open.length} invoices</span></div>
        <div class="kpi kpi-warn"><span class="kpi-label">Overdue</span><strong>${money(sum(overdue))}</strong><span class="muted">${overdue.length} invoices</span></div>
        <div class="kpi"><span class="kpi-label">Paid last 30 days</span><strong>${money(sum(paid))}</strong><span class="trend-up">▲ 12% vs. previous</span></div>
        <div class="kpi"><span class="kpi-label">Average days to pay</span><strong>18</strong><span class="trend-up">▼ 3 days</span></div>
      </div>
      <div class="grid-2">
        <section class="card">
          <h2>Cash collected</h2>
          <div class="chart" role="img" aria-label="Cash collected per month, in thousands of dollars">
            ${months.map((v, k) => `<div class="bar-col"><div class="bar" data-value="${v}"><span>$${v}k</span></div><span class="bar-label">${monthNames[k]}</span></div>`).join('')}
          </div>
        </section>
        <section class="card">
          <h2>Needs attention</h2>
          <ul class="list">
            ${overdue.map((i) => `<li><a href="/demo/invoices/${i.id}" data-route>${i.id}</a><span>${esc(i.customer)}</span><span class="num">${money(i.total)}</span>${pill(i.status)}</li>`).join('')}
          </ul>
          <p class="hint">Overdue invoices get paid sooner with a reminder. <a href="/demo/help/getting-paid" data-forestall-article="getting-paid">Getting paid faster</a></p>
        </section>
      </div>`,
    after() {
      const max = Math.max(...months);
      // Heights through the CSSOM, not style attributes, so a strict style-src CSP still renders the chart.
      for (const bar of view.querySelectorAll('.bar')) bar.style.height = `${(Number(bar.dataset.value) / max) * 100}%`;
    },
  };
}

let invoiceTab = 'all';
function invoiceList() {
  const tabs = ['all', 'open', 'overdue', 'paid', 'draft'];
  const count = (t) => (t === 'all' ? invoices.length : invoices.filter((i) => i.status === t).length);
  const shown = invoices.filter((i) => invoiceTab === 'all' || i.status === invoiceTab);
  return {
    html: `
      <div class="page-head">
        <div><h1>Invoices</h1><p class="muted">${invoices.length} invoices · ${money(sum(invoices.filter((i) => i.status !== 'paid' && i.status !== 'draft')))} outstanding</p></div>
        <button class="button button-primary" type="button" id="new-invoice">New invoice</button>
      </div>
      <div class="tabs" role="tablist" aria-label="Filter invoices">
        ${tabs.map((t) => `<button type="button" role="tab" class="tab" data-tab="${t}" aria-selected="${t === invoiceTab}">${t === 'all' ? 'All' : STATUS_LABEL[t]} <span class="count">${count(t)}</span></button>`).join('')}
      </div>
      <div class="card card-flush">
        <table class="table">
          <thead><tr><th>Invoice</th><th>Customer</th><th>Issued</th><th>Due</th><th class="num">Amount</th><th>Status</th></tr></thead>
          <tbody>
            ${shown.map((i) => `<tr><td><a href="/demo/invoices/${i.id}" data-route>${i.id}</a></td><td>${esc(i.customer)}</td><td>${shortDate(i.issued)}</td><td>${shortDate(i.due)}</td><td class="num">${money(i.total)}</td><td>${pill(i.status)}</td></tr>`).join('')}
          </tbody>
        </table>
      </div>`,
    after() {
      view.querySelector('.tabs').addEventListener('click', (e) => {
        const tab = e.target.closest('[data-tab]');
        if (!tab) return;
        invoiceTab = tab.dataset.tab;
        render();
      });
      view.querySelector('#new-invoice').addEventListener('click', () => toast('Drafting invoices is not part of this demo: open an existing one instead.'));
    },
  };
}

function invoicePage(id) {
  const k = invoices.findIndex((i) => i.id === id);
  if (k < 0) return notFound();
  const inv = invoices[k];
  const me = ledgerly.current();
  const prev = invoices[k - 1];
  const next = invoices[k + 1];
  return {
    html: `
      <nav class="crumbs" aria-label="Breadcrumb"><a href="/demo/invoices" data-route>Back to invoices</a></nav>
      <div class="page-head">
        <div><h1>${inv.id} ${pill(inv.status)}</h1><p class="muted">${esc(inv.customer)} · due ${shortDate(inv.due)}</p></div>
        <div class="actions">
          <button class="button" type="button" id="download">Download PDF</button>
          <button class="button button-primary" type="button" id="send-reminder" ${inv.status === 'paid' || inv.status === 'draft' ? 'disabled' : ''}>Send reminder</button>
        </div>
      </div>
      <article class="card invoice">
        <div class="invoice-parties">
          <div><span class="kpi-label">From</span><strong>${esc(me.accountName)}</strong></div>
          <div><span class="kpi-label">Bill to</span><strong>${esc(inv.customer)}</strong><span class="muted">${esc(inv.email)}</span></div>
          <div><span class="kpi-label">Issued</span>${shortDate(inv.issued)}</div>
          <div><span class="kpi-label">Due</span>${shortDate(inv.due)}</div>
        </div>
        <table class="table">
          <thead><tr><th>Description</th><th class="num">Qty</th><th class="num">Price</th><th class="num">Amount</th></tr></thead>
          <tbody>${inv.lines.map((l) => `<tr><td>${esc(l.description)}</td><td class="num">${l.qty}</td><td class="num">${money(l.price)}</td><td class="num">${money(l.qty * l.price)}</td></tr>`).join('')}</tbody>
          <tfoot>
            <tr><td colspan="3">Subtotal</td><td class="num">${money(inv.subtotal)}</td></tr>
            <tr><td colspan="3">Tax (8%)</td><td class="num">${money(inv.tax)}</td></tr>
            <tr class="total"><td colspan="3">Total</td><td class="num">${money(inv.total)}</td></tr>
          </tfoot>
        </table>
      </article>
      <nav class="pager" aria-label="Invoices">
        ${prev ? `<a href="/demo/invoices/${prev.id}" data-route>‹ Previous</a>` : '<span></span>'}
        ${next ? `<a href="/demo/invoices/${next.id}" data-route>Next ›</a>` : '<span></span>'}
      </nav>`,
    after() {
      view.querySelector('#send-reminder').addEventListener('click', () => toast(`Reminder sent to ${inv.email}.`));
      view.querySelector('#download').addEventListener('click', () => toast(`${inv.id}.pdf is ready in your downloads.`));
    },
  };
}

const PERIODS = { 'this-month': 'This month', 'last-month': 'Last month', 'this-quarter': 'This quarter', custom: 'Custom range' };
function reports() {
  const unpaid = (i) => i.status === 'open' || i.status === 'overdue';
  const rows = [...invoices].sort((a, b) => b.total - a.total).slice(0, 5).map((i) => [i.customer, i.total, unpaid(i) ? i.total : 0]);
  // Aging: what is unpaid, by how long past its due date.
  const late = (i) => Math.floor((Date.now() - i.due.getTime()) / DAY_MS);
  const aging = [
    ['Current', (i) => late(i) <= 0],
    ['1–30 days', (i) => late(i) > 0 && late(i) <= 30],
    ['31–60 days', (i) => late(i) > 30 && late(i) <= 60],
    ['Over 60 days', (i) => late(i) > 60],
  ].map(([label, inBucket]) => [label, sum(invoices.filter((i) => unpaid(i) && inBucket(i)))]);
  const agingMax = Math.max(1, ...aging.map((a) => a[1]));
  return {
    html: `
      <div class="page-head"><div><h1>Reports</h1><p class="muted">Revenue, payments and aging, ready for your accountant.</p></div></div>
      <section class="card">
        <h2>Export invoices</h2>
        <form id="export-form" class="export-form">
          <label>Period
            <select id="period">${Object.entries(PERIODS).map(([v, l]) => `<option value="${v}">${l}</option>`).join('')}</select>
          </label>
          <label class="range" hidden>From <input type="date" id="from"></label>
          <label class="range" hidden>To <input type="date" id="to"></label>
          <button class="button button-primary" type="button" id="export">Export CSV</button>
        </form>
        <p class="hint">Need a hand? <a href="/demo/help/exporting-reports" data-forestall-article="exporting-reports">Exporting reports to CSV</a></p>
      </section>
      <div class="grid-2">
        <section class="card card-flush">
          <h2 class="card-pad">Largest invoices by customer</h2>
          <table class="table"><thead><tr><th>Customer</th><th class="num">Invoiced</th><th class="num">Outstanding</th></tr></thead>
          <tbody>${rows.map(([c, v, o]) => `<tr><td>${esc(c)}</td><td class="num">${money(v)}</td><td class="num">${o ? money(o) : '—'}</td></tr>`).join('')}</tbody></table>
        </section>
        <section class="card">
          <h2>Aging</h2>
          <ul class="aging">${aging.map(([l, v]) => `<li><span>${l}</span><span class="aging-track"><span class="aging-bar" data-value="${v}"></span></span><span class="num">${money(v)}</span></li>`).join('')}</ul>
        </section>
      </div>`,
    after() {
      for (const bar of view.querySelectorAll('.aging-bar')) bar.style.width = `${(Number(bar.dataset.value) / agingMax) * 100}%`;
      const period = view.querySelector('#period');
      period.addEventListener('change', () => {
        for (const l of view.querySelectorAll('.range')) l.hidden = period.value !== 'custom';
      });
      view.querySelector('#export').addEventListener('click', exportCsv);
    },
  };
}

const parseDate = (v) => (v ? new Date(v + 'T00:00:00Z') : null);

function periodRange(period) {
  const now = new Date();
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  if (period === 'custom') return { from: parseDate(view.querySelector('#from').value), to: parseDate(view.querySelector('#to').value) };
  if (period === 'last-month') return { from: new Date(Date.UTC(y, m - 1, 1)), to: new Date(Date.UTC(y, m, 0)) };
  if (period === 'this-quarter') return { from: new Date(Date.UTC(y, m - (m % 3), 1)), to: now };
  return { from: new Date(Date.UTC(y, m, 1)), to: now };
}

// The bug the demo keeps on purpose: a custom range with an empty date throws (the same TypeError every time), the
// button comes back as if nothing happened, and people press it again. edge/runtime/seed/history.ts seeds this error.
function exportCsv() {
  const button = view.querySelector('#export');
  const period = view.querySelector('#period').value;
  button.disabled = true;
  button.textContent = 'Preparing export…';
  setTimeout(() => {
    button.disabled = false;
    button.textContent = 'Export CSV';
    const range = periodRange(period);
    const name = `ledgerly-invoices-${range.from.toISOString().slice(0, 10)}-to-${range.to.toISOString().slice(0, 10)}.csv`;
    const csv = ['invoice,customer,issued,due,status,total']
      .concat(invoices.filter((i) => i.issued >= range.from && i.issued <= range.to).map((i) => [i.id, `"${i.customer}"`, i.issued.toISOString().slice(0, 10), i.due.toISOString().slice(0, 10), i.status, i.total.toFixed(2)].join(',')))
      .join('\n');
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    link.download = name;
    link.click();
    URL.revokeObjectURL(link.href);
    toast(`Exported ${name}.`);
  }, 600);
}

function settings() {
  const me = ledgerly.current();
  const planName = { free: 'Free', pro: 'Pro', team: 'Team', enterprise: 'Enterprise' }[me.plan];
  return {
    html: `
      <div class="page-head"><div><h1>Billing settings</h1><p class="muted">Your plan, how you pay Ledgerly, and the details printed on your invoices.</p></div></div>
      <div class="grid-2">
        <section class="card">
          <h2>Plan</h2>
          <p class="plan-line"><strong>${planName}</strong> <span class="muted">· billed yearly · renews ${shortDate(day(41))}</span></p>
          <button class="button" type="button" id="change-plan">Compare plans</button>
        </section>
        <section class="card">
          <h2>Payment method</h2>
          <p class="plan-line"><span class="card-brand">VISA</span> <span data-forestall-mask>•••• 4242</span> <span class="muted">expires 08/28</span></p>
          <a href="/demo/help/update-card" data-forestall-article="update-card">How to update your card</a>
        </section>
      </div>
      <form id="billing-form" class="card form">
        <h2>Billing details</h2>
        <p class="muted">Printed on every invoice you send and checked with the EU VAT service (VIES) when you save.</p>
        <div class="fields">
          <label>Company name<input name="company" required autocomplete="organization" value="${esc(me.accountName)}"></label>
          <label>Billing email<input name="email" type="email" required autocomplete="email" placeholder="accounts@company.com"></label>
          <label>Country
            <select name="country" autocomplete="country">
              <option value="DE" selected>Germany</option><option value="FR">France</option><option value="NL">Netherlands</option><option value="IE">Ireland</option><option value="US">United States</option>
            </select>
          </label>
          <label>VAT ID<input name="vat" id="vat" inputmode="text" autocomplete="off" placeholder="123456789" aria-describedby="vat-help"><span id="vat-help" class="field-help">As on your VAT registration.</span></label>
          <label class="wide">Street address<input name="street" required autocomplete="street-address" value="Torstraße 118"></label>
          <label>Postal code<input name="postal" required pattern="[0-9]{5}" inputmode="numeric" autocomplete="postal-code" placeholder="10115" title="Five digits"></label>
          <label>City<input name="city" required autocomplete="address-level2" value="Berlin"></label>
        </div>
        <div class="form-foot">
          <button class="button button-primary" type="submit">Save billing details</button>
          <span class="muted">Stuck? Read <a href="/demo/help/vat-ids" data-forestall-article="vat-ids">VAT ID formats</a>.</span>
        </div>
      </form>`,
    after() {
      view.querySelector('#change-plan').addEventListener('click', () => toast('Plans are compared on ledgerly.example/pricing.'));
      view.querySelector('#billing-form').addEventListener('submit', saveBilling);
    },
  };
}

// What the VAT service answers, as the server would: the prefix is required even with the country chosen above,
// which is exactly what trips people (the field's placeholder does not show one).
const VAT_ERROR = 'VAT ID not valid: it must start with the country code, e.g. DE123456789.';
function saveBilling(e) {
  e.preventDefault();
  const form = e.target;
  const vat = form.querySelector('#vat');
  const button = form.querySelector('[type=submit]');
  button.disabled = true;
  button.textContent = 'Saving…';
  // The previous answer goes away while saving; each new error is a new alert, as a server-rendered one would be.
  form.querySelector('.alert')?.remove();
  setTimeout(() => {
    button.disabled = false;
    button.textContent = 'Save billing details';
    const value = vat.value.replace(/[\s.]/g, '').toUpperCase();
    if (value && !/^[A-Z]{2}[0-9A-Z]{8,12}$/.test(value)) {
      vat.setAttribute('aria-invalid', 'true');
      const error = document.createElement('div');
      error.className = 'alert';
      error.id = 'form-error';
      error.setAttribute('role', 'alert');
      error.textContent = VAT_ERROR;
      form.querySelector('.fields').before(error);
      return;
    }
    vat.removeAttribute('aria-invalid');
    toast('Billing details saved.');
  }, 500);
}

const INTEGRATIONS = [
  { id: 'quickbooks', name: 'QuickBooks', text: 'Sync invoices, payments and customers with QuickBooks Online.', logo: 'QB' },
  { id: 'xero', name: 'Xero', text: 'Send paid invoices to Xero and reconcile them there.', logo: 'X', connected: 'Last sync 12 minutes ago' },
  { id: 'stripe', name: 'Stripe', text: 'Accept card payments on every invoice.', logo: 'S', connected: 'Payouts every 2 days' },
  { id: 'slack', name: 'Slack', text: 'Post a message when an invoice is paid.', logo: '#' },
];
function integrations() {
  return {
    html: `
      <div class="page-head"><div><h1>Integrations</h1><p class="muted">Connect the tools your finance team already uses.</p></div></div>
      <div class="integrations">
        ${INTEGRATIONS.map((i) => `
          <section class="card integration" data-integration="${i.id}">
            <div class="integration-head"><span class="logo logo-${i.id}" aria-hidden="true">${i.logo}</span><h2>${i.name}</h2>${i.connected ? '<span class="pill pill-paid">Connected</span>' : ''}</div>
            <p class="muted">${i.text}</p>
            <div class="integration-foot">
              ${i.connected ? `<span class="muted small" data-status>${i.connected}</span><button class="button" type="button" data-sync>Sync now</button>` : `<button class="button button-primary" type="button" id="connect-${i.id}" ${i.id === 'quickbooks' ? 'aria-label="Connect QuickBooks"' : ''}>Connect</button>`}
            </div>
          </section>`).join('')}
      </div>
      <p class="hint">Only admins can connect integrations. <a href="/demo/help/quickbooks" data-forestall-article="quickbooks">Connecting QuickBooks</a></p>`,
    after() {
      // The dead click the demo keeps: in the real bug the pop-up is blocked silently, so the page does nothing at all.
      view.querySelector('#connect-quickbooks').addEventListener('click', () => {});
      view.querySelector('#connect-slack').addEventListener('click', (e) => {
        e.target.outerHTML = '<span class="pill pill-paid">Connected</span>';
        toast('Slack connected: paid invoices will post to #finance.');
      });
      for (const b of view.querySelectorAll('[data-sync]')) {
        b.addEventListener('click', () => {
          b.closest('.integration').querySelector('[data-status]').textContent = 'Last sync just now';
        });
      }
    },
  };
}

function helpCenter() {
  return {
    html: `
      <div class="page-head"><div><h1>Help center</h1><p class="muted">Guides for everything in Ledgerly.</p></div></div>
      <div class="articles">
        ${articles.map((a) => `<a class="card article-card" href="${esc(a.url)}" data-forestall-article="${esc(a.id)}"><h2>${esc(a.title)}</h2><p class="muted">${esc(plain(a.body).slice(0, 110))}…</p></a>`).join('')}
      </div>`,
  };
}

function article(id) {
  const a = articles.find((x) => x.id === id);
  if (!a) return notFound();
  const related = articles.filter((x) => x.id !== a.id && x.tags.some((t) => a.tags.includes(t))).slice(0, 3);
  return {
    html: `
      <nav class="crumbs" aria-label="Breadcrumb"><a href="/demo/help" data-route>Help center</a></nav>
      <div class="help-layout">
        <article class="card prose"><h1>${esc(a.title)}</h1>${markdown(a.body)}</article>
        <aside class="card related">
          <h2>Related articles</h2>
          <ul>${related.map((r) => `<li><a href="${esc(r.url)}" data-forestall-article="${esc(r.id)}">${esc(r.title)}</a></li>`).join('')}</ul>
          <h2>Still stuck?</h2>
          <button class="button" type="button" id="contact">Ask Ledgerly support</button>
        </aside>
      </div>`,
    after() {
      view.querySelector('#contact').addEventListener('click', () => forestall('openHelp'));
    },
  };
}

const plain = (md) => md.replace(/^(- |\d+\. )/gm, '').replace(/\*\*|\*/g, '').replace(/\n+/g, ' ');
/** The articles' small markdown (paragraphs, lists, bold): escaped first, so nothing in an article becomes markup. */
function markdown(md) {
  const inline = (s) => esc(s).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');
  return md
    .split(/\n\n+/)
    .map((block) => {
      const lines = block.split('\n');
      if (lines.every((l) => /^- /.test(l))) return `<ul>${lines.map((l) => `<li>${inline(l.slice(2))}</li>`).join('')}</ul>`;
      if (lines.every((l) => /^\d+\. /.test(l))) return `<ol>${lines.map((l) => `<li>${inline(l.replace(/^\d+\. /, ''))}</li>`).join('')}</ol>`;
      return `<p>${inline(block)}</p>`;
    })
    .join('');
}

function notFound() {
  return { html: '<div class="page-head"><div><h1>Not found</h1><p class="muted">That page does not exist. <a href="/demo/" data-route>Back to the dashboard</a></p></div></div>' };
}

// ---------------------------------------------------------------------------------------------------------------
// Routing: pushState, as a real SPA; the SDK sees every route change on its own.

const ROUTES = [
  [/^\/demo\/?$/, dashboard],
  [/^\/demo\/invoices$/, invoiceList],
  [/^\/demo\/invoices\/([\w-]+)$/, invoicePage],
  [/^\/demo\/reports$/, reports],
  [/^\/demo\/settings$/, settings],
  [/^\/demo\/integrations$/, integrations],
  [/^\/demo\/help$/, helpCenter],
  [/^\/demo\/help\/([\w-]+)$/, article],
];

async function render() {
  const path = location.pathname;
  if (path.startsWith('/demo/help')) {
    await articlesLoaded;
    if (location.pathname !== path) return; // navigated away while waiting: a newer render owns #view
  }
  let page = notFound();
  for (const [re, fn] of ROUTES) {
    const m = path.match(re);
    if (m) {
      page = fn(m[1]);
      break;
    }
  }
  view.innerHTML = page.html;
  if (page.after) page.after();
  for (const a of document.querySelectorAll('[data-nav]')) {
    const target = a.dataset.nav;
    const here = target === '/demo/' ? path === '/demo/' || path === '/demo' : path === target || path.startsWith(target + '/');
    if (here) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function go(href) {
  history.pushState({}, '', href);
  render();
  scrollTo(0, 0);
}

document.addEventListener('click', (e) => {
  const a = e.target.closest('a[data-route], a[data-forestall-article]');
  if (!a || e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
  e.preventDefault();
  go(a.getAttribute('href'));
});
addEventListener('popstate', render);

// ---------------------------------------------------------------------------------------------------------------
// Chrome around the pages: who is signed in, the switcher, toasts, Help.

function toast(text) {
  const box = document.getElementById('toasts');
  const t = document.createElement('div');
  t.className = 'toast';
  t.textContent = text;
  box.appendChild(t);
  setTimeout(() => t.remove(), 4000);
}

const whoButton = document.getElementById('who');
const whoMenu = document.getElementById('who-menu');

function renderIdentity() {
  const me = ledgerly.current();
  whoButton.innerHTML = `<span class="avatar" aria-hidden="true">${esc(initials(me.name))}</span><span class="who-text"><strong>${esc(me.name)}</strong><span>${esc(me.accountName)}</span></span><span class="caret" aria-hidden="true">▾</span>`;
  whoButton.setAttribute('aria-label', `Signed in as ${me.name}, ${me.accountName}. Switch user`);
  document.getElementById('workspace').innerHTML = `<strong>${esc(me.accountName)}</strong><span class="tier tier-${esc(me.tier)}">${esc(me.tier === 'vip' ? 'Partner' : me.tier)}</span>`;
  document.getElementById('plan-note').textContent = `${me.plan[0].toUpperCase() + me.plan.slice(1)} plan · ${me.role}`;
  whoMenu.innerHTML =
    '<p class="menu-title">Sign in as (demo)</p>' +
    ledgerly.personas
      .map(
        (p) => `<button type="button" role="menuitemradio" class="menu-item" data-user="${esc(p.userId)}" aria-checked="${p.userId === me.userId}">
          <span class="avatar avatar-sm" aria-hidden="true">${esc(initials(p.name))}</span>
          <span class="menu-text"><strong>${esc(p.name)}</strong><span>${esc(p.accountName)} · ${esc(p.role)}${p.joinedDaysAgo < 14 ? ' · new' : ''}</span></span>
          <span class="menu-story">${esc(p.story)}</span>
        </button>`,
      )
      .join('');
  document.getElementById('sdk-who').innerHTML = `identify(<code>${esc(me.userId)}</code>, account <code>${esc(me.accountId)}</code>) · plan ${esc(me.plan)} · ${esc(me.role)}`;
}

function setMenu(open) {
  whoMenu.hidden = !open;
  whoButton.setAttribute('aria-expanded', String(open));
  if (open) whoMenu.querySelector('[aria-checked="true"]').focus();
}

whoButton.addEventListener('click', () => setMenu(whoMenu.hidden));
whoMenu.addEventListener('click', (e) => {
  const item = e.target.closest('[data-user]');
  if (!item) return;
  const me = ledgerly.switchTo(item.dataset.user);
  setMenu(false);
  whoButton.focus();
  renderIdentity();
  render();
  log('identify', `Signed in as ${me.name} (${me.accountName})`);
});
whoMenu.addEventListener('keydown', (e) => {
  const items = [...whoMenu.querySelectorAll('[data-user]')];
  const k = items.indexOf(document.activeElement);
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    items[(k + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length].focus();
  }
});
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && !whoMenu.hidden) {
    setMenu(false);
    whoButton.focus();
  }
});
document.addEventListener('click', (e) => {
  if (!whoMenu.hidden && !e.target.closest('.switcher')) setMenu(false);
});

document.getElementById('help').addEventListener('click', () => forestall('openHelp'));

// ---------------------------------------------------------------------------------------------------------------
// The demo's window into the SDK: what it detected and what it did, as its public events report them.

const sdkLog = document.getElementById('sdk-log');
function log(kind, text, detail) {
  document.getElementById('sdk-empty').hidden = true;
  const li = document.createElement('li');
  li.className = `sdk-item sdk-${kind}`;
  const time = new Date().toLocaleTimeString('en-GB');
  li.innerHTML = `<span class="sdk-kind">${esc(kind.replace('_', ' '))}</span><time>${time}</time><span class="sdk-text">${esc(text)}</span>${detail ? `<span class="sdk-detail">${esc(detail)}</span>` : ''}`;
  sdkLog.prepend(li);
  while (sdkLog.children.length > 8) sdkLog.lastElementChild.remove();
}

const describe = (s) => {
  const d = s.detail || {};
  if (s.type === 'screen_cycling') return `${d.returns} returns among ${(d.screens || []).join(' ⇄ ')}`;
  if (s.type === 'dead_click') return `nothing happened after "${d.label}"`;
  if (s.type === 'rage_click') return `${d.clicks} fast clicks on "${d.label}"`;
  if (s.type === 'error_loop') return `${d.repeats}× ${d.fingerprint}`;
  if (s.type === 'form_struggle') return `${d.invalidSubmits} rejected submits of ${d.form}`;
  if (s.type === 'help_seeking') return `${d.opens} help articles opened`;
  return '';
};
forestall('on', 'friction', (s) => log(s.type, `on ${s.screen}`, describe(s)));
forestall('on', 'tip:shown', (e) => log('tip', `Tip shown: ${e.tip.title}`));
forestall('on', 'tip:dismissed', (e) => log('tip', `Tip dismissed: ${e.tipId}`));
forestall('on', 'handoff', (c) => log('handoff', `Handed off to support: case ${c.reference}`));

const toggle = document.getElementById('sdk-toggle');
toggle.addEventListener('click', () => {
  const body = document.getElementById('sdk-body');
  body.hidden = !body.hidden;
  toggle.textContent = body.hidden ? 'Show' : 'Hide';
  toggle.setAttribute('aria-expanded', String(!body.hidden));
});

renderIdentity();
render();
