// The last 30 days of each account: the evidence that puts it on the console's at-risk list, one risk pattern each.
//
// The risk engine reads 30 days (RISK_LOOKBACK_DAYS); the history (./history.ts) stops before that, so what each
// account shows comes from its story here alone. Thresholds are the defaults of DESIGN.md and issue 5. Times are
// hours before `now`. Each story says which pattern it shows and why the data crosses that pattern's threshold,
// and what it keeps clear of so the reason the console gives is the one intended; seed.test.ts checks every claim.
import type { TicketPriority, TicketStatus } from '../../store';
import { SEED_AGENTS, type SeedAccount } from './accounts';
import { MINUTE, type DraftMessage, type SeedBuilder } from './builder';
import { CALM_CONVERSATIONS } from './conversations';
import { EXPORT_ERROR, SCREENS } from './history';

type AgentId = (typeof SEED_AGENTS)[number]['id'];

/** The server's answer to a VAT ID without its country code, word for word as demo-app/demo.js shows it. */
export const VAT_ERROR = 'VAT ID not valid: it must start with the country code, e.g. DE123456789.';

interface Line {
  /** Hours before now. */
  h: number;
  /** An agent's line; a customer's (the requester's) without. */
  agent?: AgentId;
  text: string;
}

interface StoryTicket {
  requester: string;
  subject: string;
  topic: string;
  tags: string[];
  priority: TicketPriority;
  status: TicketStatus;
  /** Hours before now; the first line's time when left out. */
  createdH?: number;
  solvedH?: number;
  csat?: { score: 'good' | 'bad'; comment?: string; h: number };
  lines: Line[];
}

function addStoryTicket(b: SeedBuilder, t: StoryTicket): void {
  const { account, user } = b.find(t.requester);
  const at = (h: number) => b.ago(0, h);
  const messages: DraftMessage[] = t.lines.map((l) => ({
    author: l.agent ? 'agent' : 'customer',
    authorId: l.agent ?? user.id,
    text: l.text,
    at: at(l.h),
  }));
  b.addTicket({
    account,
    requester: user,
    subject: t.subject,
    topic: t.topic,
    tags: t.tags,
    priority: t.priority,
    status: t.status,
    createdAt: at(t.createdH ?? t.lines[0]!.h),
    solvedAt: t.solvedH === undefined ? null : at(t.solvedH),
    messages,
    ...(t.csat ? { csat: { score: t.csat.score, at: at(t.csat.h), ...(t.csat.comment ? { comment: t.csat.comment } : {}) } } : {}),
  });
}

/** A calm, solved, well-rated ticket some days back: a healthy account still talks to support. */
function calmTicket(b: SeedBuilder, userId: string, daysAgo: number, topic: string): void {
  const { account, user } = b.find(userId);
  const c = CALM_CONVERSATIONS.find((x) => x.topic === topic)!;
  b.addTicket(b.conversationTicket(account, user, b.ago(daysAgo), c, { csat: 'good', csatComment: 'Quick and clear, thanks!' }));
}

/**
 * Acme Logistics (enterprise, $96k ARR, renews in 41 days) — UNRESOLVED STACK, and the field's rule
 * "two unresolved tickets in 5 days → CSM review". Two tickets from two different people, created 92 and 46 hours
 * before now, both still open: 2 unresolved within 5 days (threshold 2 in 5 days). Different issues (payment links,
 * purchase order numbers), so no repeat contact; two requesters, so no account volume (needs 3); calm, factual messages.
 * The CRM still says green. The demo's default visitor is Ana at Acme, so live friction adds to this account.
 */
