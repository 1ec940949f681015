import { describe, expect, it } from 'vitest';
import { ago, DAY, facts, HOUR, NOW, replied, said, ticket } from '../test/facts';
import { DEFAULT_RISK_THRESHOLDS as T, resolveRiskThresholds } from '../thresholds';
import { toneDrift } from './toneDrift';

/** One ticket on which the customer and an agent take turns: customer tones at days 3, 2 and 1 ago. */
function conversation(tones: Array<number | null>, start = 3 * DAY) {
  const messages = tones.flatMap((tone, i) => [said(`m${i + 1}`, ago(start - i * DAY), { tone }), replied(`a${i + 1}`, ago(start - i * DAY) + HOUR)]);
  return facts({ tickets: [ticket('T-1', { createdAt: ago(start + HOUR), messages })] });
}

describe('tone drift', () => {
  it('neutral to negative over three interactions', () => {
    expect(toneDrift(conversation([0, -0.2, -0.45]), T, NOW)).toEqual({
      id: 'tone_drift',
      kind: 'pattern',
      points: 25,
      sentence: "Acme's customer messages slid from neutral to negative over their last 3 interactions (tone 0 → -0.2 → -0.45 on T-1), the latest on 14 Jun.",
      evidence: {
        ticketIds: ['T-1'],
        messageIds: ['m1', 'm2', 'm3'],
        userIds: ['u-1'],
        from: ago(3 * DAY),
        to: ago(DAY),
        values: { fromTone: 0, toTone: -0.45, drop: 0.45, interactions: 3 },
      },
      at: ago(DAY),
    });
  });

  it.each([
    ['ends at -0.4 (the bound), falling 0.4', [0, -0.2, -0.4], true],
    ['ends at -0.38: not yet negative', [0.05, -0.2, -0.38], false],
    ['falls 0.35 only', [-0.1, -0.3, -0.45], false],
    ['falls 0.45 from just above the neutral bound', [-0.15, -0.3, -0.6], true],
    ['starts below neutral (-0.25): already negative, no drift', [-0.25, -0.5, -0.7], false],
    ['starts positive: a larger slide still counts', [0.6, 0.1, -0.5], true],
    ['rises in the middle', [0, 0.3, -0.5], false],
    ['holds level in the middle', [0, 0, -0.5], true],
  ])('%s', (_, tones, matches) => {
    expect(toneDrift(conversation(tones), T, NOW) !== null).toBe(matches);
  });

  it('needs the configured number of interactions: two are a change, not a trend', () => {
    expect(toneDrift(conversation([0, -0.6]), T, NOW)).toBeNull();
    expect(toneDrift(conversation([0, -0.6]), resolveRiskThresholds({ tone_drift: { interactions: 2 } }), NOW)?.evidence.values?.interactions).toBe(2);
  });

  it('messages in a row without a reply are one interaction (their mean): one angry afternoon is not a trend', () => {
    const messages = [said('m1', ago(3 * HOUR), { tone: 0 }), said('m2', ago(2 * HOUR), { tone: -0.3 }), said('m3', ago(HOUR), { tone: -0.6 })];
    expect(toneDrift(facts({ tickets: [ticket('T-1', { createdAt: ago(4 * HOUR), messages })] }), T, NOW)).toBeNull();
  });

  it('a turn of several messages takes their mean tone and all their ids', () => {
    const messages = [
      said('m1', ago(3 * DAY), { tone: 0 }),
      replied('a1', ago(3 * DAY) + HOUR),
      said('m2', ago(2 * DAY), { tone: -0.1 }),
      said('m3', ago(2 * DAY) + HOUR, { tone: -0.3 }),
      replied('a2', ago(2 * DAY) + 2 * HOUR),
      said('m4', ago(DAY), { tone: -0.5 }),
    ];
    const r = toneDrift(facts({ tickets: [ticket('T-1', { createdAt: ago(4 * DAY), messages })] }), T, NOW);
    expect(r?.evidence.messageIds).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(r?.sentence).toContain('tone 0 → -0.2 → -0.5');
  });

  it('interactions across tickets are taken in time order', () => {
    const f = facts({
      tickets: [
        ticket('T-1', { createdAt: ago(6 * DAY), messages: [said('m1', ago(5 * DAY), { tone: 0 }), replied('a1', ago(4 * DAY)), said('m3', ago(DAY), { tone: -0.5 })] }),
        ticket('T-2', { createdAt: ago(3 * DAY), requesterId: 'u-2', messages: [said('m2', ago(3 * DAY), { tone: -0.3 })] }),
      ],
    });
    expect(toneDrift(f, T, NOW)?.evidence).toMatchObject({ ticketIds: ['T-1', 'T-2'], messageIds: ['m1', 'm2', 'm3'], userIds: ['u-1', 'u-2'] });
  });

  it('messages the AI layer has not scored yet are skipped, not read as neutral', () => {
    expect(toneDrift(conversation([0, null, -0.2, -0.45]), T, NOW)?.evidence.messageIds).toEqual(['m1', 'm3', 'm4']);
  });

  it('a customer who has since recovered is not drifting now', () => {
    expect(toneDrift(conversation([0, -0.2, -0.45, 0.3], 4 * DAY), T, NOW)).toBeNull();
  });

  it('old history does not count: the last interaction must be recent', () => {
    expect(toneDrift(conversation([0, -0.2, -0.45], 10 * DAY), T, NOW)).toBeNull();
    expect(toneDrift(conversation([0, -0.2, -0.45], 10 * DAY), resolveRiskThresholds({ recentDays: 9 }), NOW)).not.toBeNull();
  });
});
