// The ordinary support conversations of a billing product, as templates the seed fills in: the calm months before the risk.

/**
 * One kind of ticket. `{first}` is the customer's first name, `{agent}` the agent's, `{inv}` an invoice number,
 * `{n}` a small number. Customer lines are written to read neutral or friendly (the tone scorer sees them), so the
 * history is the calm baseline the risky weeks stand out from.
 */
export interface Conversation {
  topic: string;
  subject: string;
  tags: string[];
  opening: string[];
  reply: string[];
  /** The customer's second message, when the first answer needed one. */
  followUp?: string[];
  resolution: string[];
  thanks?: string[];
}

export const CALM_CONVERSATIONS: Conversation[] = [
  {
    topic: 'invoices',
    subject: 'How do I add a purchase order number to an invoice?',
    tags: ['invoices', 'how-to'],
    opening: [
      'Hi, one of our customers needs their purchase order number on every invoice. Where can I add it?',
      'Hello! Is there a field for purchase order numbers on invoices? A client asked for it.',
    ],
    reply: ['Hi {first}, open the invoice, choose Edit, and you will find "Purchase order" under the customer details. It prints under the invoice number. — {agent}, Ledgerly Support'],
    resolution: ['Glad to help, {first}. I have marked this as solved; reply any time if you need more. — {agent}'],
    thanks: ['Found it, thanks!', 'Perfect, that works. Thank you.'],
  },
  {
    topic: 'payments',
    subject: 'Customer paid by bank transfer, how do I record it?',
    tags: ['payments', 'how-to'],
    opening: [
      'Hi there, {inv} was paid by bank transfer. How do I mark it as paid so the reminders end?',
      'A customer paid {inv} directly into our account. Can I record that payment in Ledgerly?',
    ],
    reply: ['Hi {first}, open {inv} and choose "Record payment", pick bank transfer and the date. Reminders stop as soon as it is recorded. — {agent}, Ledgerly Support'],
    resolution: ['You are all set, {first}. — {agent}'],
    thanks: ['Great, done. Thanks!', 'Thanks, that was quick.'],
  },
  {
    topic: 'team',
    subject: 'Invite a new colleague',
    tags: ['team', 'how-to'],
    opening: [
      'Hello, we have a new bookkeeper starting Monday. How do I give her access?',
      'Hi, can I add another person to our Ledgerly account? She should only see invoices.',
    ],
    reply: ['Hi {first}, go to Settings → Team → Invite and choose the Member role: members see invoices, customers and reports, but not billing. — {agent}, Ledgerly Support'],
    resolution: ['Happy to help. Closing this one; write back any time. — {agent}'],
    thanks: ['Invite sent, thanks a lot.', 'Thanks, she is in.'],
  },
  {
    topic: 'reports',
    subject: 'Export for our accountant',
    tags: ['reports', 'export'],
    opening: [
      'Hi, our accountant wants all invoices from last quarter in a spreadsheet. Is there an export?',
      'Hello, can I download a CSV of paid invoices for the tax year?',
    ],
    reply: ['Hi {first}, yes: Reports → choose the period → Export CSV. It includes customer, amounts, tax and payment date for each invoice. — {agent}, Ledgerly Support'],
    resolution: ['Glad that worked. — {agent}'],
    thanks: ['Exactly what I needed, thank you!', 'Got it, thanks.'],
  },
  {
    topic: 'reminders',
    subject: 'Automatic reminders schedule',
    tags: ['reminders', 'how-to'],
    opening: [
      'Hi, can automatic reminders go out 5 days after the due date instead of 7?',
      'Hello, where do I change when payment reminders are sent?',
    ],
    reply: ['Hi {first}, Billing settings → Reminders lets you pick the days before and after the due date. Changes apply to every open invoice. — {agent}, Ledgerly Support'],
    resolution: ['Marked as solved. Have a good week, {first}! — {agent}'],
    thanks: ['Changed it, thanks.', 'Lovely, thanks for the quick answer.'],
  },
  {
    topic: 'branding',
    subject: 'Logo on invoice PDFs',
    tags: ['invoices', 'branding'],
    opening: [
      'Hi, we updated our logo. How do I get the new one on invoice PDFs?',
      'Hello, the logo on our PDFs looks small. Can it be bigger?',
    ],
    reply: ['Hi {first}, upload the logo under Settings → Branding; a PNG at least 600 px wide prints sharp. Size and position are set there too. — {agent}, Ledgerly Support'],
    followUp: ['Uploaded it, but the old logo still shows on {inv}. Do sent invoices update?'],
    resolution: ['Good question: invoices keep the logo they were sent with. New invoices use the new logo, and you can re-send {inv} to update it. — {agent}'],
    thanks: ['Makes sense, thanks.', 'Ok, re-sent it. Thanks!'],
  },
  {
    topic: 'payments',
    subject: 'Payout timing',
    tags: ['payments', 'payouts'],
    opening: [
      'Hi, a card payment came in on Monday. When does it reach our bank account?',
      'Hello, how long do card payments take to be paid out to us?',
    ],
    reply: ['Hi {first}, card payments are paid out 2 business days after they clear, so Monday\'s arrives on Wednesday. — {agent}, Ledgerly Support'],
    resolution: ['Closing this; write back if it does not show up. — {agent}'],
    thanks: ['Thanks for explaining.', 'Great, that helps our planning.'],
  },
  {
    topic: 'customers',
    subject: 'Merge two customer records',
    tags: ['customers', 'how-to'],
    opening: [
      'Hi, we have the same client twice in our customer list. Can they be merged?',
      'Hello, how do I combine two customer records that are the same company?',
    ],
    reply: ['Hi {first}, open the customer you want to keep and choose More → Merge, then pick the duplicate. Invoices from both end up under one record. — {agent}, Ledgerly Support'],
    resolution: ['Done from our side too. — {agent}'],
    thanks: ['Merged, thank you!'],
  },
  {
    topic: 'tax',
    subject: 'Reverse charge note on invoices',
    tags: ['tax', 'invoices'],
    opening: [
      'Hi, for EU business customers we need the reverse charge note on invoices. Is that supported?',
      'Hello, can invoices to EU companies show "reverse charge" automatically?',
    ],
    reply: ['Hi {first}, yes: when the customer has a valid VAT ID in another EU country, Ledgerly applies 0% and adds the reverse charge note. Check the customer\'s VAT ID is filled in. — {agent}, Ledgerly Support'],
    followUp: ['The customer has a VAT ID but {inv} still shows tax. Could you check?'],
    resolution: ['Thanks for the example, {first}: the VAT ID on that customer had a space in the country prefix. I fixed it and re-issued {inv} with the note. — {agent}'],
    thanks: ['Thank you, looks right now.'],
  },
  {
    topic: 'account',
    subject: 'Change our billing email',
    tags: ['account', 'billing'],
    opening: [
      'Hi, please send our Ledgerly receipts to accounts@ instead of my address.',
      'Hello, how do I change the email that gets our subscription receipts?',
    ],
    reply: ['Hi {first}, Billing settings → Billing email. Receipts go there from the next charge. — {agent}, Ledgerly Support'],
    resolution: ['Updated. — {agent}'],
    thanks: ['Done, thanks.'],
  },
  {
    topic: 'invoices',
    subject: 'Credit note for a cancelled order',
    tags: ['invoices', 'credit-notes'],
    opening: [
      'Hi, a client returned part of an order on {inv}. How do I issue a credit note for {n} items?',
      'Hello, what is the best way to credit part of {inv}?',
    ],
    reply: ['Hi {first}, open {inv} → More → Credit note, then choose the lines and quantities. The credit note is numbered and sent like an invoice. — {agent}, Ledgerly Support'],
    resolution: ['Glad it worked out. — {agent}'],
    thanks: ['Worked perfectly, thanks.'],
  },
  {
    topic: 'integrations',
    subject: 'Xero sync frequency',
    tags: ['integrations', 'xero'],
    opening: [
      'Hi, how often do invoices sync to Xero? One from this morning is not there yet.',
      'Hello, can we make the Xero sync run more often?',
    ],
    reply: ['Hi {first}, the sync runs every 15 minutes; "Sync now" on the Integrations page runs it at once. The invoice from this morning is there now. — {agent}, Ledgerly Support'],
    resolution: ['Closing this one. — {agent}'],
    thanks: ['I see it now. Thanks!'],
  },
  {
    topic: 'invoices',
    subject: 'Numbering for the new year',
    tags: ['invoices', 'numbering'],
    opening: [
      'Hi, can invoice numbers restart with a year prefix, like 2026-001?',
      'Hello, our accountant wants invoice numbers to include the year. Possible?',
    ],
    reply: ['Hi {first}, Settings → Invoices → Numbering: use the pattern {YYYY}-{###}. Numbers already sent stay as they are. — {agent}, Ledgerly Support'],
    resolution: ['All set. — {agent}'],
    thanks: ['Great, thanks for the help.'],
  },
  {
    topic: 'payments',
    subject: 'Offer bank transfer on the payment page',
    tags: ['payments', 'how-to'],
    opening: [
      'Hi, some customers prefer paying by bank transfer. Can the payment page show our bank details?',
    ],
    reply: ['Hi {first}, Billing settings → Payment options → Bank transfer: add your IBAN and it appears on the payment page and the PDF. — {agent}, Ledgerly Support'],
    resolution: ['Happy to help, {first}. — {agent}'],
    thanks: ['Added it. Thank you!'],
  },
];

