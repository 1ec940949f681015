// The built-in local inbox: outreach that rules send to the local_inbox destination, as it arrives (polled), so a
// demo or a workspace without Slack still sees what would have been posted.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { InboxItem } from '../../edge/actions/types';
import { api, query } from '../api';
import type { PageProps } from '../App';
import { SummaryMarkdown } from '../components/Markdown';
import { Empty, Load } from '../components/States';
import { dateTime, plural, relative } from '../format';
import { useResource } from '../hooks';
import { href } from '../router';

/** Often enough that outreach seems to arrive live; one small query every few seconds costs the edge nothing. */
export const INBOX_POLL_MS = 4000;

export function InboxPage(_: PageProps) {
  const { state, reload } = useResource((signal) => api<{ items: InboxItem[] }>(`/v1/inbox${query({ limit: 100 })}`, { signal }), [], INBOX_POLL_MS);
  // Items that arrived while the page was open are marked, and announced once.
  const seen = useRef<Set<string> | null>(null);
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [announce, setAnnounce] = useState('');
  const items = state.data?.items;
  useEffect(() => {
    if (!items) return;
    if (!seen.current) {
      seen.current = new Set(items.map((i) => i.id));
      return;
    }
    const arrived = items.filter((i) => !seen.current!.has(i.id));
    if (!arrived.length) return;
    for (const i of arrived) seen.current.add(i.id);
    setFresh((f) => new Set([...f, ...arrived.map((i) => i.id)]));
    setAnnounce(`${plural(arrived.length, 'new message')} in the local inbox.`);
  }, [items]);

  return (
    <section>
      <div class="page-head">
        <h1 tabIndex={-1}>Local inbox</h1>
        <p class="muted">
          Outreach sent to the built-in <code>local inbox</code> destination, newest first. It updates by itself.
        </p>
      </div>
      <p class="sr-only" aria-live="polite">
        {announce}
      </p>
      <p class="live small" aria-hidden="true">
        <span class="dot" /> Live
      </p>
      <Load state={state} what="the inbox" retry={reload}>
        {({ items }) =>
          items.length === 0 ? (
            <Empty title="No outreach yet.">
              A rule with an <code>outreach</code> action to the local inbox posts here when it fires. <a href={href('/rules')}>See the rules</a>.
            </Empty>
          ) : (
            <ol class="inbox">
              {items.map((i) => (
                <li key={i.id} class={`card message ${fresh.has(i.id) ? 'is-new' : ''}`}>
                  <header class="row-between">
                    <h2 class="message-title">
                      {fresh.has(i.id) && <span class="badge badge-new">New</span>} {i.title}
                    </h2>
                    <time class="muted small" dateTime={new Date(i.at).toISOString()} title={dateTime(i.at)}>
                      {relative(i.at)}
                    </time>
                  </header>
                  <SummaryMarkdown source={i.markdown} level={2} />
                  <p class="small">
                    <a href={href(`/triggers/${encodeURIComponent(i.triggerId)}`)}>Open the trigger</a>
                  </p>
                </li>
              ))}
            </ol>
          )
        }
      </Load>
    </section>
  );
}
