// The handoff form's state and rules: fields, validation, the attachment, and sending with a request id chosen
// once per submission, so every retry (in this page or the next) is the same case at the edge.
import { signal } from './signals';
import type { WidgetBridge } from '../sdk/widget-contract';
import type { DiagnosticTrail, HandoffRequest } from '../sdk/wire';
import { browserDeps, dropPending, savePending, sendHandoff, type SendDeps } from './delivery';
import { fmt, type Strings } from './options';
import type { Trail } from './trail';

/** 256 KB of file is 349,528 base64 characters, under the edge's 350,000 (MAX_ATTACHMENT_BASE64, edge/wire-schemas.ts). */
export const ATTACHMENT_MAX_KB = 256;
/** Screenshots and documents an agent can open safely; archives and executables are refused. */
export const ATTACHMENT_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain'];
/** The edge's limit for each answer. */
export const MAX_ANSWER_CHARS = 4000;
/** zod's email pattern, which the edge validates with: the form never accepts what the edge would refuse. */
const EMAIL = /^(?!\.)(?!.*\.\.)[\w'+\-.]*[\w+-]@([A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

export type Field = 'tryingTo' | 'expected' | 'email' | 'file';
export type Status = 'editing' | 'sending' | 'retrying' | 'queued' | 'sent' | 'rejected';
export type Errors = Partial<Record<Field, string>>;
export type Answers = Record<'tryingTo' | 'expected' | 'email', string>;

/** Field errors for the answers; empty when they can be sent. */
export function validate(a: Answers, emailRequired: boolean, s: Strings): Errors {
  const e: Errors = {};
  const long = fmt(s.errTooLong, { max: MAX_ANSWER_CHARS });
  const [t, x, m] = [a.tryingTo.trim(), a.expected.trim(), a.email.trim()];
  if (!t) e.tryingTo = s.errTryingTo;
  else if (t.length > MAX_ANSWER_CHARS) e.tryingTo = long;
  if (x.length > MAX_ANSWER_CHARS) e.expected = long;
  if (m ? m.length > 320 || !EMAIL.test(m) : emailRequired) e.email = m ? s.errEmail : s.errEmailRequired;
  return e;
}

/** Why a file can't be attached, or ''. */
export const checkFile = (f: { size: number; type: string }, s: Strings): string =>
  !ATTACHMENT_TYPES.includes(f.type) ? s.errFileType : f.size > ATTACHMENT_MAX_KB * 1024 ? fmt(s.errFileSize, { kb: ATTACHMENT_MAX_KB }) : '';

/** crypto.randomUUID needs a secure context; customer pages on plain http get getRandomValues. */
const uuid = (): string =>
  crypto.randomUUID
    ? crypto.randomUUID()
    : '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) => (+c ^ (crypto.getRandomValues(new Uint8Array(1))[0]! & (15 >> (+c / 4)))).toString(16));

const readBase64 = (file: Blob): Promise<string> =>
  new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve((r.result as string).split(',')[1] || '');
    r.onerror = reject;
    r.readAsDataURL(file);
  });

export type Handoff = ReturnType<typeof createHandoff>;

export function createHandoff(bridge: WidgetBridge, trail: Trail, s: Strings, deps: SendDeps = browserDeps()) {
  const answers = { tryingTo: signal(''), expected: signal(''), email: signal('') };
  const file = signal<HandoffRequest['attachment'] | null>(null);
  const errors = signal<Errors>({});
  const status = signal<Status>('editing');
  /** The case reference once sent, or the edge's reason when refused. */
  const result = signal('');
  /** The trail as the user saw it when the form opened: what they agree to send is what is sent. */
  const shown = signal<DiagnosticTrail>(trail.current());
  /** The submission being delivered: the same id until it is sent, refused, or the user changes it. */
  let request: HandoffRequest | null = null;
  let stopped = false;
  let tipId: string | undefined;

  const busy = () => status.value == 'sending' || status.value == 'retrying';
  /** The user changed the message: a saved copy of the old one must not arrive later as well. */
  const edited = () => {
    if (request) void dropPending(request.id);
    request = null;
    status.value = 'editing';
  };
  const setError = (f: Field, m: string) => (errors.value = { ...errors.value, [f]: m });

  return {
    answers,
    file,
    errors,
    status,
    result,
    trail: shown,
    busy,
    emailRequired: () => !bridge.context().userId,
    /** The form opens, from a tip's "Still stuck?" or the help panel. */
    open(fromTip?: string) {
      tipId = fromTip;
      const c = bridge.context();
      if (status.value == 'sent') return;
      if (!request) shown.value = trail.current();
      if (!answers.email.value && typeof c.traits.email == 'string') answers.email.value = c.traits.email.slice(0, 320);
      bridge.record('handoff_started', { tipId, props: { screen: c.screen } });
    },
    input(f: keyof Answers, value: string) {
      if (busy()) return;
      answers[f].value = value;
      setError(f, '');
      edited();
    },
    async attach(f: File | undefined) {
      if (busy()) return;
      edited();
      file.value = null;
      const bad = f ? checkFile(f, s) : '';
      setError('file', bad);
      if (f && !bad) file.value = { name: (f.name || 'file').slice(0, 200), type: f.type, dataBase64: await readBase64(f) };
    },
    /** Validates and sends; resolves to the first invalid field (for focus), or undefined. */
    async submit(): Promise<Field | undefined> {
      if (busy() || status.value == 'sent') return;
      const c = bridge.context();
      errors.value = { file: errors.value.file, ...validate({ tryingTo: answers.tryingTo.value, expected: answers.expected.value, email: answers.email.value }, !c.userId, s) };
      const first = (['tryingTo', 'expected', 'email', 'file'] as const).find((f) => errors.value[f]);
      if (first) return first;
      const email = answers.email.value.trim();
      const req = (request ||= {
        id: uuid(),
        anonymousId: c.anonymousId,
        sessionId: c.sessionId,
        userId: c.userId || undefined,
        accountId: c.accountId || undefined,
        screen: c.screen || undefined,
        answers: { tryingTo: answers.tryingTo.value.trim(), expected: answers.expected.value.trim(), email: email || undefined },
        attachment: file.value || undefined,
        trail: shown.value,
        at: deps.now(),
      });
      status.value = 'sending';
      await savePending({ endpoint: bridge.endpoint, key: bridge.key, request: req });
      const out = await sendHandoff({ endpoint: bridge.endpoint, key: bridge.key, request: req, deps, onRetry: () => (status.value = 'retrying'), stopped: () => stopped });
      if (out.kind == 'later') return void (status.value = 'queued');
      void dropPending(req.id);
      request = null;
      if (out.kind == 'rejected') {
        result.value = fmt(s.errRejected, { message: out.message });
        status.value = 'rejected';
        return;
      }
      result.value = out.created.reference;
      status.value = 'sent';
      bridge.record('handoff_sent', { tipId, props: { caseId: out.created.caseId, reference: out.created.reference } });
      bridge.handedOff(out.created);
    },
    /** After "Done": the next handoff starts from an empty form; the email stays. */
    reset() {
      answers.tryingTo.value = answers.expected.value = result.value = '';
      file.value = null;
      errors.value = {};
      status.value = 'editing';
    },
    stop: () => void (stopped = true),
  };
}
