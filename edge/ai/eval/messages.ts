// The evaluation set for tone, guardrails and topic: customer messages written by us, labelled by hand before the
// classifiers were tuned, with the hard cases named (sarcasm, negation, mixed feelings, other languages, amounts).
import type { GuardrailCategory, ToneLabel } from '../types';

export type MessageTrait = 'sarcasm' | 'negation' | 'mixed' | 'non-english' | 'amount' | 'boundary';

export interface LabelledMessage {
  text: string;
  tone: ToneLabel;
  guardrails: GuardrailCategory[];
  /** Acceptable topics: the first is the best answer, the others are defensible. */
  topic: string[];
  /** For refunds and chargebacks that state one: the amount in major units. */
  amount?: number;
  traits?: MessageTrait[];
}

type Row = [text: string, tone: ToneLabel, guardrails: GuardrailCategory[], topic: string | string[], extra?: { amount?: number; traits?: MessageTrait[] }];

const ROWS: Row[] = [
  // Plain reports and questions, no guardrail.
  ['The CSV export has been failing since Monday and my whole team is blocked. This is really frustrating.', 'negative', [], 'export'],
  ['Hi, how do I add a new teammate to our workspace?', 'neutral', [], ['account', 'how-to']],
  ['Thanks so much, the fix worked perfectly! You folks are great.', 'positive', [], 'other'],
  ['I keep getting a 500 error when I open the reports page.', 'negative', [], 'bug'],
  ['Where can I find last month\'s invoice?', 'neutral', [], 'billing'],
  ['Our Slack integration stopped posting messages yesterday.', 'negative', [], 'integration'],
  ['The dashboard takes almost a minute to load every morning.', 'negative', [], 'performance'],
  ['Is it possible to schedule an export to run every Friday?', 'neutral', [], ['export', 'how-to']],
  ['I can\'t log in, the reset link in the email says it expired.', 'negative', [], 'login'],
  ['Love the new timeline view, it saves me a lot of time.', 'positive', [], 'other'],
  ['Could you update the billing email on our account to finance@acme.test?', 'neutral', [], 'billing'],
  ['The Salesforce sync duplicated about 300 contacts overnight.', 'negative', [], 'integration'],
  ['We were charged for 12 seats but we only have 9 users.', 'negative', [], 'billing'],
  ['Can you explain how the permissions for viewers work?', 'neutral', [], ['account', 'how-to']],
  ['Everything is working again, thank you for the quick turnaround.', 'positive', [], 'other'],
  ['SSO with Okta fails with "invalid audience" for new hires.', 'negative', [], 'login'],
  ['Just checking in on ticket 4821, any update?', 'neutral', [], 'other'],
  ['The app crashes every time I upload a PDF larger than 10 MB.', 'negative', [], 'bug'],
  ['What is your uptime SLA for the enterprise plan?', 'neutral', [], ['billing', 'other']],
  ['This is the third time I am writing about the same broken export. Nobody reads these.', 'negative', [], 'export'],
  ['Great onboarding call today, Priya was super helpful.', 'positive', [], 'other'],
  ['The API returns 429 even though we send fewer than 10 requests a minute.', 'negative', [], 'integration'],
  ['How do I change the date format in reports?', 'neutral', [], ['how-to', 'other']],
  ['We renewed for another year, thanks for all the help this quarter.', 'positive', [], 'billing'],
  ['The search is so slow it is basically unusable.', 'negative', [], 'performance'],
  ['Please send me the W-9 form for your company.', 'neutral', [], 'billing'],
  ['I am really disappointed, we were promised this feature in March.', 'negative', [], 'other'],
  ['The webhook signature check fails after you rotated the secret.', 'negative', [], 'integration'],
  ['Your docs on the export API are excellent, got it working in ten minutes.', 'positive', [], ['export', 'integration']],
  ['My two-factor codes are not being accepted.', 'negative', [], 'login'],
  ['Can we get a copy of your SOC 2 report?', 'neutral', [], ['security', 'other']],
  ['The page just spins forever when I click save.', 'negative', [], 'bug'],
  ['Our admin left the company, how do we transfer ownership of the workspace?', 'neutral', [], ['account', 'how-to']],
  ['Awesome, that worked. Appreciate it!', 'positive', [], 'other'],
  ['Why did my invoice go up by 30% this month?', 'negative', [], 'billing'],
  ['Export to Excel drops every column after Z.', 'negative', [], 'export'],
  ['Nothing urgent, just a question about API pagination.', 'neutral', [], ['integration', 'how-to']],
  ['Honestly the product has been a joy to use since the redesign.', 'positive', [], 'other'],
  ['I have been locked out of my account for two days now and no one has replied.', 'negative', [], 'login'],
  ['Do you support importing data from Zendesk?', 'neutral', [], ['integration', 'how-to']],

  // Sarcasm: positive words, negative meaning.
  ['Great, another outage. Just great.', 'negative', [], ['bug', 'performance'], { traits: ['sarcasm'] }],
  ['Oh wonderful, the export broke again right before our board meeting.', 'negative', [], 'export', { traits: ['sarcasm'] }],
  ['Thanks for nothing, the "fix" made it worse.', 'negative', [], 'bug', { traits: ['sarcasm'] }],
  ['Love how I have to log in five times a day now.', 'negative', [], 'login', { traits: ['sarcasm'] }],
  ['Fantastic, we got billed twice. Really impressive work.', 'negative', [], 'billing', { traits: ['sarcasm'] }],
  ['Perfect timing for the API to go down, right in the middle of our launch.', 'negative', [], 'integration', { traits: ['sarcasm'] }],
  ['Wow, a whole week to answer a simple question. Amazing service.', 'negative', [], 'other', { traits: ['sarcasm'] }],
  ['Yeah, sure, "working as intended". Brilliant.', 'negative', [], 'bug', { traits: ['sarcasm'] }],
  ['So glad I pay for premium support to get a bot reply.', 'negative', [], 'other', { traits: ['sarcasm'] }],
  ['Nice, the dashboard is blank again. Love it.', 'negative', [], 'bug', { traits: ['sarcasm'] }],

  // Negation: the guardrail word is there, the guardrail is not.
  ['This is not a legal threat, I just want to understand the contract terms.', 'neutral', [], ['billing', 'other'], { traits: ['negation'] }],
  ['I don\'t want to cancel, I just need the export fixed.', 'negative', [], 'export', { traits: ['negation'] }],
  ['We are not planning to cancel our subscription, just asking about pricing.', 'neutral', [], 'billing', { traits: ['negation'] }],
  ['No need to involve a manager, the agent was great.', 'positive', [], 'other', { traits: ['negation'] }],
  ['I\'m not going to do a chargeback, but please look at this double charge.', 'negative', [], 'billing', { traits: ['negation'] }],
  ['This isn\'t a GDPR request, I only want to update my email address.', 'neutral', [], 'account', { traits: ['negation'] }],
  ['I don\'t need a refund, I just want it to work.', 'negative', [], 'bug', { traits: ['negation'] }],
  ['Not fraud, I made that purchase myself, just wanted to confirm the amount.', 'neutral', [], 'billing', { traits: ['negation'] }],
  ['I never said I would sue anyone, please stop escalating this.', 'negative', [], 'other', { traits: ['negation'] }],
  ['I have no intention of speaking to a supervisor, the answer was fine.', 'neutral', [], 'other', { traits: ['negation'] }],
  ['The export isn\'t bad at all, just a bit slow on big files.', 'neutral', [], ['export', 'performance'], { traits: ['negation'] }],
  ['Not happy with the latest update at all.', 'negative', [], 'other', { traits: ['negation'] }],
  ['It\'s not terrible, but the mobile app could be faster.', 'neutral', [], 'performance', { traits: ['negation', 'mixed'] }],
  ['I would not recommend this to anyone right now.', 'negative', [], 'other', { traits: ['negation'] }],

  // Word boundaries: a guardrail word inside another meaning.
  ['Quick cancellation policy question: is the notice period 30 or 60 days?', 'neutral', [], 'billing', { traits: ['boundary'] }],
  ['How do I cancel a scheduled export?', 'neutral', [], ['export', 'how-to'], { traits: ['boundary'] }],
  ['Please cancel the invite I sent to john@example.com, wrong address.', 'neutral', [], 'account', { traits: ['boundary'] }],
  ['Our legal team needs the DPA signed before renewal.', 'neutral', [], ['privacy', 'billing'], { traits: ['boundary'] }],
  ['Where is the privacy policy linked from the widget?', 'neutral', [], ['privacy', 'how-to'], { traits: ['boundary'] }],
  ['My manager asked me to get the Q3 usage report.', 'neutral', [], ['export', 'other'], { traits: ['boundary'] }],
  ['The refund tab in settings shows a blank page.', 'negative', [], 'bug', { traits: ['boundary'] }],
  ['The job manager page kills my browser tab when it loads.', 'negative', [], 'bug', { traits: ['boundary'] }],
  ['Our account manager Sam said you could extend our trial.', 'neutral', [], 'billing', { traits: ['boundary'] }],
  ['Can I undo a cancelled import?', 'neutral', [], ['integration', 'how-to', 'other'], { traits: ['boundary'] }],
  ['Is there a way to mark a lead as fraudulent-looking in the CRM view?', 'neutral', [], ['how-to', 'other'], { traits: ['boundary'] }],
  ['The Safety Stock column disappears from the inventory export.', 'negative', [], 'export', { traits: ['boundary'] }],

  // Guardrails.
  ['If this is not fixed by Friday I will have our lawyers contact you.', 'negative', ['legal_threat'], 'other'],
  ['We are considering legal action over the data you lost.', 'negative', ['legal_threat'], ['bug', 'other']],
  ['I will be filing a chargeback with my bank for the $2,400 you took.', 'negative', ['chargeback'], 'billing', { amount: 2400, traits: ['amount'] }],
  ['I want all of my personal data deleted under GDPR. Please confirm.', 'neutral', ['privacy'], 'privacy'],
  ['Someone logged into my account from Russia and changed the password.', 'negative', ['fraud'], ['security', 'login']],
  ['I want to speak to your manager. Now.', 'negative', ['manager_request'], 'other'],
  ['We are cancelling our subscription at the end of the month.', 'negative', ['cancellation'], 'billing'],
  ['Please refund the $4,800 annual charge, we never used the product.', 'negative', ['high_value_refund'], 'billing', { amount: 4800, traits: ['amount'] }],
  ['Can I get a refund for the $49 add-on? I bought it by mistake.', 'neutral', [], 'billing', { traits: ['amount'] }],
  ['There are unauthorized charges on our card that we did not make.', 'negative', ['fraud'], 'billing'],
  ['Your product exposed customer emails to other tenants, this is a data breach.', 'negative', ['privacy'], ['security', 'privacy']],
  ['Let me talk to a supervisor, this agent clearly has no idea.', 'negative', ['manager_request'], 'other'],
  ['We will not be renewing. The product has gone downhill.', 'negative', ['cancellation'], 'billing'],
  ['I am disputing the charge with my credit card company.', 'negative', ['chargeback'], 'billing'],
  ['Our attorney will be in touch about the breach of contract.', 'negative', ['legal_threat'], 'other'],
  ['One of our users said she would hurt herself if she lost her job over this outage.', 'negative', ['safety'], 'other'],
  ['I think my account was hacked, there are projects I never created.', 'negative', ['fraud'], ['security', 'login']],
  ['Please send me a copy of all data you hold about me (data subject access request).', 'neutral', ['privacy'], 'privacy'],
  ['We want our money back: EUR 1,500 for a year of a broken integration.', 'negative', ['high_value_refund'], ['billing', 'integration'], { amount: 1500, traits: ['amount'] }],
  ['I need to escalate this to someone senior, three weeks without a fix.', 'negative', ['manager_request'], 'other'],
  ['We are moving to a competitor next month unless this gets sorted.', 'negative', ['cancellation'], 'other'],
  ['Refund us the £300 for the extra seats please.', 'neutral', [], 'billing', { amount: 300, traits: ['amount'] }],
  ['Wir möchten eine Rückerstattung von 2.400 € für das Jahresabo.', 'neutral', ['high_value_refund'], 'billing', { amount: 2400, traits: ['amount', 'non-english'] }],
  ['Close my account and delete everything, I am done with this.', 'negative', ['cancellation', 'privacy'], 'account'],
  ['This is fraud. You charged us after we cancelled.', 'negative', ['fraud'], 'billing'],
  ['My lawyer says your terms of service are unenforceable.', 'negative', ['legal_threat'], 'other'],
  ['Get me a manager on the phone today or we are done.', 'negative', ['manager_request', 'cancellation'], 'other'],
  ['I was charged $12,000 instead of $1,200, I need the difference refunded immediately.', 'negative', ['high_value_refund'], 'billing', { amount: 10800, traits: ['amount'] }],
  ['A phishing email using your logo tricked one of our admins into giving their password.', 'negative', ['fraud'], 'security'],
  ['The thermostat integration turned the heating off overnight and the warehouse froze, someone could get hurt.', 'negative', ['safety'], 'integration'],
  ['We will report you to the data protection authority if this is not answered.', 'negative', ['privacy', 'legal_threat'], 'privacy'],
  ['I want to cancel. Today.', 'negative', ['cancellation'], 'billing'],
  ['Please terminate our contract effective immediately.', 'negative', ['cancellation'], 'billing'],
  ['I need a refund of 1.250,00 EUR, the service was down for two weeks.', 'negative', ['high_value_refund'], 'billing', { amount: 1250, traits: ['amount'] }],
  ['Please reverse the charge of USD 950 from last week, it was a duplicate.', 'neutral', [], 'billing', { amount: 950, traits: ['amount'] }],
  ['We paid $3k for onboarding that never happened, we want it back.', 'negative', ['high_value_refund'], 'billing', { amount: 3000, traits: ['amount'] }],
  ['Small thing: the $15 monthly charge shows twice on the invoice.', 'neutral', [], 'billing', { traits: ['amount'] }],
  ['Our CFO wants a refund of the 18,000 dollars prepaid for seats we never activated.', 'negative', ['high_value_refund'], 'billing', { amount: 18000, traits: ['amount'] }],

  // Mixed feelings.
  ['The product is great but your support has been awful lately.', 'negative', [], 'other', { traits: ['mixed'] }],
  ['Support was friendly, but the bug is still not fixed after two weeks.', 'negative', [], 'bug', { traits: ['mixed'] }],
  ['The new editor is nice, though the export got slower.', 'neutral', [], ['export', 'performance'], { traits: ['mixed'] }],
  ['I was annoyed yesterday, but your team sorted it out quickly. Thank you!', 'positive', [], 'other', { traits: ['mixed'] }],
  ['Pricing is steep, but the integrations are worth it.', 'neutral', [], ['billing', 'integration'], { traits: ['mixed'] }],
  ['Good news: login works. Bad news: the reports are still empty.', 'negative', [], ['bug', 'login'], { traits: ['mixed'] }],
  ['We like the product a lot, but if the SSO problem continues we will have to cancel.', 'negative', ['cancellation'], 'login', { traits: ['mixed'] }],
  ['Thanks for the reply, but this does not answer my question at all.', 'negative', [], 'other', { traits: ['mixed'] }],
  ['Fast shipping of the fix, although the changelog was confusing.', 'neutral', [], 'other', { traits: ['mixed'] }],
  ['Overall happy, just one small issue with date filters.', 'positive', [], 'bug', { traits: ['mixed'] }],

  // Other languages.
  ['El exportador de CSV no funciona desde ayer, es inaceptable.', 'negative', [], 'export', { traits: ['non-english'] }],
  ['Merci beaucoup, tout fonctionne maintenant !', 'positive', [], 'other', { traits: ['non-english'] }],
  ['Ich kann mich seit gestern nicht mehr anmelden.', 'negative', [], 'login', { traits: ['non-english'] }],
  ['Quiero cancelar mi suscripción ahora mismo.', 'negative', ['cancellation'], 'billing', { traits: ['non-english'] }],
  ['Nous allons contacter notre avocat si rien ne change.', 'negative', ['legal_threat'], 'other', { traits: ['non-english'] }],
  ['Obrigado pela ajuda rápida, excelente atendimento.', 'positive', [], 'other', { traits: ['non-english'] }],
  ['Das Produkt ist super, danke!', 'positive', [], 'other', { traits: ['non-english'] }],
  ['Quisiera hablar con un gerente, por favor.', 'neutral', ['manager_request'], 'other', { traits: ['non-english'] }],
  ['Il rapporto mensile è sbagliato di nuovo, molto deludente.', 'negative', [], 'bug', { traits: ['non-english'] }],
  ['Wij willen onze gegevens laten verwijderen volgens de AVG.', 'neutral', ['privacy'], 'privacy', { traits: ['non-english'] }],
  ['Le site est très lent aujourd\'hui.', 'negative', [], 'performance', { traits: ['non-english'] }],
  ['¿Cómo puedo cambiar mi contraseña?', 'neutral', [], ['login', 'how-to'], { traits: ['non-english'] }],
  ['Wir kündigen den Vertrag zum Monatsende.', 'negative', ['cancellation'], 'billing', { traits: ['non-english'] }],
  ['Je veux un remboursement de 1 800 € immédiatement.', 'negative', ['high_value_refund'], 'billing', { amount: 1800, traits: ['amount', 'non-english'] }],
  ['Grazie mille, perfetto!', 'positive', [], 'other', { traits: ['non-english'] }],

  // Intensity and shouting.
  ['THIS IS COMPLETELY UNACCEPTABLE!!!', 'negative', [], 'other'],
  ['absolutely love it!!', 'positive', [], 'other'],
  ['It is okay I guess.', 'neutral', [], 'other'],
  ['The report is slightly off, maybe a rounding thing.', 'neutral', [], 'bug'],
  ['WHY IS NOTHING WORKING', 'negative', [], 'bug'],
  ['This is extremely helpful, thank you so much for going above and beyond.', 'positive', [], 'other'],
  ['I am furious. We lost a whole day of data.', 'negative', [], ['bug', 'other']],
  ['meh, it works', 'neutral', [], 'other'],
  ['The new pricing page is confusing.', 'negative', [], 'billing'],
  ['Ok, thanks.', 'neutral', [], 'other'],

  // Longer, realistic threads in one message.
  [
    'Hello, we have been customers for four years. Since your last release, our nightly export has failed three times, each time we lost a day of reporting. I have opened two tickets already and both were closed without a fix. If this happens again we will start looking at other vendors.',
    'negative',
    ['cancellation'],
    'export',
  ],
  [
    'Hi team, quick follow-up on the invoice question from last week. The corrected invoice arrived and everything looks right now. Thanks for sorting it out so quickly!',
    'positive',
    [],
    'billing',
  ],
  [
    'Hey, our new hire cannot see the shared dashboards. She has the editor role. Is there something else we need to enable? No rush.',
    'neutral',
    [],
    ['account', 'how-to'],
  ],
  [
    'I have now spent four hours on this. The integration docs are wrong, the sample code does not compile, and your chat bot keeps sending me the same article. I need someone who actually knows the API.',
    'negative',
    [],
    'integration',
  ],
  [
    'We noticed a login from an IP in a country where we have no staff, and two API keys were created that nobody here recognises. Please lock the workspace.',
    'negative',
    ['fraud'],
    ['security', 'login'],
  ],
  [
    'Following up for our legal department: they need to know where our data is stored and which subprocessors you use, for our GDPR records.',
    'neutral',
    ['privacy'],
    'privacy',
  ],
  [
    'We were double billed in March and April ($1,890 each time). I have asked for the duplicate to be refunded twice and nobody has answered. Please refund $3,780 or we will dispute it with our bank.',
    'negative',
    ['high_value_refund', 'chargeback'],
    'billing',
    { amount: 3780, traits: ['amount'] },
  ],
  [
    'Small bug report: the tooltip on the export button is cut off on narrow screens. Not a big deal.',
    'neutral',
    [],
    ['bug', 'export'],
  ],
  [
    'The team loves the new alerts. One request: could we get them in Microsoft Teams as well as Slack?',
    'positive',
    [],
    'integration',
  ],
  [
    'It is the fourth outage this month. My boss is asking why we pay for this. I do not want to cancel, but I need a credible plan from you this week.',
    'negative',
    [],
    'performance',
    { traits: ['negation'] },
  ],
];

export const EVAL_MESSAGES: LabelledMessage[] = ROWS.map(([text, tone, guardrails, topic, extra]) => ({
  text,
  tone,
  guardrails,
  topic: Array.isArray(topic) ? topic : [topic],
  ...(extra?.amount !== undefined ? { amount: extra.amount } : {}),
  ...(extra?.traits ? { traits: extra.traits } : {}),
}));
