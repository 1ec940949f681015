// Screen names from route templates, and which links count as help articles: exact paths and URLs in, names and verdicts out.
import { describe, expect, it } from 'vitest';
import { createScreenNamer, matchesHelpUrl } from './screens';

describe('createScreenNamer', () => {
  it('names a path by the template whose :params match one segment each', () => {
    const name = createScreenNamer(['/orders/:id', '/orders/:id/items/:item']);
    expect(name('/orders/42')).toBe('/orders/:id');
    expect(name('/orders/abc-7')).toBe('/orders/:id');
    expect(name('/orders/42/items/9')).toBe('/orders/:id/items/:item');
    expect(name('/orders/42/items')).toBe('/orders/42/items');
    expect(name('/orders')).toBe('/orders');
  });

  it('lets the first matching template win', () => {
    const name = createScreenNamer(['/orders/new', '/orders/:id']);
    expect(name('/orders/new')).toBe('/orders/new');
    expect(name('/orders/7')).toBe('/orders/:id');
  });

  it('matches the rest of the path with a trailing *', () => {
    const name = createScreenNamer(['/docs/*']);
    expect(name('/docs/a')).toBe('/docs/*');
    expect(name('/docs/a/b/c')).toBe('/docs/*');
    expect(name('/docsx/a')).toBe('/docsx/a');
    expect(name('/other/docs/a')).toBe('/other/docs/a');
  });

  it('ignores trailing slashes on the path and on the template', () => {
    const name = createScreenNamer(['/orders/:id/', '/settings']);
    expect(name('/orders/42')).toBe('/orders/:id/');
    expect(name('/orders/42/')).toBe('/orders/:id/');
    expect(name('/settings/')).toBe('/settings');
    expect(name('/unknown/')).toBe('/unknown');
    expect(name('/')).toBe('/');
  });

  it('gives the path itself when nothing matches, or with no templates at all', () => {
    expect(createScreenNamer()('/a/b')).toBe('/a/b');
    expect(createScreenNamer([])('/a/b/')).toBe('/a/b');
  });

  it('takes the rest of a template literally: regex metacharacters match only themselves', () => {
    const name = createScreenNamer(['/a.b/(x)', '/files/*.pdf', '/p+q/[id]']);
    expect(name('/a.b/(x)')).toBe('/a.b/(x)');
    expect(name('/aXb/x')).toBe('/aXb/x');
    expect(name('/files/*.pdf')).toBe('/files/*.pdf');
    expect(name('/files/report.pdf')).toBe('/files/report.pdf');
    expect(name('/p+q/[id]')).toBe('/p+q/[id]');
    expect(name('/ppq/i')).toBe('/ppq/i');
  });

  it('ignores bad templates and still uses the good ones', () => {
    const templates = ['orders/:id', '', 42, null, undefined, {}, '/ok/:id'] as unknown as string[];
    const copy = [...templates];
    const name = createScreenNamer(templates);
    expect(name('/orders/1')).toBe('/orders/1');
    expect(name('/ok/1')).toBe('/ok/:id');
    expect(templates).toEqual(copy);
  });

  it('does not let :param match an empty segment', () => {
    const name = createScreenNamer(['/orders/:id/edit']);
    expect(name('/orders//edit')).toBe('/orders//edit');
    expect(name('/orders/1/edit')).toBe('/orders/:id/edit');
  });
});

describe('matchesHelpUrl', () => {
  const url = 'https://help.example.com/articles/42-reset-password?ref=app';

  it('matches a plain string anywhere in the URL', () => {
    expect(matchesHelpUrl(url, ['help.example.com'])).toBe(true);
    expect(matchesHelpUrl(url, ['/articles/'])).toBe(true);
    expect(matchesHelpUrl(url, ['docs.example.com'])).toBe(false);
  });

  it('reads a string with * as a glob over the whole URL', () => {
    expect(matchesHelpUrl(url, ['https://help.example.com/*'])).toBe(true);
    expect(matchesHelpUrl(url, ['*/articles/*'])).toBe(true);
    expect(matchesHelpUrl(url, ['*/articles/'])).toBe(false);
    expect(matchesHelpUrl(url, ['help.example.com/*'])).toBe(false);
    expect(matchesHelpUrl('https://help.example.com/', ['https://help.example.com/*'])).toBe(true);
  });

  it('takes regex metacharacters in strings literally', () => {
    expect(matchesHelpUrl('https://helpXexample.com/a', ['https://help.example.com/*'])).toBe(false);
    expect(matchesHelpUrl('https://x.com/kb?id=1', ['https://x.com/kb?id=*'])).toBe(true);
    expect(matchesHelpUrl('https://x.com/kbid=1', ['https://x.com/kb?id=*'])).toBe(false);
    expect(matchesHelpUrl('https://x.com/faq(1)', ['faq(1)'])).toBe(true);
    expect(matchesHelpUrl('https://x.com/faq1', ['faq(1)'])).toBe(false);
    expect(matchesHelpUrl('https://x.com/(faq)/a', ['*/(faq)/*'])).toBe(true);
    expect(matchesHelpUrl('https://x.com/a+b', ['*/a+b'])).toBe(true);
    expect(matchesHelpUrl('https://x.com/aab', ['*/a+b'])).toBe(false);
  });

  it('tests RegExps as given', () => {
    expect(matchesHelpUrl(url, [/\/articles\/\d+/])).toBe(true);
    expect(matchesHelpUrl(url, [/^https:\/\/docs\./])).toBe(false);
  });

  it('gives the same answer for every URL with a /g or /y RegExp (no lastIndex left over)', () => {
    const g = /help/g;
    expect(matchesHelpUrl('https://x.com/help/a', [g])).toBe(true);
    expect(matchesHelpUrl('https://x.com/help/b', [g])).toBe(true);
    expect(matchesHelpUrl('https://x.com/help/b', [g])).toBe(true);
    expect(g.lastIndex).toBe(0);
    const y = /https:\/\/x\.com\/help/y;
    expect(matchesHelpUrl('https://x.com/help/a', [y])).toBe(true);
    expect(matchesHelpUrl('https://x.com/help/b', [y])).toBe(true);
  });

  it('matches when any pattern does, and not with none', () => {
    expect(matchesHelpUrl(url, ['nope', /nope/, '*/articles/*'])).toBe(true);
    expect(matchesHelpUrl(url, [])).toBe(false);
  });

  it('ignores empty and non-string patterns (an empty string would match everything)', () => {
    const bad = ['', null, undefined, 42, {}, ['help']] as unknown as string[];
    expect(matchesHelpUrl(url, bad)).toBe(false);
    expect(matchesHelpUrl(url, [...bad, 'help.'])).toBe(true);
  });
});
