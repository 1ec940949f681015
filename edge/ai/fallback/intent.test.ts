// The offline topic and desired outcome on exact messages.
import { describe, expect, it } from 'vitest';
import { classifyOffline } from './intent';

describe('classifyOffline: topic', () => {
  it.each([
    ['Where can I download last month\'s invoice?', 'billing'],
    ['SSO with Azure AD rejects every new user.', 'login'],
    ['The CSV export cuts off after 10,000 rows.', 'export'],
    ['Our HubSpot webhook stopped firing.', 'integration'],
    ['The reports page takes forever to load.', 'performance'],
    ['Clicking save throws an error.', 'bug'],
    ['Can I give a teammate admin permissions?', 'account'],
    ['Someone logged into my account and changed the password.', 'security'],
    ['Send me all personal data you hold about me under GDPR.', 'privacy'],
    ['How do I change the date format?', 'how-to'],
    ['Just wanted to say the new look is lovely.', 'other'],
  ])('%s → %s', (text, topic) => {
    expect(classifyOffline(text).topic).toBe(topic);
  });

  it('does not take its topic from what the writer negated', () => {
    expect(classifyOffline("This isn't a GDPR request, I only want to update my email address.").topic).toBe('account');
  });
});

describe('classifyOffline: desired outcome', () => {
  it.each([
    ['Please refund the $4,800 annual charge.', 'a refund of $4,800'],
    ['I want a refund.', 'a refund'],
    ['We are cancelling our subscription.', 'to cancel their subscription'],
    ['Get me your supervisor.', 'to speak to a manager'],
    ['Delete all of my personal data under GDPR.', 'their personal data deleted'],
    ['I need my invoice resent to finance@acme.test', 'their invoice resent to finance@acme.test'],
    ['Can you add SAML to our plan?', 'add saml to their plan'],
    ['How do I rotate our API key?', 'to know how to rotate their api key'],
    ['The CSV export is broken.', 'the export to work'],
    ['Thanks, all good now!', 'nothing more: they are thanking the team'],
  ])('%s → %s', (text, outcome) => {
    expect(classifyOffline(text).desiredOutcome).toBe(outcome);
  });

  it('keeps the outcome short', () => {
    const long = `I want you to ${'look into the export and the import and the sync and '.repeat(5)}fix it.`;
    expect(classifyOffline(long).desiredOutcome.length).toBeLessThanOrEqual(101);
  });

  it('carries the guardrails and says it is offline', () => {
    expect(classifyOffline('I will file a chargeback.')).toEqual({
      topic: 'billing',
      desiredOutcome: 'the disputed charge reversed (they threaten a chargeback)',
      guardrails: [{ category: 'chargeback', evidence: 'I will file a chargeback.' }],
      source: 'fallback',
    });
  });
});
