// The offline guardrails on exact messages: each category, negation, word boundaries, amounts and evidence.
import { describe, expect, it } from 'vitest';
import type { GuardrailCategory } from '../types';
import { EVIDENCE_MAX, findGuardrails, HIGH_VALUE_REFUND, scanGuardrails } from './guardrails';

const categories = (text: string, threshold?: number) =>
  findGuardrails(text, threshold === undefined ? {} : { highValueRefund: threshold })
    .map((h) => h.category)
    .sort();

describe('findGuardrails: each category', () => {
  it.each<[GuardrailCategory, string]>([
    ['legal_threat', 'If this is not fixed by Friday our attorneys will be in touch.'],
    ['legal_threat', 'We are prepared to take you to court over this.'],
    ['legal_threat', 'I will report you to the FTC.'],
    ['legal_threat', 'Mi abogado revisará el contrato.'],
    ['chargeback', 'I am going to do a chargeback.'],
    ['chargeback', 'We will dispute the charge with our bank.'],
    ['chargeback', 'I have contacted my bank about this payment.'],
    ['privacy', 'Under GDPR I request a copy of my data.'],
    ['privacy', 'Delete all of our personal data from your systems.'],
    ['privacy', 'You leaked our customer emails to another tenant.'],
    ['safety', 'A patient could get hurt if the dosage sync fails again.'],
    ['safety', 'She said she wants to end her life.'],
    ['fraud', 'My account was compromised last night.'],
    ['fraud', 'There are charges we did not make on the card.'],
    ['fraud', 'Someone logged in from an address we do not know.'],
    ['manager_request', 'Put me through to your supervisor.'],
    ['manager_request', 'I need to talk to someone more senior.'],
    ['manager_request', 'I demand a manager.'],
    ['cancellation', 'Please cancel our subscription.'],
    ['cancellation', 'We have decided to cancel.'],
    ['cancellation', 'We will not be renewing the contract.'],
    ['cancellation', 'We are switching to a competitor.'],
    ['cancellation', 'Ich möchte den Vertrag kündigen.'],
    ['high_value_refund', 'We want a refund of $2,400 for the annual plan.'],
    ['high_value_refund', "Kindly refund CHF 1'900 to our account."],
    ['legal_threat', 'Consider this notice that we reserve all our rights.'],
    ['chargeback', 'We are disputing all charges with our bank.'],
    ['chargeback', 'I reported it to my card issuer.'],
    ['privacy', 'Our customer records were leaked last week.'],
    ['safety', 'A driver got injured because the route was wrong.'],
    ['fraud', 'Somebody used my login from another country.'],
    ['fraud', 'A caller was impersonating your billing team.'],
    ['manager_request', 'Please cc your director on this thread.'],
    ['cancellation', "We're thinking about switching to a different provider."],
    ['cancellation', "Honestly I doubt we'll renew in March."],
  ])('%s: %s', (category, text) => {
    expect(categories(text)).toContain(category);
  });

  it('finds nothing in a plain question', () => {
    expect(findGuardrails('How do I change the date format in reports?')).toEqual([]);
  });
});

describe('findGuardrails: negation', () => {
  it.each([
    'This is not a legal threat, I just want to understand the terms.',
    "I don't want to cancel, I just need the export fixed.",
    'We are not planning to cancel our subscription.',
    'No need to involve a manager, the agent was great.',
    "I'm not going to do a chargeback.",
    "This isn't a GDPR request.",
    "I don't need a refund of the $2,400, just a fix.",
    'Not fraud, I made that purchase myself.',
    'I never said I would sue anyone.',
    'I have no intention of speaking to a supervisor.',
  ])('sets aside "%s"', (text) => {
    expect(findGuardrails(text)).toEqual([]);
  });

  it('does not let a negation reach into the next clause', () => {
    expect(categories("If this isn't fixed, I will call my lawyer.")).toEqual(['legal_threat']);
    expect(categories("I didn't want to, but we are cancelling our subscription.")).toEqual(['cancellation']);
    expect(categories("It's not the first outage; we will cancel our plan.")).toEqual(['cancellation']);
  });

  it('reads "won\'t hesitate" as a threat', () => {
    expect(categories("I won't hesitate to contact my lawyer.")).toEqual(['legal_threat']);
  });

  it('reports the negated span so tone can read it as neutral', () => {
    const scan = scanGuardrails('This is not a legal threat.');
    expect(scan.hits).toEqual([]);
    expect(scan.negated).toEqual([{ start: 8, end: 26 }]);
  });
});

