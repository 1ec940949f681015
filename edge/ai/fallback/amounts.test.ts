// Money in customer text: exact strings in every decimal convention, and what is not money.
import { describe, expect, it } from 'vitest';
import { findMoney, formatMoney, parseNumber } from './amounts';

const amounts = (text: string) => findMoney(text).map(({ amount, currency }) => (currency ? { amount, currency } : { amount }));

describe('findMoney', () => {
  it.each([
    ['$2,400', 2400, 'USD'],
    ['$2400', 2400, 'USD'],
    ['$2,400.50', 2400.5, 'USD'],
    ['2.400 €', 2400, 'EUR'],
    ['€2.400', 2400, 'EUR'],
    ['2.400,50 €', 2400.5, 'EUR'],
    ['1 800 €', 1800, 'EUR'],
    ['EUR 1,500', 1500, 'EUR'],
    ['1.250,00 EUR', 1250, 'EUR'],
    ['£300', 300, 'GBP'],
    ['300 GBP', 300, 'GBP'],
    ['USD 950', 950, 'USD'],
    ['US$ 300', 300, 'USD'],
    ['CA$45', 45, 'CAD'],
    ['$3k', 3000, 'USD'],
    ['1.5k USD', 1500, 'USD'],
    ['$2 million', 2_000_000, 'USD'],
    ['18,000 dollars', 18000, 'USD'],
    ['40 euros', 40, 'EUR'],
    ['2,40 €', 2.4, 'EUR'],
  ])('reads %s as %d %s', (text, amount, currency) => {
    expect(amounts(`please refund ${text} today`)).toEqual([{ amount, currency }]);
  });

  it('finds every amount in reading order', () => {
    expect(amounts('charged $12,000 instead of $1,200')).toEqual([
      { amount: 12000, currency: 'USD' },
      { amount: 1200, currency: 'USD' },
    ]);
  });

  it('does not read bare numbers, ids or dates as money', () => {
    expect(amounts('order 12345 from 2024-05-01, ticket #4821, 30 seats, error 500')).toEqual([]);
  });

  it('does not glue the next number onto an amount', () => {
    expect(amounts('$2,400 100 users')).toEqual([{ amount: 2400, currency: 'USD' }]);
  });

  it('does not take "m" of a following word as millions', () => {
    expect(amounts('€20 monthly')).toEqual([{ amount: 20, currency: 'EUR' }]);
  });

  it('reports where the amount is', () => {
    expect(findMoney('a refund of $49 please')).toEqual([{ amount: 49, currency: 'USD', start: 12, end: 15 }]);
  });
});

describe('parseNumber', () => {
  it.each([
    ['2,400', 2400],
    ['2.400', 2400],
    ['2 400', 2400],
    ['2.400,50', 2400.5],
    ['2,400.50', 2400.5],
    ['1,234,567', 1234567],
    ['2.5', 2.5],
    ['2,40', 2.4],
    ['0.500', 0.5],
  ])('%s → %d', (raw, value) => expect(parseNumber(raw)).toBe(value));
});

describe('formatMoney', () => {
  it('writes the amount in its currency', () => {
    expect(formatMoney(2400, 'USD')).toBe('$2,400');
    expect(formatMoney(2400.5, 'EUR')).toBe('€2,400.5');
    expect(formatMoney(300, 'CHF')).toBe('CHF 300');
    expect(formatMoney(300)).toBe('300');
  });
});