function acme(b: SeedBuilder): void {
  addStoryTicket(b, {
    requester: 'u_ana',
    subject: 'Payment link shows as expired on an unpaid invoice',
    topic: 'payments',
    tags: ['payments', 'payment-links'],
    priority: 'high',
    status: 'open',
    lines: [
      { h: 92, text: 'Hi, two of our customers say the payment link on INV-2231 shows as expired, but the invoice is unpaid and due next week. Can you check?' },
      { h: 89, agent: 'agent_rita', text: 'Hi Ana, thanks for the details. The link was reissued when the invoice was edited on Monday. Could you send the second invoice number so we can confirm it is the same cause? — Rita, Ledgerly Support' },
      { h: 70, text: 'The second one is INV-2240. Both were edited after sending. Our customers are waiting to pay, so we would appreciate an update soon.' },
      { h: 66, agent: 'agent_rita', text: 'Thanks Ana. I have passed both to our payments team and will update you here as soon as I hear back. — Rita' },
    ],
  });
  addStoryTicket(b, {
    requester: 'u_tom',
    subject: 'Purchase order numbers missing from invoice PDFs',
    topic: 'invoices',
    tags: ['invoices', 'pdf'],
    priority: 'normal',
    status: 'open',
    lines: [
      { h: 46, text: 'Hello, since this week our invoice PDFs come out without the purchase order number, though it is filled in on the invoice. Our largest customer asks for it on every invoice.' },
      { h: 40, agent: 'agent_devon', text: 'Hi Tom, thanks for reporting this. We can reproduce it and engineering is looking at it. I will update you here. — Devon, Ledgerly Support' },
    ],
  });
}

/**
 * Brightwave Media (pro, $22.8k) — REPEAT CONTACT. Chloe's bank-feed ticket was solved 120 hours ago (rated good);
 * she opened a new one on the same topic (bank-sync) 31 hours after that solve, still open: within the 72 h of the
 * pattern. One open ticket, one requester, good rating: nothing else holds.
 */
function brightwave(b: SeedBuilder): void {
  addStoryTicket(b, {
    requester: 'u_chloe',
    subject: 'Bank feed stopped syncing',
    topic: 'bank-sync',
    tags: ['bank-feed', 'sync'],
    priority: 'normal',
    status: 'solved',
    solvedH: 120,
    csat: { score: 'good', comment: 'Sorted quickly.', h: 117 },
    lines: [
      { h: 168, text: 'Hi, our bank feed has not brought in any transactions since Friday. Could you take a look?' },
      { h: 165, agent: 'agent_kim', text: 'Hi Chloe, the bank renewed its connection keys. Please reconnect the feed under Integrations → Bank feed. — Kim, Ledgerly Support' },
      { h: 124, text: 'Reconnected it and transactions are coming in again. Thanks.' },
      { h: 121, agent: 'agent_kim', text: 'Great to hear, Chloe. Closing this one. — Kim' },
    ],
  });
  addStoryTicket(b, {
    requester: 'u_chloe',
    subject: 'Bank feed stopped syncing again',
    topic: 'bank-sync',
    tags: ['bank-feed', 'sync'],
    priority: 'normal',
    status: 'open',
    lines: [
      { h: 89, text: 'Hi, the bank feed stopped syncing again since yesterday, same as last week. Transactions from Tuesday on are not in Ledgerly. Do we need to reconnect every week?' },
      { h: 85, agent: 'agent_devon', text: 'Hi Chloe, it should not need that. I have asked our integrations team to look at your connection. — Devon, Ledgerly Support' },
    ],
  });
}

/**
 * Harbor Coffee Roasters (pro, $6k) — LOW CSAT THEN RE-ENGAGEMENT. Lucia's late-fee ticket took three days, was
 * solved 216 hours ago and rated bad 212 hours ago; she opened a new ticket 104 hours ago, 108 hours after the bad
 * rating: within the pattern's 7 days. Different topic and 112 hours after the solve, so not repeat contact; one
 * open ticket.
 */
