// Markdown for people (Slack, email, the console): user and CRM text escaped so it reads as text, never as structure.

/**
 * Every character CommonMark, GFM (tables, strikethrough) or Slack could read as structure is backslash-escaped, so
 * an answer cannot pose as a heading, a list, emphasis, code, a table or a link ("[safe](https://evil)" stays
 * visible as typed), and line breaks fold into spaces so it cannot start a block of its own. A bare URL stays a URL:
 * it shows where it goes, which is what a disguised link hides.
 */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-!|<>~]/g, '\\$&').replace(/\s*\n\s*/g, ' ');
}
