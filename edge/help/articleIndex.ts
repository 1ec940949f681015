// Full-text search over a workspace's help articles: one MiniSearch index per workspace, rebuilt when its articles change.
import MiniSearch from 'minisearch';
import type { HelpArticleHit } from '../../sdk/wire';
import type { Store, StoredArticle } from '../store';

/** How far a typo may be, as a share of the term's length: "pasword" finds "password", "cat" does not find "car". */
const FUZZY = 0.2;
/** A hit's title counts this much more than its body: an article about X usually says X in its title. */
const TITLE_BOOST = 3;
const EXCERPT_CHARS = 160;

type IndexedArticle = StoredArticle & { tagsText: string };

function buildIndex(articles: StoredArticle[]): MiniSearch<IndexedArticle> {
  const index = new MiniSearch<IndexedArticle>({
    fields: ['title', 'body', 'tagsText'],
    storeFields: ['title', 'url', 'body'],
    searchOptions: { boost: { title: TITLE_BOOST, tagsText: 2 }, fuzzy: FUZZY, prefix: true, combineWith: 'AND' },
  });
  index.addAll(articles.map((a) => ({ ...a, tagsText: (a.tags ?? []).join(' ') })));
  return index;
}

/** Plain text of the body around the first place a query term appears, so the hit shows why it matched. */
export function excerpt(body: string, terms: string[]): string {
  const text = body
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#>*_`~|-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const lower = text.toLowerCase();
  let at = -1;
  for (const t of terms) {
    const i = lower.indexOf(t.toLowerCase());
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  const start = at <= EXCERPT_CHARS / 4 ? 0 : text.lastIndexOf(' ', at - EXCERPT_CHARS / 4) + 1;
  const slice = text.slice(start, start + EXCERPT_CHARS);
  return (start > 0 ? '…' : '') + slice + (start + EXCERPT_CHARS < text.length ? '…' : '');
}

export interface ArticleSearch {
  search(workspaceId: string, query: string, limit: number): Promise<HelpArticleHit[]>;
}

/**
 * Indexes live in memory beside the app; the workspace's articles version (bumped in the same transaction as any
 * article change) tells this process when its copy is stale, even when another process made the change.
 */
export function createArticleSearch(store: Store): ArticleSearch {
  const cache = new Map<string, { version: number; index: MiniSearch<IndexedArticle> }>();
  return {
    async search(workspaceId, query, limit) {
      const version = await store.articlesVersion(workspaceId);
      let entry = cache.get(workspaceId);
      if (!entry || entry.version !== version) {
        entry = { version, index: buildIndex(await store.listArticles(workspaceId)) };
        cache.set(workspaceId, entry);
      }
      let results = entry.index.search(query);
      // AND keeps precise queries precise; when it finds nothing, any term is better than an empty panel.
      if (results.length === 0) results = entry.index.search(query, { combineWith: 'OR' });
      return results.slice(0, limit).map((r) => {
        const hit: HelpArticleHit = {
          id: String(r.id),
          title: r.title as string,
          excerpt: excerpt(r.body as string, r.terms),
          score: Math.round(r.score * 1000) / 1000,
        };
        if (typeof r.url === 'string') hit.url = r.url;
        return hit;
      });
    },
  };
}
