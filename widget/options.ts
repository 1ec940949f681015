// The widget's text and look: English defaults, replaced by whatever the host passes as init({ widgetOptions }).

/** Every string the widget shows. `{name}` placeholders are filled by `fmt`. */
export const STRINGS = {
  close: 'Close',
  dismissTip: 'Dismiss tip',
  showMe: 'Show me',
  helped: 'That helped',
  stillStuck: 'Still stuck?',
  help: 'Help',
  search: 'Search help articles',
  searching: 'Searching…',
  noResults: 'No articles match.',
  results: '{n} articles. Arrow keys choose, Enter opens.',
  offline: 'Help is offline. Try again in a moment.',
  contact: 'Contact support',
  intro: 'We attach the details below so you need not repeat yourself.',
  tryingTo: 'What are you trying to do?',
  expected: 'What did you expect to happen?',
  optional: '(optional)',
  email: 'Your email, for our reply',
  file: 'Screenshot or file',
  fileHint: 'Image, PDF or text, up to {kb} KB.',
  remove: 'Remove {name}',
  trail: 'Details we’ll attach',
  screens: 'Screens visited',
  signals: 'Where it got hard',
  errors: 'Errors',
  tips: 'Tips tried',
  articles: 'Articles read',
  none: 'None',
  send: 'Send to support',
  sending: 'Sending…',
  retrying: 'Still sending, retrying…',
  queued: 'Support is unreachable. Your message is saved and will be sent later.',
  retry: 'Try again',
  sent: 'Sent. Your reference is {reference}.',
  done: 'Done',
  errTryingTo: 'Tell us what you are trying to do.',
  errEmail: 'Enter an email like name@example.com.',
  errEmailRequired: 'Enter your email so we can reply.',
  errTooLong: 'Keep this under {max} characters.',
  errFileSize: 'This file is over {kb} KB.',
  errFileType: 'Attach an image, PDF or text file.',
  errRejected: 'Support refused this message: {message}',
};
export type Strings = typeof STRINGS;

export interface WidgetOptions {
  strings: Strings;
  /** bottom-right (default; bottom-left on right-to-left pages), bottom-left, top-right or top-left. */
  position: string;
  dir: 'ltr' | 'rtl';
  /** Values for --forestall-accent, --forestall-radius, --forestall-font, for hosts that prefer options to CSS. */
  theme: Record<string, string>;
}

const obj = (x: unknown): Record<string, unknown> => (x && typeof x == 'object' ? (x as Record<string, unknown>) : {});
/** Keeps the keys of `allowed` whose values are non-empty strings. */
const pick = (raw: unknown, allowed: object): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(raw))) if (k in allowed && typeof v == 'string' && v) out[k] = v.slice(0, 500);
  return out;
};

/** Reads `widgetOptions` defensively: unknown keys and values of the wrong type are ignored, never thrown on. */
export function readOptions(raw: unknown, doc: Document = document): WidgetOptions {
  const o = obj(raw);
  const dir = o.dir == 'rtl' || o.dir == 'ltr' ? (o.dir as 'rtl' | 'ltr') : /rtl/i.test(doc.documentElement.dir + (doc.body ? doc.body.dir : '')) ? 'rtl' : 'ltr';
  const position = /^(bottom|top)-(left|right)$/.test(o.position as string) ? (o.position as string) : dir == 'rtl' ? 'bottom-left' : 'bottom-right';
  return { strings: { ...STRINGS, ...pick(o.strings, STRINGS) }, position, dir, theme: pick(o.theme, { accent: 1, radius: 1, font: 1 }) };
}

/** Fills `{name}` placeholders; unknown ones stay as they are. */
export const fmt = (s: string, vars: Record<string, string | number>): string => s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? '' + vars[k] : m));
