// Names a page as a screen: the route template that matches its path (`/orders/:id`), else the concrete path.

/**
 * Compiles route templates once. `:name` matches one path segment, a trailing `*` matches the rest.
 * Trailing slashes are ignored on both sides so `/orders/` and `/orders` are one screen.
 */
export function createScreenNamer(templates: readonly string[] = []): (path: string) => string {
  const compiled: Array<[string, RegExp]> = [];
  for (const t of templates) {
    if (typeof t !== 'string' || t[0] !== '/') continue;
    const body = trimSlash(t)
      .split('/')
      .map((seg) =>
        seg === '*' ? '.*' : seg[0] === ':' ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('/');
    compiled.push([t, new RegExp('^' + body + '$')]);
  }
  return (path) => {
    const p = trimSlash(path);
    for (const [name, re] of compiled) if (re.test(p)) return name;
    return p;
  };
}

function trimSlash(p: string): string {
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
}

/**
 * Does an absolute URL count as a help article? Strings with `*` are globs over the whole URL;
 * other strings match when the URL contains them; RegExps are tested as given.
 */
export function matchesHelpUrl(url: string, patterns: ReadonlyArray<string | RegExp>): boolean {
  for (const p of patterns) {
    if (p instanceof RegExp) {
      // search(), not test(): a /g or /y RegExp's test() starts at its lastIndex, left over from the previous URL.
      if (url.search(p) >= 0) return true;
    } else if (typeof p === 'string' && p) {
      if (p.includes('*')) {
        const re = new RegExp('^' + p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
        if (re.test(url)) return true;
      } else if (url.includes(p)) return true;
    }
  }
  return false;
}
