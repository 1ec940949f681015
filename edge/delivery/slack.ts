// The Slack incoming-webhook message for a trigger: Block Kit from the handoff layout, inside Slack's limits.
//
// Slack refuses a whole message (400 invalid_blocks) when any one element is over its limit, so every piece of text
// is fitted before it is placed: escaped first (&, <, > as Slack requires, so a customer's "<!channel>" stays text),
// then cut at a whole escape and, where one is near, at a word, ending in "…". Our own mrkdwn (*titles*, the
// <link|label>) is added around text already fitted, so a cut never leaves it open.
import { fitText, type HandoffLayout } from './handoffText';

/** https://docs.slack.dev/reference/block-kit/blocks: the limits a message must respect. */
export const SLACK_LIMITS = {
  blocks: 50,
  headerText: 150,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  /** The top-level text is the notification and the fallback; Slack shows at most a few thousand characters of it. */
  fallbackText: 3000,
  /**
   * Slack also refuses messages whose blocks together run past about 13,000 characters (msg_blocks_too_long, not in
   * its documentation, reported at ~13,200); we stay under 12,000 and say the rest is in the console.
   */
  totalText: 12_000,
} as const;

/** One line of a list is at most this long, so one enormous line cannot push out all the others. */
export const LINE_MAX = 600;
/** A fact is a value, not prose: ten of them at Slack's 2,000 would spend most of the message. */
export const FACT_MAX = 500;
/** A shortened last line is shown only if it keeps at least this much; less is noise. */
const MIN_PARTIAL_LINE = 40;

export function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text escaped for mrkdwn and fitted into `max` characters, never cutting an escape in two. */
export const fitMrkdwn = (raw: string, max: number): string => fitText(raw, max, { escape: escapeMrkdwn });

/** Lines as one mrkdwn text under a bold title: whole lines while they fit, then "…and N more". */
export function fitLines(title: string, lines: string[], max: number): { text: string; complete: boolean } {
  const head = `*${escapeMrkdwn(title)}*`;
  const bullets = lines.map((l) => `• ${fitMrkdwn(l, LINE_MAX)}`);
  const whole = [head, ...bullets].join('\n');
  if (whole.length <= max) return { text: whole, complete: true };
  // Something must go, so room is kept for the count of what went after every line admitted.
  let text = head;
  for (let i = 0; i < lines.length; i++) {
    const bullet = bullets[i]!;
    const rest = lines.length - i - 1;
    const more = rest > 0 ? `\n…and ${rest} more` : '';
    if (text.length + 1 + bullet.length + more.length <= max) {
      text += `\n${bullet}`;
      continue;
    }
    const left = max - text.length - 1 - more.length;
    if (left >= MIN_PARTIAL_LINE) return { text: `${text}\n${fitMrkdwn(`• ${lines[i]!}`, Math.min(left, LINE_MAX))}${more}`, complete: false };
    // The line before was admitted only with room for exactly this count after it.
    return { text: `${text}\n…and ${lines.length - i} more`, complete: false };
  }
  return { text, complete: false };
}

export interface SlackMessage {
  text: string;
  blocks: Array<Record<string, unknown>>;
}

const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });

/** Slack link syntax breaks on | and >, and wants & escaped like any text. */
const slackUrl = (url: string) => url.replace(/&/g, '&amp;').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\|/g, '%7C');

/** Sections get at least this much room or are left for the console. */
const MIN_SECTION = 200;

export function slackMessage(layout: HandoffLayout): SlackMessage {
  const blocks: Array<Record<string, unknown>> = [];
  let budget: number = SLACK_LIMITS.totalText;
  const spend = (text: string) => {
    budget -= text.length;
    return text;
  };

  blocks.push({ type: 'header', text: { type: 'plain_text', text: spend(fitText(layout.title, SLACK_LIMITS.headerText)), emoji: true } });
  blocks.push({ type: 'section', text: mrkdwn(spend(fitMrkdwn(layout.headline, SLACK_LIMITS.sectionText))) });
  const fields = layout.facts.slice(0, SLACK_LIMITS.fields).map((f) => {
    const label = `*${fitMrkdwn(f.label, 100)}*\n`;
    return mrkdwn(spend(label + fitMrkdwn(f.value, Math.min(FACT_MAX, SLACK_LIMITS.fieldText - label.length))));
  });
  if (fields.length) blocks.push({ type: 'section', fields });
  blocks.push({ type: 'divider' });

  // The closing context block's room is kept back, so the sections cannot spend it.
  const link = layout.link ? `<${slackUrl(layout.link)}|Open in Forestall>` : null;
  const footer = fitMrkdwn(layout.footer, 300);
  const note = 'The summary is shortened here; the full one is in Forestall.';
  const reserved = (link?.length ?? 0) + footer.length + note.length;
  let shortened = false;
  for (const s of layout.sections) {
    const room = Math.min(SLACK_LIMITS.sectionText, budget - reserved);
    // One block stays free for the context; the cap is far off with today's sections, but layouts grow.
    if (room < MIN_SECTION || blocks.length >= SLACK_LIMITS.blocks - 1) {
      shortened = true;
      break;
    }
    const fitted = fitLines(s.title, s.lines, room);
    if (!fitted.complete) shortened = true;
    blocks.push({ type: 'section', text: mrkdwn(spend(fitted.text)) });
  }

  const context = [link, footer, shortened ? note : null].filter((t): t is string => t !== null).map(mrkdwn);
  blocks.push({ type: 'context', elements: context.slice(0, SLACK_LIMITS.contextElements) });

  return { text: fitMrkdwn(`${layout.title}: ${layout.headline}`, SLACK_LIMITS.fallbackText), blocks };
}
