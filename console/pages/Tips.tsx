// Tips: the list, and an editor for one (new or existing) whose draft is previewed live in the real widget. Save
// sends it whole (PUT); the edge's validation issues are shown beside the fields they name.
import { useMemo, useState } from 'preact/hooks';
import { SIGNAL_TYPES, type SignalType, type Tip } from '../../sdk/wire';
import { api } from '../api';
import type { PageProps } from '../App';
import { ConfirmDelete } from '../components/ConfirmDelete';
import { FieldError, FormError, invalidProps } from '../components/FieldError';
import { DetailPane, ItemLink } from '../components/Split';
import { Empty, ErrorNote, Load } from '../components/States';
import { TipPreview } from '../components/TipPreview';
import { humanize } from '../format';
import { useAction, useResource } from '../hooks';
import { href, navigate } from '../router';

const signalsOf = (t: Tip): SignalType[] => (Array.isArray(t.when.signal) ? t.when.signal : [t.when.signal]);

export const BLANK_TIP: Tip = {
  id: '',
  title: 'Need a hand with this page?',
  body: 'Most people find what they need under **Settings**.\n\n- Check the format of each field\n- Save again',
  when: { signal: 'rage_click' },
  priority: 10,
  cooldownMs: 10 * 60_000,
};

export function TipsPage({ params }: PageProps) {
  const { state, reload } = useResource((signal) => api<{ tips: Tip[] }>('/v1/tips', { signal }), []);
  const selected = params.id;
  return (
    <section class={selected ? 'split split-wide has-detail' : 'split split-wide'}>
      <div class="split-list">
        <div class="page-head row-between">
          <div>
            <h1 tabIndex={-1}>Tips</h1>
            <p class="muted">Shown in your product when a user struggles, before they file a ticket.</p>
          </div>
          <a class="btn btn-primary" href={href('/tips/new')}>
            New tip
          </a>
        </div>
        <Load state={state} what="tips" retry={reload}>
          {({ tips }) =>
            tips.length === 0 ? (
              <Empty title="No tips yet.">
                <a href={href('/tips/new')}>Write the first one</a>: pick the friction that should show it, and the screen.
              </Empty>
            ) : (
              <ul class="item-list">
                {tips.map((t) => (
                  <li key={t.id}>
                    <ItemLink to={`/tips/${encodeURIComponent(t.id)}`} selected={t.id === selected}>
                      <span class="row-between">
                        <span class="strong">{t.title}</span>
                        {t.enabled === false && <span class="badge">Off</span>}
                      </span>
                      <span class="muted small">
                        {signalsOf(t).map(humanize).join(', ')}
                        {t.when.screen ? ` on ${t.when.screen}` : ''} · priority {t.priority}
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
        <DetailPane back="/tips" backLabel="All tips">
          {selected === 'new' ? (
            <TipEditor key="new" initial={BLANK_TIP} isNew onSaved={reload} />
          ) : (
            state.data && <ExistingTip key={selected} tip={state.data.tips.find((t) => t.id === selected)} id={selected} onSaved={reload} />
          )}
        </DetailPane>
      )}
    </section>
  );
}

function ExistingTip({ tip, id, onSaved }: { tip: Tip | undefined; id: string; onSaved: () => void }) {
  if (!tip) return <Empty title={`No tip “${id}”.`}>It may have been deleted.</Empty>;
  return <TipEditor initial={tip} onSaved={onSaved} />;
}

export function TipEditor({ initial, isNew = false, onSaved }: { initial: Tip; isNew?: boolean; onSaved: () => void }) {
  const [draft, setDraft] = useState<Tip>(initial);
  const [saved, setSaved] = useState(false);
  const update = (change: Partial<Tip>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...change }));
  };
  const updateWhen = (change: Partial<Tip['when']>) => update({ when: { ...draft.when, ...change } });
  const signals = signalsOf(draft);
  const preview = useMemo(() => ({ ...draft, id: draft.id || 'preview' }), [draft]);

  const save = useAction(async () => {
    const body: Tip = { ...draft, id: draft.id.trim() };
    if (!body.articleUrl) delete body.articleUrl;
    if (!body.when.screen) body.when = { ...body.when, screen: undefined };
    await api(`/v1/tips/${encodeURIComponent(body.id)}`, { method: 'PUT', body });
    setSaved(true);
    onSaved();
    if (isNew) navigate(`/tips/${encodeURIComponent(body.id)}`, { replace: true });
  });
  const remove = useAction(async () => {
    await api(`/v1/tips/${encodeURIComponent(draft.id)}`, { method: 'DELETE' });
    onSaved();
    navigate('/tips', { replace: true });
  });
  const err = save.error;
  const fieldError = (path: string, id: string) => <FieldError error={err} path={path} id={id} />;
  const invalid = (path: string, id: string) => invalidProps(err, path, id);

  return (
    <div class="editor-grid">
      <form
        class="card editor"
        aria-labelledby="tip-editor-h"
        onSubmit={(e) => {
          e.preventDefault();
          void save.run();
        }}
      >
        <h2 id="tip-editor-h">{isNew ? 'New tip' : `Edit “${initial.title}”`}</h2>
        {isNew && (
          <div class="field">
            <label for="tip-id">Id</label>
            <input id="tip-id" required maxLength={64} value={draft.id} placeholder="vat-id-format" onInput={(e) => update({ id: (e.target as HTMLInputElement).value })} {...invalid('id', 'tip-id')} />
            {fieldError('id', 'tip-id')}
          </div>
        )}
        <div class="field">
          <label for="tip-title">Title</label>
          <input id="tip-title" required maxLength={200} value={draft.title} onInput={(e) => update({ title: (e.target as HTMLInputElement).value })} {...invalid('title', 'tip-title')} />
          {fieldError('title', 'tip-title')}
        </div>
        <div class="field">
          <label for="tip-body">Body</label>
          <textarea id="tip-body" rows={5} maxLength={4000} value={draft.body} aria-describedby="tip-body-help" onInput={(e) => update({ body: (e.target as HTMLTextAreaElement).value })} />
          <p class="muted small" id="tip-body-help">
            Markdown: **bold**, *italic*, - lists, [links](/path), `code`.
          </p>
          {fieldError('body', 'tip-body')}
        </div>
        <div class="field">
          <label for="tip-url">“Show me” link</label>
          <input id="tip-url" type="text" maxLength={2048} placeholder="/help/vat-ids" value={draft.articleUrl ?? ''} onInput={(e) => update({ articleUrl: (e.target as HTMLInputElement).value || undefined })} {...invalid('articleUrl', 'tip-url')} />
          {fieldError('articleUrl', 'tip-url')}
        </div>
        <fieldset class="field">
          <legend>Show it after</legend>
          <div class="checks">
            {SIGNAL_TYPES.map((s) => {
              // The last checked signal can't be unchecked: a tip needs one, and the box must show what Save sends.
              const onlyOne = signals.length === 1 && signals[0] === s;
              return (
                <label key={s} class="check">
                  <input
                    type="checkbox"
                    checked={signals.includes(s)}
                    disabled={onlyOne}
                    title={onlyOne ? 'A tip needs at least one signal' : undefined}
                    onChange={(e) => {
                      const next = (e.target as HTMLInputElement).checked ? [...signals, s] : signals.filter((x) => x !== s);
                      if (next.length) updateWhen({ signal: next.length === 1 ? next[0]! : next });
                    }}
                  />
                  {humanize(s)}
                </label>
              );
            })}
          </div>
          {fieldError('when.signal', 'tip-signal')}
        </fieldset>
        <div class="grid-fields">
          <div class="field">
            <label for="tip-screen">On screens</label>
            <input id="tip-screen" placeholder="/settings/** (all screens when empty)" value={draft.when.screen ?? ''} onInput={(e) => updateWhen({ screen: (e.target as HTMLInputElement).value || undefined })} {...invalid('when.screen', 'tip-screen')} />
            {fieldError('when.screen', 'tip-screen')}
          </div>
          <div class="field">
            <label for="tip-priority">Priority</label>
            <input id="tip-priority" type="number" min={-1000} max={1000} step={1} value={draft.priority} onInput={(e) => update({ priority: Number((e.target as HTMLInputElement).value) || 0 })} />
          </div>
          <div class="field">
            <label for="tip-cooldown">Not again for (minutes)</label>
            <input id="tip-cooldown" type="number" min={0} step={1} value={Math.round(draft.cooldownMs / 60_000)} onInput={(e) => update({ cooldownMs: Math.max(0, Number((e.target as HTMLInputElement).value) || 0) * 60_000 })} />
          </div>
        </div>
        {draft.when.traits?.length ? (
          <p class="muted small">
            Also only for users whose {draft.when.traits.map((t) => `${t.trait} ${t.op} ${Array.isArray(t.value) ? t.value.join('/') : (t.value ?? '')}`.trim()).join(', ')} (kept as it is).
          </p>
        ) : null}
        <label class="check">
          <input type="checkbox" checked={draft.enabled !== false} onChange={(e) => update({ enabled: (e.target as HTMLInputElement).checked })} />
          Enabled
        </label>
        <FormError error={err} />
        <div aria-live="polite">{saved && <p class="note ok small">Saved. Users get it with their next config fetch.</p>}</div>
        <div class="actions row-between">
          <button type="submit" class="btn btn-primary" disabled={save.busy || (isNew && !draft.id.trim())}>
            {save.busy ? 'Saving…' : isNew ? 'Create tip' : 'Save changes'}
          </button>
          {!isNew && <ConfirmDelete what="tip" busy={remove.busy} onDelete={() => void remove.run()} />}
        </div>
        {remove.error && <ErrorNote error={remove.error} />}
      </form>
      <TipPreview tip={preview} />
    </div>
  );
}