function harbor(b: SeedBuilder): void {
  addStoryTicket(b, {
    requester: 'u_lucia',
    subject: 'Late fee added to a paid invoice',
    topic: 'late-fees',
    tags: ['reminders', 'late-fees'],
    priority: 'normal',
    status: 'solved',
    solvedH: 216,
    csat: { score: 'bad', comment: 'Took three days and I had to explain it twice.', h: 212 },
    lines: [
      { h: 288, text: 'Hi, a late fee was added to INV-1187 but the customer paid on time. Can you remove it?' },
      { h: 262, agent: 'agent_devon', text: 'Hi Lucia, could you send the payment date and amount so we can match it? — Devon, Ledgerly Support' },
      { h: 240, text: 'I sent the payment confirmation yesterday with the date and amount. It is the same as in my first message.' },
      { h: 217, agent: 'agent_devon', text: 'Thanks Lucia, the fee is removed and the customer has an updated invoice. — Devon' },
    ],
  });
  addStoryTicket(b, {
    requester: 'u_lucia',
    subject: 'Customer portal shows an old balance',
    topic: 'portal',
    tags: ['portal', 'payments'],
    priority: 'normal',
    status: 'open',
    lines: [
      { h: 104, text: 'Hello, our customer sees a balance of $1,240 in the portal, but all their invoices are paid. Where does that number come from?' },
      { h: 100, agent: 'agent_rita', text: 'Hi Lucia, we are checking the customer\'s ledger and will get back to you today. — Rita, Ledgerly Support' },
    ],
  });
}

/**
 * Orchid Dental Group (enterprise, $140k, renews in 25 days) — TONE DRIFT. Victor's calm ticket 19 days ago, then
 * Helen's tax-rate thread 264 hours ago: her four messages go from a neutral question to "unacceptable … very
 * disappointed" (each more negative than the last), so every three consecutive customer messages slide from neutral to
 * negative. No legal, refund, manager or cancellation words (not a guardrail); one open ticket; two requesters.
 */
function orchid(b: SeedBuilder): void {
  calmTicket(b, 'u_victor', 19, 'payments');
  addStoryTicket(b, {
    requester: 'u_helen',
    subject: 'Tax added to exempt services on March invoices',
    topic: 'tax',
    tags: ['tax', 'invoices'],
    priority: 'high',
    status: 'open',
    lines: [
      { h: 264, text: 'Hello, our March invoices for the Boston clinics add 6.25% tax, but these services are exempt. Could you take a look?' },
      { h: 258, agent: 'agent_kim', text: 'Hi Helen, thanks for flagging this. Could you send two invoice numbers so we can trace where the rate comes from? — Kim, Ledgerly Support' },
      { h: 190, text: 'I sent two examples three days ago and have not heard back. We need this sorted before our month-end close.' },
      { h: 186, agent: 'agent_kim', text: 'Sorry for the wait, Helen. The examples are with our tax team now. — Kim' },
      { h: 120, text: 'This is getting frustrating. A week later the invoices still add the tax and our accountants keep asking questions.' },
      { h: 117, agent: 'agent_kim', text: 'I understand, Helen. I have raised the priority and asked for an answer this week. — Kim' },
      { h: 50, text: 'Honestly this is unacceptable. We have chased this for ten days, insurers are rejecting our invoices, and nobody has given us a straight answer. Very disappointed.' },
    ],
  });
}

/**
 * Kestrel Freight (pro, $36k) — ACCOUNT VOLUME. Three different people filed tickets 144, 98 and 26 hours ago: 3
 * requesters within 7 days (threshold 3 in 7 days). Three unrelated issues (tax setup, reminder contact, customs
 * export), the first two solved and rated good, only the newest open: not repeat contact, not an unresolved stack.
 */