/** The friction a user met in Ledgerly, and the ticket they file when no tip (or a tip that did not help) got them past it. */
export type FrictionScenario = 'invoice_cycling' | 'vat_form' | 'quickbooks_connect' | 'export_range' | 'help_hunt';

export const FRICTION_CONVERSATIONS: Record<FrictionScenario, Conversation> = {
  invoice_cycling: {
    topic: 'invoices',
    subject: 'Where do I see which invoices are still unpaid?',
    tags: ['invoices', 'how-to'],
    opening: ['Hi, I keep going through invoices one by one to see which are unpaid. Is there a quicker way?'],
    reply: ['Hi {first}, the tabs above the invoice list filter it: "Open" and "Overdue" show only what is unpaid, and Previous/Next on an invoice walks the list. — {agent}, Ledgerly Support'],
    resolution: ['Glad that helps. — {agent}'],
    thanks: ['Oh, I missed the tabs. Thanks!'],
  },
  vat_form: {
    topic: 'tax',
    subject: 'VAT ID not accepted in billing settings',
    tags: ['tax', 'billing', 'settings'],
    opening: ['Hello, Billing settings will not accept our VAT ID. We enter the number exactly as it is on our registration. What format does it need?'],
    reply: ['Hi {first}, the VAT ID needs its two-letter country prefix, for example DE123456789, even with the country selected. — {agent}, Ledgerly Support'],
    resolution: ['You are welcome, {first}. — {agent}'],
    thanks: ['With the prefix it saved. Thanks.'],
  },
  quickbooks_connect: {
    topic: 'integrations',
    subject: 'QuickBooks Connect button does nothing',
    tags: ['integrations', 'quickbooks'],
    opening: ['Hi, when I press Connect on the QuickBooks card nothing happens. Is the integration available for our plan?'],
    reply: ['Hi {first}, it is: Connect opens QuickBooks in a pop-up, which your browser may block. Allow pop-ups for Ledgerly and try again; only admins can connect. — {agent}, Ledgerly Support'],
    resolution: ['Great to hear it is syncing. — {agent}'],
    thanks: ['The pop-up was blocked. Connected now, thanks.'],
  },
  export_range: {
    topic: 'reports',
    subject: 'CSV export does not download',
    tags: ['reports', 'export'],
    opening: ['Hi, I chose a custom range in Reports and pressed Export CSV twice, and no file came. Can you check?'],
    reply: ['Hi {first}, a custom range needs both the From and To dates; with one missing the export stops. We are making that clearer in the product. — {agent}, Ledgerly Support'],
    resolution: ['Thanks for your patience. — {agent}'],
    thanks: ['With both dates it worked. Thanks!'],
  },
  help_hunt: {
    topic: 'recurring',
    subject: 'Setting up a monthly invoice',
    tags: ['invoices', 'recurring', 'how-to'],
    opening: ['Hello, I read a few help articles but still cannot find how to send the same invoice every month. Where is that?'],
    reply: ['Hi {first}, open an existing invoice and choose Repeat: pick monthly, the first date and when to stop. — {agent}, Ledgerly Support'],
    resolution: ['Happy to help. — {agent}'],
    thanks: ['Found Repeat, thank you.'],
  },
};

