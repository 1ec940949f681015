// What the SDK may read off the page: short element labels, paths and messages with personal data redacted.

/** Labels longer than this are cut: enough to name a button, too short to carry a paragraph of user text. */
export const MAX_LABEL = 40;

// URL paths arrive percent-encoded: `%40` is an @ and `%20` a space there ("/users/jo%40x.com").
const EMAIL = /[\w.+%-]+(?:@|%40)[\w-]+(?:\.[\w-]+)+/g;
// Seven or more digits (allowing spaces/dashes inside) look like card, phone or account numbers.
const LONG_NUMBER = /\d(?:(?:[ -]|%20)?\d){6,}/g;
// Long opaque runs of letters, digits, -, _ and dots with at least one digit: API keys, JWTs, session ids.
const TOKEN = /\b(?=[\w.-]*\d)[A-Za-z0-9_.-]{24,}\b/g;

/** Replaces emails, long numbers and tokens in free text. */
export function redact(text: string): string {
  // Every pattern needs a digit or an @: most labels ("Save", "Next") have neither and skip the work.
  return /[\d@]/.test(text)
    ? text.replace(EMAIL, '[email]').replace(TOKEN, '[token]').replace(LONG_NUMBER, '[number]')
    : text;
}

/** A URL or path reduced to its path (no query, no hash), redacted. Relative URLs resolve against the page. */
export function redactPath(url: string, base?: string): string {
  try {
    return redact(new URL(url, base || location.href).pathname);
  } catch {
    return redact(String(url).split(/[?#]/)[0] || '/');
  }
}

/** An endpoint as the SDK reports it: origin and redacted path, never the query. */
export function redactEndpoint(url: string): string {
  try {
    const u = new URL(url, location.href);
    return (u.origin === location.origin ? '' : u.origin) + redact(u.pathname);
  } catch {
    return redactPath(url);
  }
}

/** Trims, collapses whitespace, redacts and caps at MAX_LABEL characters. */
export function shortLabel(text: unknown): string {
  const t = redact(String(text ?? '').replace(/\s+/g, ' ').trim());
  return t.length > MAX_LABEL ? t.slice(0, MAX_LABEL - 1) + '…' : t;
}

const BUTTON_INPUTS = /^(submit|button|reset|image)$/;
/** How much text to read off an element for its label: a label is short, and a container's whole text is slow to read. */
const TEXT_SCAN = 120;

/** The first characters of an element's text, without reading a whole subtree's text. */
function leadingText(el: Element): string {
  // Small elements (a button, a link) are read at once; only big containers are walked.
  if (el.childElementCount < 8) return (el.textContent || '').slice(0, TEXT_SCAN * 4);
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let text = '';
  while (text.length < TEXT_SCAN && walker.nextNode()) text += walker.currentNode.nodeValue + ' ';
  return text;
}

/**
 * The label of an element: its aria-label, title, or visible text. Input values are never read,
 * except the caption of button-like inputs (which the page wrote, not the user). Masked areas and
 * editable regions are the caller's to rule out first (describeClickTarget reads them off the
 * click's path, which holds even once the page has moved the element).
 */
export function elementLabel(el: Element): string {
  const aria = el.getAttribute('aria-label') || el.getAttribute('title');
  if (aria) return shortLabel(aria);
  const tag = el.localName;
  if (tag === 'input') {
    const input = el as HTMLInputElement;
    return BUTTON_INPUTS.test(input.type) ? shortLabel(input.value || input.alt) : '';
  }
  return tag === 'textarea' || tag === 'select' ? '' : shortLabel(leadingText(el));
}
