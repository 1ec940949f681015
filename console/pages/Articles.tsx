// Help articles: what the widget's help panel searches. The list, and an editor for one (new or existing).
import { useState } from 'preact/hooks';
import type { StoredArticle } from '../../edge/store';
import type { Article } from '../../edge/wire-schemas';
import { api } from '../api';
import type { PageProps } from '../App';
import { ConfirmDelete } from '../components/ConfirmDelete';
import { FieldError, FormError, invalidProps } from '../components/FieldError';
import { DetailPane, ItemLink } from '../components/Split';
import { Empty, ErrorNote, Load } from '../components/States';
import { relative } from '../format';
import { useAction, useResource } from '../hooks';
import { href, navigate } from '../router';

const BLANK: Article = { id: '', title: '', body: '', url: '', tags: [] };

export function ArticlesPage({ params }: PageProps) {
  const { state, reload } = useResource((signal) => api<{ articles: StoredArticle[] }>('/v1/articles', { signal }), []);
  const selected = params.id;
  return (
    <section class={selected ? 'split has-detail' : 'split'}>
      <div class="split-list">
        <div class="page-head row-between">
          <div>
            <h1 tabIndex={-1}>Help articles</h1>
            <p class="muted">What users find when they search help inside your product.</p>
          </div>
          <a class="btn btn-primary" href={href('/articles/new')}>
            New article
          </a>
        </div>
        <Load state={state} what="articles" retry={reload}>
          {({ articles }) =>
            articles.length === 0 ? (
              <Empty title="No help articles yet.">
                <a href={href('/articles/new')}>Add one</a>, or import yours with <code>PUT /v1/articles/:id</code>.
              </Empty>
            ) : (
              <ul class="item-list">
                {articles.map((a) => (
                  <li key={a.id}>
                    <ItemLink to={`/articles/${encodeURIComponent(a.id)}`} selected={a.id === selected}>
                      <span class="strong">{a.title}</span>
                      <span class="muted small">
                        {a.url ?? a.id} · changed {relative(a.updatedAt)}
                      </span>
                    </ItemLink>
                  </li>
                ))}
              </ul>
            )
          }
        </Load>
      </div>
      {selected && (
        <DetailPane back="/articles" backLabel="All articles">
          {selected === 'new' ? (
            <ArticleEditor key="new" initial={BLANK} isNew onSaved={reload} />
          ) : state.data ? (
            ((found) => (found ? <ArticleEditor key={selected} initial={found} onSaved={reload} /> : <Empty title={`No article “${selected}”.`}>It may have been deleted.</Empty>))(
              state.data.articles.find((a) => a.id === selected),
            )
          ) : null}
        </DetailPane>
      )}
    </section>
  );
}

export function ArticleEditor({ initial, isNew = false, onSaved }: { initial: Article; isNew?: boolean; onSaved: () => void }) {
  const [draft, setDraft] = useState<Article>({ id: initial.id, title: initial.title, body: initial.body, url: initial.url ?? '', tags: initial.tags ?? [] });
  const [saved, setSaved] = useState(false);
  const update = (change: Partial<Article>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...change }));
  };
  const save = useAction(async () => {
    const body: Article = { id: draft.id.trim(), title: draft.title.trim(), body: draft.body, ...(draft.url ? { url: draft.url.trim() } : {}), ...(draft.tags?.length ? { tags: draft.tags } : {}) };
    await api(`/v1/articles/${encodeURIComponent(body.id)}`, { method: 'PUT', body });
    setSaved(true);
    onSaved();
    if (isNew) navigate(`/articles/${encodeURIComponent(body.id)}`, { replace: true });
  });
  const remove = useAction(async () => {
    await api(`/v1/articles/${encodeURIComponent(draft.id)}`, { method: 'DELETE' });
    onSaved();
    navigate('/articles', { replace: true });
  });
  const err = save.error;
  return (
    <form
      class="card editor"
      aria-labelledby="article-editor-h"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run();
      }}
    >
      <h2 id="article-editor-h">{isNew ? 'New article' : `Edit “${initial.title}”`}</h2>
      {isNew && (
        <div class="field">
          <label for="art-id">Id</label>
          <input id="art-id" required maxLength={64} placeholder="vat-ids" value={draft.id} onInput={(e) => update({ id: (e.target as HTMLInputElement).value })} {...invalidProps(err, 'id', 'art-id')} />
          <FieldError error={err} path="id" id="art-id" />
        </div>
      )}
      <div class="field">
        <label for="art-title">Title</label>
        <input id="art-title" required maxLength={300} value={draft.title} onInput={(e) => update({ title: (e.target as HTMLInputElement).value })} {...invalidProps(err, 'title', 'art-title')} />
        <FieldError error={err} path="title" id="art-title" />
      </div>
      <div class="field">
        <label for="art-url">Link</label>
        <input id="art-url" placeholder="/help/vat-ids or https://…" maxLength={2048} value={draft.url ?? ''} onInput={(e) => update({ url: (e.target as HTMLInputElement).value })} {...invalidProps(err, 'url', 'art-url')} />
        <FieldError error={err} path="url" id="art-url" />
      </div>
      <div class="field">
        <label for="art-tags">Tags</label>
        <input
          id="art-tags"
          placeholder="billing, vat"
          value={(draft.tags ?? []).join(', ')}
          aria-describedby="art-tags-help"
          onInput={(e) =>
            update({
              tags: (e.target as HTMLInputElement).value
                .split(',')
                .map((t) => t.trim())
                .filter(Boolean),
            })
          }
        />
        <p class="muted small" id="art-tags-help">
          Separated by commas; search matches them too.
        </p>
      </div>
      <div class="field">
        <label for="art-body">Text</label>
        <textarea id="art-body" rows={12} value={draft.body} onInput={(e) => update({ body: (e.target as HTMLTextAreaElement).value })} {...invalidProps(err, 'body', 'art-body')} />
        <FieldError error={err} path="body" id="art-body" />
      </div>
      <FormError error={err} />
      <div aria-live="polite">{saved && <p class="note ok small">Saved. Help search finds it now.</p>}</div>
      <div class="actions row-between">
        <button type="submit" class="btn btn-primary" disabled={save.busy || !draft.id.trim() || !draft.title.trim()}>
          {save.busy ? 'Saving…' : isNew ? 'Create article' : 'Save changes'}
        </button>
        {!isNew && <ConfirmDelete what="article" busy={remove.busy} onDelete={() => void remove.run()} />}
      </div>
      {remove.error && <ErrorNote error={remove.error} />}
    </form>
  );
}