function kestrel(b: SeedBuilder): void {
  addStoryTicket(b, {
    requester: 'u_fatima',
    subject: 'Second tax rate for Norwegian customers',
    topic: 'tax',
    tags: ['tax', 'how-to'],
    priority: 'normal',
    status: 'solved',
    solvedH: 125,
    csat: { score: 'good', h: 122 },
    lines: [
      { h: 144, text: 'Hi, we started invoicing customers in Norway. How do we add their 25% rate next to our Swedish one?' },
      { h: 141, agent: 'agent_rita', text: 'Hi Fatima, Billing settings → Tax → Add rate, then set it on those customers. — Rita, Ledgerly Support' },
      { h: 126, text: 'Works, thank you!' },
    ],
  });
  addStoryTicket(b, {
    requester: 'u_george',
    subject: 'Reminders go to an old contact',
    topic: 'reminders',
    tags: ['reminders', 'customers'],
    priority: 'normal',
    status: 'solved',
    solvedH: 80,
    csat: { score: 'good', comment: 'Fast answer.', h: 78 },
    lines: [
      { h: 98, text: 'Hello, payment reminders for one customer still go to a person who left their company. Where do I change that?' },
      { h: 95, agent: 'agent_kim', text: 'Hi George, open the customer and edit "Billing contact": reminders use that address. — Kim, Ledgerly Support' },
      { h: 81, text: 'Changed it. Thanks.' },
    ],
  });
  addStoryTicket(b, {
    requester: 'u_hana',
    subject: 'Export invoices for customs paperwork',
    topic: 'reports',
    tags: ['reports', 'export'],
    priority: 'normal',
    status: 'open',
    lines: [
      { h: 26, text: 'Hi, customs asks for a list of our invoices to Norway with weights. Can the export include custom fields?' },
      { h: 22, agent: 'agent_devon', text: 'Hi Hana, good question: I am checking which custom fields the export can include and will come back to you. — Devon, Ledgerly Support' },
    ],
  });
}

/**
 * Fjord Analytics (pro, $30k, renews in 52 days) — USAGE DROP. No tickets at all in 30 days and the CRM says
 * green (85). Its product activity runs at 35% of its usual level over the last 8 days (history.ts:
 * USAGE_DROP_FACTOR), because Sam, its power user, stopped coming: a 65% drop week over week, past the 40% threshold,
 * whichever 7-day windows the engine compares. Every other account's weeks are within a few percent of each other.
 */
function fjord(): void {
  // The drop is in the activity itself (history.ts); nothing else happens here, which is the point.
}

/**
 * Lumen Architects GmbH (pro, $12k) — IN-PRODUCT FRICTION. Over three days, two of its people hit 7 friction
 * signals, mostly on billing settings (the VAT ID form wants a country prefix): Jonas a form struggle, an error loop
 * and a rage click 74 hours ago (3 on settings within minutes: the vat-struggle-tip rule), Klara a rage click and
 * a form struggle 50 hours ago, Jonas a dead click on Connect and another form struggle 28 hours ago; the tips
 * shown did not help. Then Jonas filed a ticket 25 hours ago: repeated friction, and friction followed by a
 * ticket. No solved ticket in the window (so not "resolved but still confused"); one open ticket.
 */
function lumen(b: SeedBuilder): void {
  const { account, user: jonas } = b.find('u_jonas');
  const { user: klara } = b.find('u_klara');

  const first = b.session(account, jonas, b.ago(0, 74) - 6 * MINUTE).screen(SCREENS.dashboard).wait(40_000).screen(SCREENS.settings).wait(95_000);
  const struggle = first.friction('form_struggle', { form: 'billing-form', invalidSubmits: 3 });
  if (struggle.tip && !struggle.heldOut) first.wait(20_000).tipOutcome(struggle.tip.id, 'unhelpful');
  first.wait(30_000).friction('error_loop', { fingerprint: b.errorFingerprint(b.label(VAT_ERROR)), kind: 'ui', repeats: 2 });
  first.wait(12_000).friction('rage_click', { clicks: 4, label: 'Save billing details' });

  const second = b.session(account, klara, b.ago(0, 50) - 3 * MINUTE).screen(SCREENS.dashboard).wait(25_000).screen(SCREENS.settings).wait(60_000);
  const rage = second.friction('rage_click', { clicks: 5, label: 'Save billing details' });
  if (rage.tip && !rage.heldOut) second.wait(15_000).tipOutcome(rage.tip.id, 'dismissed');
  second.wait(70_000).friction('form_struggle', { form: 'billing-form', invalidSubmits: 3 });

  const third = b.session(account, jonas, b.ago(0, 28) - 4 * MINUTE).screen(SCREENS.dashboard).wait(30_000).screen(SCREENS.integrations).wait(20_000);
  const dead = third.friction('dead_click', { label: 'Connect QuickBooks', clicks: 3 });
  if (dead.tip && !dead.heldOut) third.wait(10_000).tipOutcome(dead.tip.id, 'dismissed');
  third.wait(30_000).screen(SCREENS.settings).wait(80_000).friction('form_struggle', { form: 'billing-form', invalidSubmits: 4 });

  addStoryTicket(b, {
    requester: 'u_jonas',
    subject: 'Billing settings will not save our VAT number',
    topic: 'tax',
    tags: ['tax', 'billing', 'settings'],
    priority: 'normal',
    status: 'new',
    lines: [
      { h: 25, text: 'Hi, over the last few days we tried many times to save our VAT number in Billing settings and it is rejected every time. We enter 123456789 with Germany selected. What are we doing differently?' },
    ],
  });
}

