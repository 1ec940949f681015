// The SDK instance: wires collectors → detectors → tip matcher → widget, and records everything through the transport.
import type {
  DetectorOverrides,
  DiagnosticTrail,
  EventType,
  FrictionSignal,
  HandoffCreated,
  PropValue,
  RemoteConfig,
  SdkEvent,
  SignalType,
  Tip,
} from './wire';
import type { ClickInput, Detection } from './detectors/types';
import { RAGE_CLICK_DEFAULTS, createRageClickDetector } from './detectors/rageClick';
import { DEAD_CLICK_DEFAULTS, createDeadClickDetector, type ActivityKind } from './detectors/deadClick';
import { SCREEN_CYCLING_DEFAULTS, createScreenCyclingDetector } from './detectors/screenCycling';
import { HELP_SEEKING_DEFAULTS, createHelpSeekingDetector } from './detectors/helpSeeking';
import { ERROR_LOOP_DEFAULTS, createErrorLoopDetector, fingerprintError, type ErrorKind } from './detectors/errorLoop';
import { FORM_STRUGGLE_DEFAULTS, createFormStruggleDetector } from './detectors/formStruggle';
import { describeClickTarget } from './collectors/element';
import { collectNavigation } from './collectors/navigation';
import { collectErrors } from './collectors/errors';
import { collectNetwork } from './collectors/network';
import { createWatcher } from './collectors/watch';
import { createScreenNamer, matchesHelpUrl } from './screens';
import { CHUNKS } from './chunks';
import { redact, redactEndpoint, redactPath, shortLabel } from './privacy';
import { createTransport } from './transport/transport';
import { createConfigLoader, parseShell } from './tips/config';
import type { WidgetBridge, WidgetInstance, WidgetModule } from './widget-contract';
import type * as TipsChunk_ from './tips/chunk';
import type { TipDecision } from './tips/match';

type TipsChunk = typeof TipsChunk_;

export interface ForestallOptions {
  /** The workspace's public key (`pk_…`). */
  key: string;
  /** The edge's origin, e.g. `https://edge.example.com`. */
  endpoint: string;
  /** Identify a user at init, as `identify()` would. */
  user?: IdentifyInput;
  /** Route templates (`/orders/:id`) that name screens; other paths are their own screen. */
  screens?: string[];
  /** Links that count as help-article opens: substrings, `*` globs over the URL, or RegExps. */
  helpUrlPatterns?: Array<string | RegExp>;
  /** Per-detector threshold overrides, or `false` to turn one off. Wins over remote config. */
  detectors?: DetectorOverrides;
  /** `pending` keeps everything in this tab's memory, unsent, until `consent(true)`. */
  consent?: 'granted' | 'pending';
  /** Extra selectors whose elements' labels are never read (besides `[data-forestall-mask]`). */
  mask?: string[];
  /** Extra selectors for UI error elements (besides `[role=alert]`). */
  errorSelectors?: string[];
  /** `false`: never load the widget (render tips yourself from `on('tip:shown')`). */
  widget?: false;
  /** Where the lazily loaded chunks (tips, widget) live; default `${endpoint}/sdk`. */
  assetsUrl?: string;
  /** Text overrides and theme passed to the widget. */
  widgetOptions?: Record<string, unknown>;
  /** Logs what the SDK does to the console. */
  debug?: boolean;
  /** How often queued events are sent, ms (default 5000). */
  flushIntervalMs?: number;
}

export interface IdentifyInput {
  userId: string;
  accountId?: string;
  traits?: Record<string, unknown>;
}

export interface ForestallEvents {
  friction: FrictionSignal;
  'tip:shown': { tip: Tip; signal?: FrictionSignal };
  'tip:dismissed': { tipId: string };
  handoff: HandoffCreated;
}

export interface Forestall {
  identify(input: IdentifyInput): void;
  screen(name?: string): void;
  helpOpened(article: { articleId: string; title?: string; url?: string }): void;
  track(name: string, props?: Record<string, unknown>): void;
  on<E extends keyof ForestallEvents>(event: E, cb: (payload: ForestallEvents[E]) => void): () => void;
  showTip(tipId: string): void;
  openHelp(): void;
  consent(granted: boolean): void;
  flush(): Promise<void>;
  reset(): void;
  destroy(): void;
}

