// Which URLs from tips and articles may become links: http(s) and relative only, resolved against the page.

/** A scheme before the first `/`, `?` or `#` (`javascript:`, `data:`, `&#106;avascript:`…). */
const HAS_SCHEME = /^[^/?#]*:/;
// Browsers drop tabs and newlines inside URLs (`java\tscript:`), other controls have no business in a link, and
// an HTML entity (`&#106;`, `&colon;`) in a markdown link is an attempt to smuggle a scheme past this check.
const UNSAFE = /[\u0000-\u0020\u007f-\u009f\\]|&#?\w+;/;

/** The absolute URL to link to, or null when the text must be shown as plain text. */
export function safeHref(raw: unknown, base: string = location.href): string | null {
  if (typeof raw !== 'string') return null;
  const url = raw.trim();
  if (!url || url.length > 2048 || UNSAFE.test(url)) return null;
  if (HAS_SCHEME.test(url) && !/^https?:\/\//i.test(url)) return null;
  try {
    const u = new URL(url, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