/**
 * Tidepool Swim School (pro, $3.6k; Priya joined 9 days ago, a new member) — RESOLVED BUT STILL CONFUSED. Priya's
 * "recurring invoices" question was solved 140 hours ago and rated good. 65 hours after that she opened help
 * articles three times in 25 minutes (the same one twice: a help-seeking signal), and 110 hours after it she cycled
 * between the invoice list and an invoice (screen cycling): renewed help-seeking and friction within 7 days of the
 * solve. No ticket since, so the risk is invisible to the help desk. (Two signals from one user may also count as
 * in-product friction; the solve before them is what sets this account apart.)
 */
function tidepool(b: SeedBuilder): void {
  addStoryTicket(b, {
    requester: 'u_priya',
    subject: 'How do I set up recurring invoices?',
    topic: 'recurring',
    tags: ['invoices', 'recurring', 'how-to'],
    priority: 'normal',
    status: 'solved',
    solvedH: 140,
    csat: { score: 'good', comment: 'Thanks!', h: 139 },
    lines: [
      { h: 146, text: 'Hi! I am new here. Our swim classes are billed monthly. How do I set up an invoice that repeats every month?' },
      { h: 143, agent: 'agent_rita', text: 'Hi Priya, welcome! Open an existing invoice and choose Repeat, then pick monthly and the first date. — Rita, Ledgerly Support' },
      { h: 141, text: 'Thank you, I will try that.' },
    ],
  });
  const { account, user: priya } = b.find('u_priya');
  const help = b.session(account, priya, b.ago(0, 75)).screen(SCREENS.dashboard).wait(30_000).screen(SCREENS.help);
  help.wait(60_000).helpOpened('recurring-invoices', 'Setting up recurring invoices').screen(SCREENS.article).wait(9 * MINUTE);
  help.screen(SCREENS.help).wait(40_000).helpOpened('finding-invoices', 'Finding and filtering invoices').screen(SCREENS.article).wait(7 * MINUTE);
  help.screen(SCREENS.help).wait(50_000).helpOpened('recurring-invoices', 'Setting up recurring invoices').screen(SCREENS.article);
  const seeking = help.friction('help_seeking', { opens: 3, articles: ['recurring-invoices', 'finding-invoices'], sameArticle: true });
  if (seeking.tip && !seeking.heldOut) help.wait(40_000).tipOutcome(seeking.tip.id, 'clicked');

  const cycling = b.session(account, priya, b.ago(0, 30)).screen(SCREENS.dashboard).wait(20_000).screen(SCREENS.invoices);
  for (let i = 0; i < 3; i++) cycling.wait(6_000 + i * 1000).screen(SCREENS.invoice).wait(5_000).screen(SCREENS.invoices);
  const loop = cycling.friction('screen_cycling', { returns: 3, screens: [SCREENS.invoices, SCREENS.invoice], medianDwellMs: 5500 });
  if (loop.tip && !loop.heldOut) cycling.wait(8_000).tipOutcome(loop.tip.id, 'dismissed');
}

/**
 * Quarry Construction (enterprise, $210k) — GUARDRAILS: high-value refund, chargeback, manager request. Diego was
 * charged twice ($18,400 each) and asked for the duplicate back 70 hours ago; 22 hours ago he wrote that they will
 * file a chargeback and want to speak to a manager. A refund of $18,400, "chargeback" and "speak to a manager" each
 * send the account to a human whatever its score. Two customer messages only (tone drift needs three); one open ticket.
 */
