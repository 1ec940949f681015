// Ledgerly: a tiny SPA with the kinds of friction Forestall looks for (a form that trips people, a button that does nothing).
(function () {
  var view = document.getElementById('view');
  var invoices = [
    { id: 'INV-1042', customer: 'Acme Corp', amount: '$2,400.00', status: 'Overdue' },
    { id: 'INV-1043', customer: 'Globex', amount: '$310.00', status: 'Paid' },
    { id: 'INV-1044', customer: 'Initech', amount: '$1,180.00', status: 'Draft' }
  ];
  var pages = {
    '/demo/': function () {
      return '<h1>Dashboard</h1><div class="card"><p>Outstanding: <strong>$3,580.00</strong> across 2 invoices.</p>' +
        '<p>Need help? <a href="/demo/help/getting-paid" data-forestall-article="getting-paid">Getting paid faster</a></p></div>';
    },
    '/demo/invoices': function () {
      return '<h1>Invoices</h1><table><tr><th>Invoice</th><th>Customer</th><th>Amount</th><th>Status</th></tr>' +
        invoices.map(function (i) {
          return '<tr><td><a href="/demo/invoices/' + i.id + '" data-route>' + i.id + '</a></td><td>' + i.customer + '</td><td>' + i.amount + '</td><td>' + i.status + '</td></tr>';
        }).join('') + '</table>';
    },
    '/demo/settings': function () {
      return '<h1>Billing settings</h1><form id="billing-form" class="card" novalidate>' +
        '<label for="card">Card number</label><input id="card" inputmode="numeric" autocomplete="cc-number" placeholder="1234 5678 9012 3456">' +
        '<label for="vat">VAT ID</label><input id="vat" placeholder="EU123456789">' +
        '<p id="form-error" class="error" hidden></p><button class="primary" type="submit">Save billing details</button></form>' +
        '<p>Stuck? Read <a href="/demo/help/vat-ids" data-forestall-article="vat-ids">VAT ID formats</a> or ' +
        '<a href="/demo/help/update-card" data-forestall-article="update-card">Updating your card</a>.</p>';
    },
    '/demo/integrations': function () {
      return '<h1>Integrations</h1><div class="card"><h2>QuickBooks</h2><p>Sync invoices and payments.</p>' +
        '<button class="primary" id="connect" type="button">Connect</button></div>';
    }
  };
  function invoicePage(id) {
    var inv = invoices.filter(function (i) { return i.id === id; })[0];
    if (!inv) return '<h1>Not found</h1>';
    return '<h1>' + inv.id + '</h1><div class="card"><p>' + inv.customer + ' — ' + inv.amount + ' — ' + inv.status + '</p>' +
      '<button type="button" id="send-reminder">Send reminder</button> <a href="/demo/invoices" data-route>Back to invoices</a></div>';
  }
  function render() {
    var path = location.pathname;
    if (path.indexOf('/demo/help/') === 0) {
      view.innerHTML = '<h1>Help: ' + path.slice(11).replace(/-/g, ' ') + '</h1><p>(The help center would open here.)</p>';
      return;
    }
    var m = path.match(/^\/demo\/invoices\/([\w-]+)$/);
    view.innerHTML = m ? invoicePage(m[1]) : (pages[path] || pages['/demo/'])();
  }
  document.addEventListener('click', function (e) {
    var a = e.target.closest('a[data-route], a[data-forestall-article]');
    if (!a) return;
    e.preventDefault();
    history.pushState({}, '', a.getAttribute('href'));
    render();
  });
  document.addEventListener('submit', function (e) {
    if (e.target.id !== 'billing-form') return;
    e.preventDefault();
    var card = document.getElementById('card').value.replace(/\s/g, '');
    var vat = document.getElementById('vat').value.trim();
    var err = document.getElementById('form-error');
    // The validation that trips people: spaces are fine, but the VAT ID must carry its country prefix.
    var msg = !/^\d{16}$/.test(card) ? 'Card number must be 16 digits.' : !/^[A-Z]{2}\d{8,12}$/.test(vat) ? 'VAT ID must start with a country code, e.g. DE123456789.' : '';
    err.hidden = !msg;
    err.textContent = msg;
    if (msg) err.setAttribute('role', 'alert'); else view.insertAdjacentHTML('beforeend', '<p>Saved.</p>');
  });
  document.getElementById('help').addEventListener('click', function () { forestall('openHelp'); });
  addEventListener('popstate', render);
  forestall('on', 'friction', function (s) {
    var li = document.createElement('li');
    li.textContent = s.type + ' on ' + s.screen;
    document.querySelector('#signals ol').appendChild(li);
  });
  render();
})();