describe('findGuardrails: word boundaries', () => {
  it('tells a cancellation policy question from cancellation intent', () => {
    expect(findGuardrails('Quick cancellation policy question: is notice 30 days?')).toEqual([]);
    expect(categories('I want to cancel.')).toEqual(['cancellation']);
  });

  it.each([
    'How do I cancel a scheduled export?',
    'Please cancel the invite I sent yesterday.',
    'Our legal team needs the DPA signed.',
    'Where is the privacy policy?',
    'My manager asked me for the usage report.',
    'Our account manager said the trial could be extended.',
    'The refund tab in settings is blank.',
    'The job manager page kills my browser tab.',
    'The Safety Stock column is missing from the export.',
    'Sue from finance will send the PO.',
    'We use the Chargebee integration.',
    'The scammer-detection feature flags too many leads as suspicious-looking.',
  ])('finds nothing in "%s"', (text) => {
    expect(findGuardrails(text)).toEqual([]);
  });

  it('still reads "sue" as a verb', () => {
    expect(categories('We will sue.')).toEqual(['legal_threat']);
  });
});

describe('findGuardrails: amounts', () => {
  it('takes the refund amount from the text, with its currency', () => {
    expect(findGuardrails('Please refund the $4,800 annual charge.')).toEqual([
      { category: 'high_value_refund', evidence: 'Please refund the $4,800 annual charge.', amount: 4800, currency: 'USD' },
    ]);
    expect(findGuardrails('Je veux un remboursement de 1 800 € immédiatement.')[0]).toMatchObject({ amount: 1800, currency: 'EUR' });
    expect(findGuardrails('We want our money back: EUR 1,500 for a broken year.')[0]).toMatchObject({ amount: 1500, currency: 'EUR' });
  });

  it('is high-value at the threshold, not below it', () => {
    expect(HIGH_VALUE_REFUND).toBe(1000);
    expect(categories('Refund the $1,000 please.')).toEqual(['high_value_refund']);
    expect(categories('Refund the $999 please.')).toEqual([]);
    expect(categories('Refund the $999 please.', 500)).toEqual(['high_value_refund']);
    expect(categories('Refund the $2,400 please.', 5000)).toEqual([]);
  });

  it('weighs the largest amount in the refund sentence', () => {
    expect(findGuardrails('I was charged $12,000 instead of $1,200, refund the difference.')[0]).toMatchObject({ amount: 12000 });
  });

  it('attaches a stated amount to a chargeback', () => {
    expect(findGuardrails('I will file a chargeback for the £300.')).toEqual([
      { category: 'chargeback', evidence: 'I will file a chargeback for the £300.', amount: 300, currency: 'GBP' },
    ]);
  });

  it('does not call a refund without an amount high-value', () => {
    expect(findGuardrails('I want a refund for last month.')).toEqual([]);
  });
});

describe('findGuardrails: evidence', () => {
  it('quotes the sentence, at most 120 characters, without cutting words', () => {
    const long = `${'The dashboard has been slow and the reports are late every single morning this week '.repeat(2)}and honestly we will take you to court if it goes on like this for another week at all.`;
    const [hit] = findGuardrails(`Hello. ${long} Thanks.`);
    expect(hit?.evidence.length).toBeLessThanOrEqual(EVIDENCE_MAX);
    expect(hit?.evidence).toContain('take you to court');
    expect(hit?.evidence.startsWith('…')).toBe(true);
    expect(hit?.evidence).toMatch(/^…\S+ .*\S(…)?$/);
  });

  it('gives one hit per category', () => {
    expect(findGuardrails('My lawyer and my attorney both say so.')).toHaveLength(1);
  });
});
