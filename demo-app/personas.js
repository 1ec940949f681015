// Who the visitor is in the demo: users of the seeded accounts (edge/runtime/seed/accounts.ts), remembered across reloads, identified before the SDK loads.
(function () {
  'use strict';
  // Each is a real user of the seeded workspace, so what a visitor does adds to that account's story in the console.
  var personas = [
    { userId: 'u_ana', accountId: 'acct_acme', name: 'Ana Ortiz', role: 'admin', accountName: 'Acme Logistics', plan: 'enterprise', tier: 'enterprise', joinedDaysAgo: 610, story: 'Two tickets still open' },
    { userId: 'u_jonas', accountId: 'acct_lumen', name: 'Jonas Weber', role: 'member', accountName: 'Lumen Architects GmbH', plan: 'pro', tier: 'pro', joinedDaysAgo: 220, story: 'Stuck on the VAT form' },
    { userId: 'u_priya', accountId: 'acct_tidepool', name: 'Priya Raman', role: 'member', accountName: 'Tidepool Swim School', plan: 'pro', tier: 'pro', joinedDaysAgo: 9, story: 'New member, still confused' },
    { userId: 'u_helen', accountId: 'acct_orchid', name: 'Helen Park', role: 'admin', accountName: 'Orchid Dental Group', plan: 'enterprise', tier: 'enterprise', joinedDaysAgo: 800, story: 'Losing patience' },
    { userId: 'u_sam', accountId: 'acct_fjord', name: 'Sam Okafor', role: 'admin', accountName: 'Fjord Analytics', plan: 'pro', tier: 'pro', joinedDaysAgo: 700, story: 'Stopped logging in' },
    { userId: 'u_diego', accountId: 'acct_quarry', name: 'Diego Alvarez', role: 'admin', accountName: 'Quarry Construction', plan: 'enterprise', tier: 'enterprise', joinedDaysAgo: 900, story: 'Wants a refund' },
    { userId: 'u_lena', accountId: 'acct_vertex', name: 'Lena Fischer', role: 'admin', accountName: 'Vertex Partners', plan: 'enterprise', tier: 'vip', joinedDaysAgo: 840, story: 'Partner account' },
    { userId: 'u_mia', accountId: 'acct_meadowlark', name: 'Mia Chen', role: 'admin', accountName: 'Meadowlark Farms', plan: 'free', tier: 'free', joinedDaysAgo: 260, story: 'Happy customer' }
  ];
  var KEY = 'ledgerly:persona';
  var DAY_MS = 864e5;

  function remembered() {
    try {
      return localStorage.getItem(KEY);
    } catch (e) {
      return null; // storage blocked: every reload starts as the first persona
    }
  }

  // Traits the tips' conditions read: plan, role, and createdAt for "new member" (joined under 14 days ago).
  function traits(p) {
    return { plan: p.plan, role: p.role, createdAt: new Date(Date.now() - p.joinedDaysAgo * DAY_MS).toISOString().slice(0, 10) };
  }

  function find(userId) {
    return personas.filter(function (p) { return p.userId === userId; })[0];
  }

  var current = find(remembered()) || personas[0];

  window.ledgerly = {
    personas: personas,
    current: function () { return current; },
    traits: traits,
    /** Signs in as someone else: the SDK forgets the previous user (reset) and learns the new one. */
    switchTo: function (userId) {
      var next = find(userId);
      if (!next || next === current) return current;
      current = next;
      try {
        localStorage.setItem(KEY, next.userId);
      } catch (e) {
        // not remembered across reloads, but the switch still holds for this page
      }
      forestall('reset');
      forestall('identify', { userId: next.userId, accountId: next.accountId, traits: traits(next) });
      return current;
    }
  };

  // Before the SDK script: the stub queues this, so the very first screen is already the signed-in user's.
  forestall('identify', { userId: current.userId, accountId: current.accountId, traits: traits(current) });
})();
