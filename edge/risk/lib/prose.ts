// How the risk engine's sentences count and list things, so every reason reads the same way to a CSM.

/** "1 ticket", "3 tickets". */
export function count(n: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : pluralNoun}`;
}

/** "T-1", "T-1 and T-2", "T-1, T-2 and T-3". */
export function list(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Readable words for a snake_case name: "rage_click" → "rage click". */
export const words = (name: string): string => name.replace(/_/g, ' ');

/** At most `max` items by name, the rest counted: "T-1, T-2, T-3 and 4 more". */
export function listSome(items: readonly string[], max = 3): string {
  return items.length <= max ? list(items) : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const COMPACT = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** "1,250" for counts a CSM compares. */
export const formatNumber = (n: number): string => GROUPED.format(n);

/** "120K", "1.5M" for ARR and amounts: the magnitude is what matters, and the currency is the CRM's. */
export const formatAmount = (n: number): string => COMPACT.format(n);
