// The demo workspace's tips and help articles: what Ledgerly (demo-app/) would configure in Forestall.
import type { Tip } from '../../sdk/wire';
import type { Article } from '../wire-schemas';
// The demo's own help center renders the same file, so the widget's help search and the product's help pages agree.
import helpCenter from '../../demo-app/help-center.json' with { type: 'json' };

const TEN_MINUTES = 10 * 60_000;

export const DEMO_TIPS: Tip[] = [
  {
    id: 'find-an-invoice',
    title: 'Looking for a particular invoice?',
    body: 'Every invoice has its own page: open it from **Invoices**, then use *Previous* and *Next* to walk the list without going back.\n\nThe tabs above the list show only what is open, overdue or paid.',
    articleUrl: '/demo/help/finding-invoices',
    when: { signal: 'screen_cycling', screen: '/demo/invoices**' },
    priority: 10,
    cooldownMs: TEN_MINUTES,
  },
  {
    id: 'vat-id-format',
    title: 'VAT IDs start with a country code',
    body: 'Enter your VAT ID with its two-letter country prefix, for example **DE123456789**, even when the country is already selected.',
    articleUrl: '/demo/help/vat-ids',
    when: { signal: ['form_struggle', 'error_loop', 'rage_click'], screen: '/demo/settings' },
    priority: 20,
    cooldownMs: TEN_MINUTES,
  },
  {
    id: 'connect-needs-admin',
    title: 'Connecting QuickBooks',
    body: 'Connect opens QuickBooks in a new window. If nothing happens, allow pop-ups for this site and try again.',
    articleUrl: '/demo/help/quickbooks',
    when: { signal: ['dead_click', 'rage_click'], screen: '/demo/integrations' },
    priority: 15,
    cooldownMs: TEN_MINUTES,
  },
  {
    // Members cannot connect integrations at all: for them the pop-up advice would be wrong, so this one wins.
    id: 'connect-admins-only',
    title: 'Only admins can connect integrations',
    body: 'Ask an admin of your Ledgerly account to press **Connect**; once QuickBooks is connected, everyone on your team sees the synced invoices.',
    articleUrl: '/demo/help/inviting-your-team',
    when: { signal: ['dead_click', 'rage_click'], screen: '/demo/integrations', traits: [{ trait: 'role', op: 'eq', value: 'member' }] },
    priority: 25,
    cooldownMs: TEN_MINUTES,
  },
  {
    id: 'export-needs-dates',
    title: 'A custom range needs both dates',
    body: 'Fill in **From** and **To**, or pick a period such as *Last month*, then press **Export CSV** again.',
    articleUrl: '/demo/help/exporting-reports',
    when: { signal: ['error_loop', 'rage_click'], screen: '/demo/reports' },
    priority: 20,
    cooldownMs: TEN_MINUTES,
  },
  {
    id: 'welcome-new-member',
    title: 'New to Ledgerly?',
    body: 'The *Getting started* guide walks through your first invoice in three steps. Press **Help** at the top any time to search every article.',
    articleUrl: '/demo/help/getting-started',
    when: { signal: 'help_seeking', newUser: true },
    priority: 12,
    cooldownMs: 30 * 60_000,
  },
  {
    id: 'help-center-search',
    title: 'Can we point you to the right article?',
    body: 'Press **Help** at the top to search every article, or tell us what you are trying to do.',
    when: { signal: 'help_seeking' },
    priority: 5,
    cooldownMs: 30 * 60_000,
  },
];

export const DEMO_ARTICLES: Article[] = helpCenter;
