// The demo workspace's tips and help articles, written on first start so the demo app shows the loop at once.
import type { Tip } from '../../sdk/wire';
import type { Article } from '../wire-schemas';

export const DEMO_TIPS: Tip[] = [
  {
    id: 'find-an-invoice',
    title: 'Looking for a particular invoice?',
    body: 'Every invoice has its own page: open it from **Invoices**, then use *Back to invoices* to return.\n\nThe status column shows what is still unpaid.',
    articleUrl: '/demo/help/finding-invoices',
    when: { signal: 'screen_cycling', screen: '/demo/invoices**' },
    priority: 10,
    cooldownMs: 10 * 60_000,
  },
  {
    id: 'vat-id-format',
    title: 'VAT IDs start with a country code',
    body: 'Enter your VAT ID with its two-letter country prefix, for example **DE123456789**. Spaces in the card number are fine.',
    articleUrl: '/demo/help/vat-ids',
    when: { signal: ['form_struggle', 'error_loop'], screen: '/demo/settings' },
    priority: 20,
    cooldownMs: 10 * 60_000,
  },
  {
    id: 'connect-needs-admin',
    title: 'Connecting QuickBooks',
    body: 'Connect opens QuickBooks in a new window. If nothing happens, allow pop-ups for this site and try again.',
    articleUrl: '/demo/help/quickbooks',
    when: { signal: ['dead_click', 'rage_click'], screen: '/demo/integrations' },
    priority: 15,
    cooldownMs: 10 * 60_000,
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

export const DEMO_ARTICLES: Article[] = [
  { id: 'vat-ids', title: 'VAT ID formats by country', url: '/demo/help/vat-ids', body: 'A VAT ID starts with a two-letter country code (DE, FR, NL…) followed by 8 to 12 digits. Example: DE123456789.', tags: ['billing', 'tax'] },
  { id: 'update-card', title: 'Updating your card', url: '/demo/help/update-card', body: 'Open Billing settings, enter the 16-digit card number (spaces allowed) and save. The new card is charged from the next invoice.', tags: ['billing'] },
  { id: 'finding-invoices', title: 'Finding and filtering invoices', url: '/demo/help/finding-invoices', body: 'The Invoices page lists every invoice with its customer, amount and status. Open one to send a reminder or download it.', tags: ['invoices'] },
  { id: 'getting-paid', title: 'Getting paid faster', url: '/demo/help/getting-paid', body: 'Send reminders from an overdue invoice, and turn on automatic reminders in Billing settings.', tags: ['invoices', 'reminders'] },
  { id: 'quickbooks', title: 'Connecting QuickBooks', url: '/demo/help/quickbooks', body: 'Integrations → QuickBooks → Connect. A QuickBooks window opens to authorise the sync; allow pop-ups if it does not appear.', tags: ['integrations'] },
];
