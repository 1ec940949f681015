// The offline tone on exact messages: cut-offs, negation, intensity, courtesy, sarcasm, other languages.
import { describe, expect, it } from 'vitest';
import { analyzeMessageOffline } from './analysis';
import { NEGATIVE_AT_OR_BELOW, POSITIVE_AT_OR_ABOVE, THREAT_CEILING, toneLabel, toneOffline } from './tone';

const label = (text: string) => toneOffline(text).label;
const score = (text: string) => toneOffline(text).score;

describe('toneLabel', () => {
  it('puts the documented cut-offs on the negative and positive side', () => {
    expect(toneLabel(NEGATIVE_AT_OR_BELOW)).toBe('negative');
    expect(toneLabel(NEGATIVE_AT_OR_BELOW + 0.001)).toBe('neutral');
    expect(toneLabel(POSITIVE_AT_OR_ABOVE - 0.001)).toBe('neutral');
    expect(toneLabel(POSITIVE_AT_OR_ABOVE)).toBe('positive');
  });
});

describe('toneOffline', () => {
  it('scores from -1 to 1', () => {
    for (const t of ['I HATE THIS!!! WORST. PRODUCT. EVER!!!', 'Best support ever, thank you so much!!!', '']) {
      expect(Math.abs(score(t))).toBeLessThanOrEqual(1);
    }
    expect(toneOffline('')).toEqual({ score: 0, label: 'neutral' });
  });

  it('reads negation', () => {
    expect(label('The new editor is good.')).toBe('positive');
    expect(label('The new editor is not good.')).toBe('negative');
    expect(label('Not happy with the latest update at all.')).toBe('negative');
  });

  it('reads intensity: boosters, capitals and exclamation marks make it stronger', () => {
    expect(score('This is bad.')).toBeGreaterThan(score('This is really bad.'));
    expect(score('This is really bad.')).toBeGreaterThan(score('This is really BAD!!!'));
    expect(score('THIS IS COMPLETELY UNACCEPTABLE!!!')).toBeLessThan(score('this is unacceptable'));
  });

  it('reads courtesy as neutral, not as praise', () => {
    expect(label('Hi team, could you please help me update the billing email? Thanks in advance!')).toBe('neutral');
    expect(label('Ok, thanks.')).toBe('neutral');
    expect(label('Hi, how do I add a new teammate to our workspace?')).toBe('neutral');
  });

  it('reads support complaints as negative', () => {
    expect(label('The Salesforce sync is not working since yesterday.')).toBe('negative');
    expect(label("I can't log in since this morning.")).toBe('negative');
    expect(label('Another outage today.')).toBe('negative');
    expect(label('Nobody has replied to my ticket in four days.')).toBe('negative');
  });

  it('reads a fix as good news, not as a repeat failure', () => {
    expect(label('Everything is working again, thank you!')).toBe('positive');
  });

  it('softens what the writer calls minor', () => {
    expect(label('Small bug report: the tooltip is cut off on narrow screens. Not a big deal.')).toBe('neutral');
  });

  it('sees sarcasm: praise around a complaint', () => {
    expect(label('Great, another outage. Just great.')).toBe('negative');
    expect(label('Oh wonderful, the invoice is wrong again.')).toBe('negative');
    expect(label('Love how the app logs me out every ten minutes.')).toBe('negative');
    expect(label('Thanks for nothing.')).toBe('negative');
    // …but praise that follows a fix is sincere, and praise alone is praise.
    expect(label('Great, the export works now after the broken week. Thank you!')).toBe('positive');
    expect(label('Great onboarding call today, very helpful.')).toBe('positive');
  });

  it('weighs the end of a mixed message more ("but")', () => {
    expect(label('The product is great but support has been awful lately.')).toBe('negative');
    expect(label('I was annoyed yesterday, but your team sorted it out quickly. Thank you!')).toBe('positive');
  });

  it('reads a threat as negative however politely it is put', () => {
    expect(score('Kindly note that we will be cancelling our subscription, thank you.')).toBeLessThanOrEqual(THREAT_CEILING);
    expect(score('Please ask your manager to call me, I would appreciate it.')).toBeLessThanOrEqual(THREAT_CEILING);
  });

  it('reads a negated threat as a clarification, not as praise', () => {
    expect(label('This is not a legal threat.')).toBe('neutral');
  });

  it('reads common words of other languages', () => {
    expect(label('Merci beaucoup, tout fonctionne maintenant !')).toBe('positive');
    expect(label('El exportador no funciona, es inaceptable.')).toBe('negative');
    expect(label('Das ist leider sehr schlecht.')).toBe('negative');
    expect(label('Grazie mille, perfetto!')).toBe('positive');
    expect(label('Het werkt niet, heel slecht.')).toBe('negative');
  });

  it('reads the negation where German, Dutch and French put it, after the verb', () => {
    expect(label('Der Export funktioniert nicht.')).toBe('negative');
    expect(label('De koppeling werkt niet.')).toBe('negative');
  });

  it('does not read German articles as English words ("die")', () => {
    expect(label('Danke für die Antwort!')).toBe('positive');
  });

  it('reads "no issues" and "runs smoothly" as good news', () => {
    expect(label('No issues so far, the sync runs smoothly.')).toBe('positive');
  });

  it('keeps English words that look like other languages English', () => {
    expect(label('The toll-free number is on the invoice.')).toBe('neutral');
  });
});

describe('analyzeMessageOffline', () => {
  it('gives tone and guardrails from one reading', () => {
    expect(analyzeMessageOffline('Refund the $2,400 now or I call my lawyer!')).toEqual({
      tone: { score: expect.any(Number), label: 'negative' },
      guardrails: [
        { category: 'legal_threat', evidence: 'Refund the $2,400 now or I call my lawyer!' },
        { category: 'high_value_refund', evidence: 'Refund the $2,400 now or I call my lawyer!', amount: 2400, currency: 'USD' },
      ],
      source: 'fallback',
    });
  });

  it('is quick enough to run on every message at ingest (a 1 kB message in a few ms, with room for a busy CI)', () => {
    const text = 'The export has been failing since Monday and my team is blocked. Please refund the $4,800 or we will cancel. '.repeat(10);
    const started = performance.now();
    for (let i = 0; i < 50; i++) analyzeMessageOffline(text);
    expect((performance.now() - started) / 50).toBeLessThan(25);
  });
});