/** Ordinary ratings: what people write when support simply worked. */
export const GOOD_CSAT_COMMENTS = ['Quick and clear, thanks!', 'Fast answer.', 'Very helpful.', 'Solved in minutes.', '', 'Great support as always.'];

/** Older bad ratings, months back: every account has had an off day, which is history, not a current risk. */
export const BAD_CSAT_COMMENTS = [
  'Took two days to get an answer.',
  'Had to explain the same thing twice.',
  'The answer did not match what I see on screen.',
];

/**
 * Older tickets that went badly and were resolved, months ago: they make the history honest (not every ticket is
 * calm) while staying outside the 30-day window the risk engine reads.
 */
export const ROUGH_CONVERSATIONS: Conversation[] = [
  {
    topic: 'payments',
    subject: 'Card payments failing for our customers',
    tags: ['payments', 'bug'],
    opening: ['Several of our customers say their card payment fails on the payment page for {inv}. This is costing us money, please look at it urgently.'],
    reply: ['Hi {first}, sorry about this. We found a problem with one card network this morning and a fix is rolling out now. — {agent}, Ledgerly Support'],
    followUp: ['It is still failing for two customers. This is really frustrating, we rely on this.'],
    resolution: ['The fix is fully out and both payments went through on retry. Sorry again for the trouble, {first}. — {agent}'],
  },
  {
    topic: 'invoices',
    subject: 'Invoices sent twice to clients',
    tags: ['invoices', 'bug'],
    opening: ['Our clients received {inv} twice this morning. That looks unprofessional. What happened?'],
    reply: ['Hi {first}, a retry in our email system sent a small number of invoices twice. It is fixed, and no invoice was charged twice. — {agent}, Ledgerly Support'],
    resolution: ['We have added a check so a retry can never send the same invoice twice. Sorry for the embarrassment, {first}. — {agent}'],
  },
];