function quarry(b: SeedBuilder): void {
  addStoryTicket(b, {
    requester: 'u_diego',
    subject: 'Charged twice for our April subscription',
    topic: 'billing',
    tags: ['billing', 'duplicate-charge', 'refund'],
    priority: 'urgent',
    status: 'open',
    lines: [
      { h: 70, text: 'Our card was charged twice for the April subscription: two payments of $18,400 on the same day. Please refund the duplicate $18,400.' },
      { h: 67, agent: 'agent_devon', text: 'Hi Diego, I am sorry about this. I can see both charges and have asked our billing team to refund the duplicate. I will confirm here. — Devon, Ledgerly Support' },
      { h: 22, text: 'It has been two days and the refund is not there. If the $18,400 is not back by Friday we will file a chargeback with our bank. I want to speak to a manager.' },
    ],
  });
}

/**
 * Redline Media (pro, $14.4k, renews in 19 days) — GUARDRAILS: legal threat and cancellation intent. Jordan wrote
 * 40 hours ago that invoices went out with an old address, that their legal team is reviewing it and that they are
 * considering cancelling at renewal. One message (no tone drift), one open ticket.
 */
function redline(b: SeedBuilder): void {
  addStoryTicket(b, {
    requester: 'u_jordan',
    subject: 'Invoices went out with our old company address',
    topic: 'invoices',
    tags: ['invoices', 'branding'],
    priority: 'high',
    status: 'open',
    lines: [
      { h: 40, text: 'After your update on Tuesday, 40 invoices went to our clients with our old registered address. Our legal team is reviewing whether this breaches our agreement, and we are considering cancelling our subscription at renewal.' },
      { h: 38, agent: 'agent_kim', text: 'Hi Jordan, I am very sorry. We have found the cause and are preparing corrected invoices for you to approve today. — Kim, Ledgerly Support' },
    ],
  });
}

/**
 * Vertex Partners (VIP tier, partner, $180k) — GUARDRAILS: VIP/partner account. A calm question 20 hours ago,
 * still open: nothing is wrong, but a partner's open ticket goes to a person, always (the vip-always-human rule).
 * An earlier calm ticket 13 days ago was solved and rated good.
 */
function vertex(b: SeedBuilder): void {
  calmTicket(b, 'u_daniel', 13, 'integrations');
  addStoryTicket(b, {
    requester: 'u_lena',
    subject: 'Partner pricing on the new invoice template',
    topic: 'partner',
    tags: ['partner', 'invoices'],
    priority: 'normal',
    status: 'open',
    lines: [{ h: 20, text: 'Hi team, could the new invoice template show our partner discount as its own line? Our resellers would like to see it. Thanks!' }],
  });
}

/**
 * Meadowlark Farms (free) — HEALTHY. One calm question 22 days ago, solved the same day and rated good; steady
 * activity; no friction, no open ticket. With Sable & Finch, the baseline the at-risk accounts stand out from.
 */
function meadowlark(b: SeedBuilder): void {
  calmTicket(b, 'u_mia', 22, 'reports');
}

/** Sable & Finch Bookkeeping (pro, $9.6k, renews in 75 days) — HEALTHY: as Meadowlark, a calm question 16 days ago. */
function sable(b: SeedBuilder): void {
  calmTicket(b, 'u_olivia', 16, 'team');
}

const STORIES: Record<string, (b: SeedBuilder) => void> = {
  acct_acme: acme,
  acct_brightwave: brightwave,
  acct_harbor: harbor,
  acct_orchid: orchid,
  acct_kestrel: kestrel,
  acct_fjord: fjord,
  acct_lumen: lumen,
  acct_tidepool: tidepool,
  acct_quarry: quarry,
  acct_redline: redline,
  acct_vertex: vertex,
  acct_meadowlark: meadowlark,
  acct_sable: sable,
};

/** Plays every account's story; an account without one is a mistake, not a quiet account (that is a story too). */
export function addStories(b: SeedBuilder, accounts: SeedAccount[]): void {
  for (const a of accounts) {
    const story = STORIES[a.id];
    if (!story) throw new Error(`seed: account ${a.id} has no story`);
    story(b);
  }
}