const DETECTORS = {
  rage_click: [RAGE_CLICK_DEFAULTS, createRageClickDetector],
  dead_click: [DEAD_CLICK_DEFAULTS, createDeadClickDetector],
  screen_cycling: [SCREEN_CYCLING_DEFAULTS, createScreenCyclingDetector],
  help_seeking: [HELP_SEEKING_DEFAULTS, createHelpSeekingDetector],
  error_loop: [ERROR_LOOP_DEFAULTS, createErrorLoopDetector],
  form_struggle: [FORM_STRUGGLE_DEFAULTS, createFormStruggleDetector],
} as const;
type Detectors = {
  [K in SignalType]: ReturnType<(typeof DETECTORS)[K][1]> | null;
};

/** Trail entries kept per kind: enough for an agent to see the story, bounded for memory. */
const TRAIL_MAX = 20;
/** A tab's session ends after this much inactivity, as in most analytics tools. */
const SESSION_IDLE_MS = 30 * 60 * 1000;
/**
 * The session's last activity is stored at most this often (and on hide): a Web Storage write
 * costs Chromium 50–90 µs of main thread, too much for every event. A tab that dies without a
 * pagehide may thus rotate its session up to this much early.
 */
const ACTIVITY_WRITE_MS = 60 * 1000;
/** Frameworks call checkValidity() on keystrokes, which fires `invalid` too: only invalid events this soon after the user tried to submit count. */
const SUBMIT_INTENT_MS = 1000;
/** How long after a submit an error element or a failed request still belongs to it. */
const SUBMIT_WATCH_MS = 2050;

