// Money amounts in customer text ("$2,400", "2.400 €", "EUR 1,500", "£300", "$3k", "18,000 dollars"), read the way
// the writer meant them whatever their decimal convention, so a refund can be weighed against the high-value threshold.

export interface MoneyMention {
  /** In major units: "$2,400.50" → 2400.5. */
  amount: number;
  /** ISO 4217 when the text says which; absent for a bare "2,400". */
  currency?: string;
  /** Where the mention sits in the text, for evidence and for pairing it with the words around it. */
  start: number;
  end: number;
}

const SYMBOLS: Record<string, string> = { $: 'USD', 'us$': 'USD', 'c$': 'CAD', 'ca$': 'CAD', 'a$': 'AUD', 'au$': 'AUD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₹': 'INR' };
const CODES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'CHF', 'JPY', 'INR', 'SEK', 'NOK', 'DKK', 'NZD'];
const WORDS: Record<string, string> = {
  dollar: 'USD',
  dollars: 'USD',
  bucks: 'USD',
  euro: 'EUR',
  euros: 'EUR',
  pound: 'GBP',
  pounds: 'GBP',
  quid: 'GBP',
  francs: 'CHF',
};

// A number as people type it: digits with thousands groups separated by "," "." or a (thin, no-break) space, an
// optional decimal part, and an optional k/m multiplier ("3k", "1.2m").
// One grouping separator throughout, so "$2,400 100 users" is not read as 2,400,100.
const NUMBER = [
  String.raw`\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?`,
  String.raw`\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?`,
  String.raw`\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?:[.,]\d{1,2})?`,
  // Swiss grouping: CHF 3'500.
  String.raw`\d{1,3}(?:['’]\d{3})+(?:[.,]\d{1,2})?`,
  String.raw`\d+(?:[.,]\d+)?`,
].join('|');
const MULTIPLIER = String.raw`(?:\s?(k|m|thousand|million)\b)?`;
const SYMBOL = String.raw`(us\$|c\$|ca\$|a\$|au\$|\$|€|£|¥|₹)`;
const CODE = `(${CODES.join('|')})`;
const WORD = `(${Object.keys(WORDS).join('|')})`;

// Currency before the number ("$2,400", "EUR 1,500") or after it ("2.400 €", "1,500 USD", "18,000 dollars").
const BEFORE = new RegExp(String.raw`(?:${SYMBOL}\s?|\b${CODE}\s?)(${NUMBER})${MULTIPLIER}`, 'giu');
const AFTER = new RegExp(String.raw`(?<![\d.,])(${NUMBER})${MULTIPLIER}\s?(?:${SYMBOL}|${CODE}\b|${WORD}\b)`, 'giu');

/**
 * Reads "2,400", "2.400", "2 400", "2.400,50", "2,400.50", "2.5" and "2,40" as their writer meant them: when both
 * separators appear the last is the decimal one; a lone separator followed by exactly three digits groups thousands
 * (currency amounts with three decimals are rare enough that "1.500 €" is fifteen hundred euros).
 */
export function parseNumber(raw: string): number {
  const s = raw.replace(/[\u00a0\u202f '’]/g, '');
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let normal: string;
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    normal = s.split(group).join('').replace(decimal, '.');
  } else {
    const sep = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : null;
    if (sep === null) normal = s;
    else {
      const parts = s.split(sep);
      const grouped = parts.length > 2 || (parts[1]?.length === 3 && parts[0] !== '0');
      normal = grouped ? parts.join('') : parts.join('.');
    }
  }
  return Number(normal);
}

function scale(amount: number, multiplier: string | undefined): number {
  const m = multiplier?.toLowerCase();
  if (m === 'k' || m === 'thousand') return amount * 1_000;
  if (m === 'm' || m === 'million') return amount * 1_000_000;
  return amount;
}

function currencyOf(symbol: string | undefined, code: string | undefined, word: string | undefined): string | undefined {
  if (symbol) return SYMBOLS[symbol.toLowerCase()];
  if (code) return code.toUpperCase();
  if (word) return WORDS[word.toLowerCase()];
  return undefined;
}

/** Every amount with a currency in the text, in reading order. Bare numbers are not money: "order 12345" is not. */
export function findMoney(text: string): MoneyMention[] {
  const found: MoneyMention[] = [];
  for (const m of text.matchAll(BEFORE)) {
    const [, symbol, code, num, mult] = m;
    const amount = scale(parseNumber(num!), mult);
    if (Number.isFinite(amount)) found.push({ amount, currency: currencyOf(symbol, code, undefined), start: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(AFTER)) {
    const [, num, mult, symbol, code, word] = m;
    const start = m.index;
    const end = start + m[0].length;
    // "$2,400 USD" is one amount, found once.
    if (found.some((f) => start < f.end && end > f.start)) continue;
    const amount = scale(parseNumber(num!), mult);
    if (Number.isFinite(amount)) found.push({ amount, currency: currencyOf(symbol, code, word), start, end });
  }
  return found.sort((a, b) => a.start - b.start).map((f) => (f.currency === undefined ? { amount: f.amount, start: f.start, end: f.end } : f));
}

/** "$2,400" for the desired-outcome phrase: the amount in the writer's currency, grouped for reading. */
export function formatMoney(amount: number, currency?: string): string {
  const digits = amount.toLocaleString('en-US', { maximumFractionDigits: 2 });
  const symbol = { USD: '$', EUR: '€', GBP: '£', JPY: '¥', INR: '₹' }[currency ?? ''];
  if (symbol) return `${symbol}${digits}`;
  return currency ? `${currency} ${digits}` : digits;
}
