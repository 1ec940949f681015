// The console's frame: sign-in until there is a session, then the navigation, the page for the current path, and
// focus moved to each new page's heading so keyboard and screen-reader users land where the content starts.
import type { ComponentType } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { api, query, sessionLost } from './api';
import type { TriggerRecord } from '../edge/actions/types';
import { useResource, useWatch } from './hooks';
import { current, href, match } from './router';
import { session, signOut } from './session';
import { AccountPage } from './pages/Account';
import { AnalyticsPage } from './pages/Analytics';
import { ArticlesPage } from './pages/Articles';
import { AtRiskPage } from './pages/AtRisk';
import { DestinationsPage } from './pages/Destinations';
import { InboxPage } from './pages/Inbox';
import { RulesPage } from './pages/Rules';
import { SignInPage } from './pages/SignIn';
import { TipsPage } from './pages/Tips';
import { TriggersPage } from './pages/Triggers';
import { Logo } from './components/Logo';
import { Loading } from './components/States';

export interface PageProps {
  params: Record<string, string>;
  query: URLSearchParams;
}

interface Route {
  pattern: string;
  page: ComponentType<PageProps>;
  /** The navigation entry it belongs to. */
  section: string;
}

const ROUTES: Route[] = [
  { pattern: '/', page: AtRiskPage, section: '/' },
  { pattern: '/accounts/:id', page: AccountPage, section: '/' },
  { pattern: '/triggers', page: TriggersPage, section: '/triggers' },
  { pattern: '/triggers/:id', page: TriggersPage, section: '/triggers' },
  { pattern: '/inbox', page: InboxPage, section: '/inbox' },
  { pattern: '/rules', page: RulesPage, section: '/rules' },
  { pattern: '/destinations', page: DestinationsPage, section: '/destinations' },
  { pattern: '/tips', page: TipsPage, section: '/tips' },
  { pattern: '/tips/:id', page: TipsPage, section: '/tips' },
  { pattern: '/articles', page: ArticlesPage, section: '/articles' },
  { pattern: '/articles/:id', page: ArticlesPage, section: '/articles' },
  { pattern: '/analytics', page: AnalyticsPage, section: '/analytics' },
];

const NAV: Array<{ to: string; label: string; icon: string }> = [
  { to: '/', label: 'At-risk accounts', icon: 'M3 17l5-6 4 4 7-9M3 21h18' },
  { to: '/triggers', label: 'Triggers', icon: 'M13 2L4 14h7l-1 8 9-12h-7z' },
  { to: '/inbox', label: 'Local inbox', icon: 'M3 13l3-8h12l3 8v6H3zM3 13h5l1 3h6l1-3h5' },
  { to: '/rules', label: 'Rules', icon: 'M4 6h16M4 12h10M4 18h7M17 15l2 2 4-4' },
  { to: '/destinations', label: 'Destinations', icon: 'M22 2L11 13M22 2l-7 20-4-9-9-4z' },
  { to: '/tips', label: 'Tips', icon: 'M9 18h6M10 21h4M12 3a6 6 0 00-4 10.5c.7.7 1 1.5 1 2.5h6c0-1 .3-1.8 1-2.5A6 6 0 0012 3z' },
  { to: '/articles', label: 'Help articles', icon: 'M5 4h11l3 3v13H5zM8 10h8M8 14h8M8 18h5' },
  { to: '/analytics', label: 'Analytics', icon: 'M4 20V10M10 20V4M16 20v-7M22 20H2' },
];

export function resolve(path: string): { route: Route; params: Record<string, string> } | null {
  for (const route of ROUTES) {
    const params = match(route.pattern, path);
    if (params) return { route, params };
  }
  return null;
}

function Icon({ d }: { d: string }) {
  return (
    <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={d} />
    </svg>
  );
}

/** Triggers nobody has acknowledged yet: the number a CSM opens the console for. */
function useUnacked(): number | null {
  const { state } = useResource((signal) => api<{ triggers: TriggerRecord[] }>(`/v1/triggers${query({ acked: false, limit: 200 })}`, { signal }), [], 30_000);
  return state.data ? state.data.triggers.length : null;
}

function Shell() {
  useWatch(current, session);
  const loc = current.value;
  const found = resolve(loc.path);
  const unacked = useUnacked();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    // Not on first load: the browser's own start is the right place then.
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [loc.path]);
  const who = session.value;
  const Page = found?.route.page;
  return (
    <div class="layout">
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <a class="brand" href={href('/')}>
          <Logo />
        </a>
        <span class="workspace" title={`Workspace ${who?.workspaceId ?? ''}`}>
          {who?.name ? `${who.name} · ` : ''}
          <span class="muted">{who?.keyPrefix}…</span>
        </span>
        <button type="button" class="btn btn-quiet" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <nav class="sidebar" aria-label="Console">
        <ul>
          {NAV.map((n) => {
            const active = found?.route.section === n.to;
            return (
              <li key={n.to}>
                <a href={href(n.to)} aria-current={active ? 'page' : undefined}>
                  <Icon d={n.icon} />
                  <span>{n.label}</span>
                  {n.to === '/triggers' && unacked ? (
                    <span class="count" aria-label={`${unacked} not acknowledged`}>
                      {unacked >= 200 ? '200+' : unacked}
                    </span>
                  ) : null}
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
      <main id="main" ref={main} tabIndex={-1}>
        {Page && found ? (
          <Page key={found.route.pattern} params={found.params} query={loc.query} />
        ) : (
          <section>
            <h1 tabIndex={-1}>Page not found</h1>
            <p>
              There is no console page at <code>{loc.path}</code>. <a href={href('/')}>Go to at-risk accounts</a>.
            </p>
          </section>
        )}
      </main>
    </div>
  );
}

export function App() {
  useWatch(session, sessionLost);
  if (session.value === undefined) return <Loading what="the console" />;
  if (session.value === null) return <SignInPage reason={sessionLost.value} />;
  return <Shell />;
}