const uuid = (): string => {
  const c = globalThis.crypto;
  if (c && c.randomUUID) return c.randomUUID();
  const b = new Uint8Array(16);
  if (c && c.getRandomValues) c.getRandomValues(b);
  else for (let i = 0; i < 16; i++) b[i] = (Math.random() * 256) | 0;
  b[6] = (b[6]! & 15) | 64;
  b[8] = (b[8]! & 63) | 128;
  const h = Array.from(b, (x) => (x + 256).toString(16).slice(1)).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

// Storage that may throw (Safari private mode, sandboxed iframes) must never break the SDK.
type Area = 'localStorage' | 'sessionStorage';
const read = (s: Area, k: string): string | null => {
  try {
    return globalThis[s].getItem('forestall:' + k);
  } catch {
    return null;
  }
};
const write = (s: Area, k: string, v: string): void => {
  try {
    globalThis[s].setItem('forestall:' + k, v);
  } catch {
    // memory only
  }
};

/** JSON-only copy of host props, bounded, or undefined when they can't be sent. */
function cleanProps(props: unknown): Record<string, PropValue> | undefined {
  try {
    const json = props && typeof props === 'object' ? JSON.stringify(props) : '';
    return json && json.length <= 8192 ? JSON.parse(json) : undefined;
  } catch {
    return undefined;
  }
}

const EVENTS = ['friction', 'tip:shown', 'tip:dismissed', 'handoff'];

/** Creates and starts an SDK instance. Never throws: bad options produce an inert instance. */
export function createForestall(options: ForestallOptions): Forestall {
  const opts = (options && typeof options === 'object' ? options : {}) as ForestallOptions;
  const log = (...args: unknown[]) => {
    if (opts.debug) console.debug('[forestall]', ...args);
  };
  const endpoint = typeof opts.endpoint === 'string' ? opts.endpoint.replace(/\/+$/, '') : '';
  const key = typeof opts.key === 'string' ? opts.key : '';
  const usable = !!endpoint && !!key && typeof document !== 'undefined';
  if (!usable) log('init needs { key, endpoint } in a browser; staying inert');
  const list = <T>(x: T[] | undefined): T[] => (Array.isArray(x) ? x : []);

  const listeners: Record<string, Set<(p: unknown) => void>> = {};
  const emit = <E extends keyof ForestallEvents>(event: E, payload: ForestallEvents[E]) =>
    listeners[event]?.forEach((cb) => {
      try {
        cb(payload);
      } catch (e) {
        log(e);
      }
    });

  /** Wraps every public method and listener: nothing the SDK does may throw into the host page. */
  const safe =
    <A extends unknown[], R>(fn: (...a: A) => R, fallback?: R) =>
    (...a: A): R => {
      try {
        return fn(...a);
      } catch (e) {
        log(e);
        return fallback as R;
      }
    };

  // An instance without a key or endpoint is born destroyed: inert, whatever is called on it.
  let destroyed = !usable;
  /** Set once init asked for the config: later identify() calls ask again for a new account's pushed tips. */
  let configAsked = false;
  const teardown: Array<() => void> = [];
  const now = Date.now;

  // Identity: anonymous id per browser, session per tab (rotated after inactivity).
  // Written only when new: storage writes are the costliest thing init does.
  let anonymousId = read('localStorage', 'aid')!;
  if (!anonymousId) write('localStorage', 'aid', (anonymousId = uuid()));
  let sessionId = read('sessionStorage', 'sid')!;
  if (!sessionId) write('sessionStorage', 'sid', (sessionId = uuid()));
  let lastActivity = Number(read('sessionStorage', 'sat')) || now();
  let activityWritten = lastActivity;
  const saveActivity = () => write('sessionStorage', 'sat', '' + (activityWritten = lastActivity));
  let user: { userId?: string; accountId?: string; traits: Record<string, unknown> } = { traits: {} };
  let screen = '';

  const nameScreen = createScreenNamer(list(opts.screens));
  const helpPatterns = list(opts.helpUrlPatterns);
  const mask = list(opts.mask).join(',');
  const errorSelector = ['[role=alert]'].concat(list(opts.errorSelectors)).join(',');

  let consent = opts.consent === 'pending' ? 'pending' : 'granted';
  const transport = usable
    ? createTransport({ endpoint, key, persist: consent === 'granted', flushIntervalMs: opts.flushIntervalMs, onError: log })
    : null;

  const trail: DiagnosticTrail = { screens: [], signals: [], errors: [], tips: [], articles: [] };
  const remember = <K extends keyof DiagnosticTrail>(kind: K, entry: DiagnosticTrail[K][number]) => {
    const l = trail[kind] as unknown[];
    if (l.push(entry) > TRAIL_MAX) l.shift();
  };

  const record = (type: EventType, fields?: Partial<SdkEvent>) => {
    if (!transport || consent === 'denied' || destroyed) return;
    const at = now();
    if (at - lastActivity > SESSION_IDLE_MS) write('sessionStorage', 'sid', (sessionId = uuid()));
    lastActivity = at;
    if (at - activityWritten > ACTIVITY_WRITE_MS) saveActivity();
    transport.enqueue({
      id: uuid(),
      type,
      at,
      anonymousId,
      sessionId,
      screen,
      ...(user.userId && { userId: user.userId }),
      ...(user.accountId && { accountId: user.accountId }),
      ...fields,
    });
  };

  // Tips: remote config, per-tip cooldowns across sessions, a per-session count.
  const config = usable ? createConfigLoader({ endpoint, key, parse: parseShell, onError: log, account: () => user.accountId }) : null;
  const tipKey = 'tips:' + key;
  let lastShown: Record<string, number> = {};
  try {
    lastShown = JSON.parse(read('localStorage', tipKey)!) || {};
  } catch {
    // none yet, or unreadable
  }
  let shownThisSession = Number(read('sessionStorage', tipKey)) || 0;
  /** Shown and held-out tips count alike (cooldown, session cap), so both arms of the holdout see the same limits. */
  const countTip = (tipId: string, outcome: 'shown' | 'held_out') => {
    lastShown[tipId] = now();
    write('localStorage', tipKey, JSON.stringify(lastShown));
    write('sessionStorage', tipKey, '' + ++shownThisSession);
    remember('tips', { tipId, at: now(), outcome });
  };

  // Chunks load on first need, from the edge (long-cached): most page views never show a tip.
  const assets = (typeof opts.assetsUrl === 'string' ? opts.assetsUrl : endpoint + '/sdk').replace(/\/+$/, '');
  const chunks: Record<string, Promise<unknown> | undefined> = {};
  const loadChunk = <T>(name: keyof typeof CHUNKS): Promise<T | null> =>
    (chunks[name] ||= import(/* @vite-ignore */ `${assets}/${CHUNKS[name]}`).catch((e) => {
      log(e);
      chunks[name] = undefined;
      return null;
    })) as Promise<T | null>;
  const withTips = (fn: (tips: TipsChunk, cfg: RemoteConfig) => void) => {
    const cfg = config && config.current();
    if (cfg && cfg.tips.length) void loadChunk<TipsChunk>('tips').then((tips) => tips && !destroyed && fn(tips, cfg));
  };
  let widget: WidgetInstance | null = null;
  const loadWidget = (): Promise<WidgetInstance | null> =>
    opts.widget === false || destroyed
      ? Promise.resolve(null)
      : loadChunk<WidgetModule>('widget').then((m) => (m && !destroyed ? (widget ||= m.mount(bridge)) : null));

  /** `why`: the friction signal's type, 'pushed' for a tip a rule pushed, null for showTip(). */
  const presentTip = (tip: Tip, signal?: FrictionSignal, why: string | null = null) => {
    countTip(tip.id, 'shown');
    emit('tip:shown', { tip, signal });
    void loadWidget().then((w) => {
      w && w.showTip(tip);
      record('tip_shown', { tipId: tip.id, props: { rendered: !!w, signal: why } });
    });
  };

  const tipUser = () => ({ userId: user.userId, anonymousId, traits: user.traits });
  /** Shows the tip decided on, or records that the holdout kept it back. */
  const act = (d: TipDecision, s?: FrictionSignal) => {
    const why = s ? s.type : 'pushed';
    if (d && d.action === 'show') presentTip(d.tip, s, why);
    else if (d) {
      countTip(d.tip.id, 'held_out');
      record('tip_held_out', { tipId: d.tip.id, props: { signal: why } });
    }
  };

  const signal = (type: SignalType, found: Detection | null) => {
    if (!found || destroyed) return;
    const s: FrictionSignal = { id: uuid(), type, screen, at: now(), detail: found.detail };
    log(s);
    remember('signals', s);
    record('friction', { id: s.id, signal: s });
    emit('friction', s);
    withTips((tips, cfg) => act(tips.decide(s, cfg, tipUser(), { shownThisSession, lastShown }, now()), s));
  };

  // Detectors, rebuilt when remote thresholds arrive. Local overrides win over remote ones.
  let remote: DetectorOverrides = {};
  let d = {} as Detectors;
  /** How long the watch stays open after a click: the dead-click wait, and a little. */
  let watchMs = 0;
  const build = () => {
    watchMs = { ...DEAD_CLICK_DEFAULTS, ...remote.dead_click, ...(opts.detectors && opts.detectors.dead_click) }.waitMs + 50;
    for (const type of Object.keys(DETECTORS) as SignalType[]) {
      const local = opts.detectors && opts.detectors[type];
      const [defaults, create] = DETECTORS[type];
      (d as Record<string, unknown>)[type] =
        local === false || remote[type] === false
          ? null
          : (create as (t: object) => unknown)({ ...defaults, ...remote[type], ...local });
    }
  };
  build();

  // Dead clicks: a pending click opens a watch; the verdict comes at its deadline.
  // One timer at a time: later clicks have later deadlines, so a pending timer is never too late,
  // and re-arming a timer on every click would cost more than the rest of the click handler.
  let deadTimer: ReturnType<typeof setTimeout> | undefined;
  let clicked: Element | null = null;
  const scheduleVerdict = () => {
    const next = !deadTimer && d.dead_click && d.dead_click.nextDeadline();
    if (next)
      deadTimer = setTimeout(() => {
        deadTimer = undefined;
        if (d.dead_click) for (const found of d.dead_click.tick(now())) signal('dead_click', found);
        scheduleVerdict();
      }, next - now());
  };
  const life = (kind: ActivityKind, extra?: { onTarget?: boolean; collapsedCaret?: boolean }) =>
    d.dead_click && d.dead_click.activity({ at: now(), kind, ...extra });

  const formKey = (form: Element | null | undefined): string =>
    form
      ? shortLabel(form.id || form.getAttribute('name') || redactPath(form.getAttribute('action') || screen || '/'))
      : 'form';
  let submitted: string | undefined;
  let submitIntentAt = -Infinity;
  const formFailure = () => d.form_struggle && signal('form_struggle', d.form_struggle.failure(now(), submitted));

  const pageError = (kind: ErrorKind, message: string) => {
    const fingerprint = fingerprintError(redact(message));
    remember('errors', { fingerprint, at: now(), screen });
    d.error_loop && signal('error_loop', d.error_loop.error({ at: now(), screen, fingerprint, kind }));
  };

  const watcher = usable
    ? createWatcher(
        {
          life: (kind, detail) =>
            kind === 'focus'
              ? life(kind, { onTarget: !!(clicked && detail && detail.focused && clicked.contains(detail.focused)) })
              : life(kind, detail),
          errorElement(el) {
            pageError('ui', shortLabel(el.textContent) || 'alert');
            formFailure();
          },
        },
        errorSelector,
      )
    : null;

  const setScreen = (name: string) => {
    if (!name || name === screen) return;
    screen = name;
    remember('screens', { screen: name, at: now() });
    record('screen');
    d.screen_cycling && signal('screen_cycling', d.screen_cycling.visit(now(), name));
  };
  const onLocation = () => {
    life('navigation');
    setScreen(nameScreen(redactPath(location.href)));
  };

  const openArticle = (articleId: string, title?: string | null, url?: string) => {
    // Article ids are help-center paths or ids the host chose, not personal data: redacting their
    // numbers (Zendesk's /articles/360012345678-…) would make different articles look the same.
    const id = articleId.trim().slice(0, 120) || 'article';
    const t = title ? shortLabel(title) : undefined;
    remember('articles', { articleId: id, at: now(), title: t });
    record('help_opened', { props: { articleId: id, title: t || null, url: url ? url.split(/[?#]/)[0]!.slice(0, 300) : null } });
    d.help_seeking && signal('help_seeking', d.help_seeking.open(now(), id));
  };

  const onClick = (e: MouseEvent) => {
    if (!e.isTrusted) return;
    // The path, not the DOM: it holds the element's ancestors as they are now, whatever the page's
    // own handlers do next, and it crosses open shadow roots.
    const path = e.composedPath();
    const found = describeClickTarget(path, mask);
    if (!found) return;
    const input: ClickInput = {
      at: now(),
      x: e.clientX,
      y: e.clientY,
      target: found.info,
      modifier: e.ctrlKey || e.metaKey || e.shiftKey || e.altKey,
    };
    const f = found.el as HTMLInputElement;
    if (f.form && (f.type === 'submit' || f.type === 'image')) submitIntentAt = input.at;
    d.rage_click && signal('rage_click', d.rage_click.click(input));
    if (d.dead_click && d.dead_click.click(input)) {
      clicked = found.el;
      watcher && watcher.open(watchMs);
      scheduleVerdict();
    }
    const link = path.find((n) => n instanceof HTMLAnchorElement && n.href) as HTMLAnchorElement | undefined;
    if (link && matchesHelpUrl(link.href, helpPatterns)) {
      openArticle(link.getAttribute('data-forestall-article') || link.pathname, link.textContent, link.href);
    }
  };

  if (usable) {
    const listen = (target: EventTarget, type: string, fn: (e: never) => void) => {
      const handler = safe(fn as (e: Event) => void);
      const o = { capture: true, passive: true };
      target.addEventListener(type, handler, o);
      teardown.push(() => target.removeEventListener(type, handler, o));
    };
    listen(document, 'click', onClick);
    listen(document, 'submit', (e: Event) => {
      if (!e.isTrusted) return;
      submitted = formKey(e.target as Element);
      watcher && watcher.open(SUBMIT_WATCH_MS);
      d.form_struggle && signal('form_struggle', d.form_struggle.submit(now(), submitted));
    });
    listen(document, 'keydown', (e: KeyboardEvent) => {
      if (e.isTrusted && e.key === 'Enter' && (e.target as HTMLInputElement).form) submitIntentAt = now();
    });
    listen(document, 'invalid', (e: Event) => {
      if (now() - submitIntentAt > SUBMIT_INTENT_MS) return;
      // The browser's validation bubble is the page answering the click: not a dead click.
      life('dialog');
      d.form_struggle && signal('form_struggle', d.form_struggle.invalid(now(), formKey((e.target as HTMLInputElement).form)));
    });
    const hidden = () => {
      // visibilitychange and pagehide both come at unload: one write is enough.
      if (activityWritten !== lastActivity) saveActivity();
      transport!.flushOnHide();
    };
    listen(document, 'visibilitychange', () => document.visibilityState === 'hidden' && hidden());
    listen(window, 'pagehide', hidden);
    teardown.push(
      collectNavigation(safe(onLocation)),
      collectErrors(safe((message: string) => pageError('js', message))),
      collectNetwork(
        safe(() => life('network')),
        safe((r) => {
          if (r.status && r.status < 400) return;
          pageError('network', `${r.method} ${redactEndpoint(r.url)} ${r.status || 'network error'}`);
          formFailure();
        }),
        (url) => url.indexOf(endpoint) === 0,
      ),
      () => {
        clearTimeout(deadTimer);
        watcher!.stop();
      },
    );

    if (opts.user) identify(opts.user);
    onLocation();
    // In a task of its own: opening IndexedDB and starting a request are a third of init's cost,
    // and the page's own start-up comes first.
    const t = setTimeout(() => configAsked || loadConfig());
    teardown.push(() => clearTimeout(t));
  }

  function loadConfig() {
    if (destroyed) return;
    configAsked = true;
    void config!.load().then(
      safe((cfg: RemoteConfig | null) => {
        if (!cfg || destroyed) return;
        remote = cfg.detectors || {};
        build();
        // Tips a rule pushed to this account show now, without waiting for friction.
        if (cfg.push && cfg.push.length) withTips((tips, c) => act(tips.decidePush(c, tipUser(), { shownThisSession, lastShown }, now())));
      }),
    );
  }

  function identify(input: IdentifyInput) {
    if (!input || typeof input.userId !== 'string' || !input.userId) return log('identify needs { userId: string }');
    const traits = cleanProps(input.traits) || {};
    const before = user.accountId;
    user = {
      userId: input.userId.slice(0, 128),
      accountId: typeof input.accountId === 'string' ? input.accountId.slice(0, 128) : user.accountId,
      traits: { ...user.traits, ...traits },
    };
    record('identify', { props: traits });
    // A user who signs in to another account mid-session gets that account's pushed tips.
    if (configAsked && user.accountId !== before) loadConfig();
  }

  const bridge: WidgetBridge = {
    endpoint,
    key,
    options: opts.widgetOptions || {},
    record,
    dismissed(tipId) {
      remember('tips', { tipId, at: now(), outcome: 'dismissed' });
      record('tip_dismissed', { tipId });
      emit('tip:dismissed', { tipId });
    },
    trail: () => JSON.parse(JSON.stringify(trail)),
    context: () => ({ anonymousId, sessionId, screen, ...user, traits: { ...user.traits } }),
    handedOff: (created) => emit('handoff', created),
    log,
  };

  return {
    identify: safe(identify),
    screen: safe((name?: string) =>
      setScreen(typeof name === 'string' && name ? shortLabel(name) : nameScreen(redactPath(location.href))),
    ),
    helpOpened: safe((article) =>
      article && typeof article.articleId === 'string'
        ? openArticle(article.articleId, article.title, article.url)
        : log('helpOpened needs { articleId }'),
    ),
    track: safe((name, props) =>
      typeof name === 'string' && name
        ? record('track', { name: name.slice(0, 100), props: cleanProps(props) })
        : log('track needs a name'),
    ),
    on: safe(
      (event, cb) => {
        if (typeof cb !== 'function' || !EVENTS.includes(event)) {
          log('on: unknown event or no callback', event);
          return () => {};
        }
        const set = (listeners[event] ||= new Set());
        set.add(cb as (p: unknown) => void);
        return () => void set.delete(cb as (p: unknown) => void);
      },
      () => {},
    ),
    showTip: safe((tipId: string) =>
      withTips((tips, cfg) => {
        const tip = tips.findTip(cfg, tipId);
        tip ? presentTip(tip) : log('showTip: no tip', tipId);
      }),
    ),
    openHelp: safe(() => void loadWidget().then((w) => w && w.openHelp())),
    consent: safe((granted: boolean) => {
      consent = granted === true ? 'granted' : 'denied';
      if (transport) granted === true ? transport.setPersist(true) : void transport.clear();
    }),
    flush: safe(() => (transport ? transport.flush() : Promise.resolve()), Promise.resolve()),
    reset: safe(() => {
      user = { traits: {} };
      anonymousId = uuid();
      sessionId = uuid();
      write('localStorage', 'aid', anonymousId);
      write('sessionStorage', 'sid', sessionId);
      shownThisSession = 0;
      write('sessionStorage', tipKey, '0');
      for (const k in trail) trail[k as keyof DiagnosticTrail].length = 0;
      build();
    }),
    destroy: safe(() => {
      if (destroyed) return;
      transport && transport.flushOnHide();
      destroyed = true;
      teardown.splice(0).forEach((fn) => safe(fn)());
      transport && transport.destroy();
      config && config.stop();
      widget && widget.destroy();
      for (const k in listeners) listeners[k]!.clear();
    }),
  };
}
