import { describe, expect, it, vi } from 'vitest';
import type { SendDeps } from './delivery';
import { listPending } from './delivery';
import { ATTACHMENT_MAX_KB, checkFile, createHandoff, validate } from './handoff';
import { STRINGS as s, fmt } from './options';
import { createTrail } from './trail';
import { emptyTrail, fakeBridge } from './test/dom';

describe('validate', () => {
  const ok = { tryingTo: 'Export invoices', expected: '', email: '' };
  it('needs what the user is trying to do, and an email when we do not know who they are', () => {
    expect(validate(ok, false, s)).toEqual({});
    expect(validate({ ...ok, tryingTo: '   ' }, false, s)).toEqual({ tryingTo: s.errTryingTo });
    expect(validate(ok, true, s)).toEqual({ email: s.errEmailRequired });
  });
  it.each(['a@b', 'a b@c.de', '@c.de', 'a@.de', '.a@b.de', 'a..b@c.de', 'a@b.c'])('refuses the email %j', (email) => {
    expect(validate({ ...ok, email }, false, s)).toEqual({ email: s.errEmail });
  });
  it.each(['ana@example.com', "o'neil+tag@sub.example.co.uk", 'x_y-z@a-b.io'])('accepts the email %j', (email) => {
    expect(validate({ ...ok, email }, true, s)).toEqual({});
  });
  it('caps each answer at the edge limit', () => {
    expect(validate({ ...ok, tryingTo: 'x'.repeat(4001), expected: 'y'.repeat(4001) }, false, s)).toEqual({
      tryingTo: 'Keep this under 4000 characters.',
      expected: 'Keep this under 4000 characters.',
    });
  });
});

describe('checkFile', () => {
  it('takes images, PDFs and text up to the size the edge accepts', () => {
    expect(checkFile({ type: 'image/png', size: ATTACHMENT_MAX_KB * 1024 }, s)).toBe('');
    expect(checkFile({ type: 'image/png', size: ATTACHMENT_MAX_KB * 1024 + 1 }, s)).toBe(fmt(s.errFileSize, { kb: ATTACHMENT_MAX_KB }));
    expect(checkFile({ type: 'application/x-msdownload', size: 10 }, s)).toBe(s.errFileType);
    expect(checkFile({ type: '', size: 10 }, s)).toBe(s.errFileType);
    // 256 KB of file fits the edge's 350,000 base64 characters.
    expect(Math.ceil((ATTACHMENT_MAX_KB * 1024) / 3) * 4).toBeLessThanOrEqual(350_000);
  });
});

function setup(answers: Array<number | 'network'>, ctx = {}) {
  const bodies: Array<Record<string, unknown>> = [];
  const deps: SendDeps = {
    fetch: vi.fn(async (_u: unknown, init?: RequestInit) => {
      bodies.push(JSON.parse(String(init!.body)));
      const a = answers.shift() ?? 503;
      if (a === 'network') throw new TypeError('offline');
      return new Response(JSON.stringify(a < 300 ? { caseId: 'case_9', reference: 'FS-9' } : { error: { message: 'tryingTo: too short' } }), { status: a });
    }) as unknown as typeof fetch,
    sleep: async () => {},
    random: () => 0,
    now: () => 1_800_000_000_000,
  };
  const trailData = { ...emptyTrail(), screens: [{ screen: '/billing', at: 1 }] };
  const bridge = fakeBridge({ trail: vi.fn(() => trailData) }, ctx);
  const trail = createTrail(bridge, () => 5);
  const model = createHandoff(bridge, trail, s, deps);
  return { model, bridge, bodies, trail };
}

describe('the handoff model', () => {
  it('prefills the email from the identified user and records handoff_started', () => {
    const { model, bridge } = setup([], { userId: 'u1', traits: { email: 'ana@example.com' } });
    model.open('tip-1');
    expect(model.answers.email.value).toBe('ana@example.com');
    expect(bridge.record).toHaveBeenCalledWith('handoff_started', { tipId: 'tip-1', props: { screen: '/billing' } });
  });

  it('refuses to send an invalid form and names the first bad field', async () => {
    const { model, bodies } = setup([]);
    model.open();
    expect(await model.submit()).toBe('tryingTo');
    expect(model.errors.value).toMatchObject({ tryingTo: s.errTryingTo, email: s.errEmailRequired });
    expect(bodies).toHaveLength(0);
    model.input('tryingTo', 'x');
    expect(model.errors.value.tryingTo).toBe('');
  });

  it('sends one request id through retries, with the context, answers and the trail the user saw', async () => {
    const { model, bridge, bodies, trail } = setup([503, 'network', 201], { userId: 'u1', accountId: 'acct_1' });
    trail.tip('tip-1', 'unhelpful');
    model.open('tip-1');
    trail.article('later', 'Seen after the form opened');
    model.input('tryingTo', '  Export my invoices  ');
    model.input('email', 'ana@example.com');
    expect(await model.submit()).toBeUndefined();
    expect(bodies).toHaveLength(3);
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
    expect(bodies[0]).toEqual({
      id: bodies[0]!.id,
      anonymousId: 'anon-1',
      sessionId: 'sess-1',
      userId: 'u1',
      accountId: 'acct_1',
      screen: '/billing',
      answers: { tryingTo: 'Export my invoices', expected: '', email: 'ana@example.com' },
      trail: { ...emptyTrail(), screens: [{ screen: '/billing', at: 1 }], tips: [{ tipId: 'tip-1', at: 5, outcome: 'unhelpful' }] },
      at: 1_800_000_000_000,
    });
    expect(bodies[0]!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(model.status.value).toBe('sent');
    expect(model.result.value).toBe('FS-9');
    expect(bridge.record).toHaveBeenCalledWith('handoff_sent', { tipId: 'tip-1', props: { caseId: 'case_9', reference: 'FS-9' } });
    expect(bridge.handedOff).toHaveBeenCalledWith({ caseId: 'case_9', reference: 'FS-9' });
    expect(await listPending()).toEqual([]);
  });

  it('keeps an undelivered handoff pending under the same id, and "Try again" resends that id', async () => {
    const { model, bodies } = setup(['network', 'network', 'network', 'network', 'network', 'network', 201], { userId: 'u1' });
    model.open();
    model.input('tryingTo', 'Pay an invoice');
    await model.submit();
    expect(model.status.value).toBe('queued');
    const pending = await listPending();
    expect(pending.map((p) => p.request.id)).toEqual([bodies[0]!.id]);
    await model.submit();
    expect(model.status.value).toBe('sent');
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
    expect(await listPending()).toEqual([]);
  });

  it('a changed message is a new submission with a new id', async () => {
    const { model, bodies } = setup(['network', 'network', 'network', 'network', 'network', 'network', 201], { userId: 'u1' });
    model.open();
    model.input('tryingTo', 'first');
    await model.submit();
    model.input('tryingTo', 'second');
    expect(await listPending()).toEqual([]);
    await model.submit();
    expect(bodies.at(-1)!.id).not.toBe(bodies[0]!.id);
    expect((bodies.at(-1)!.answers as { tryingTo: string }).tryingTo).toBe('second');
  });

  it('shows the edge refusal and forgets the request', async () => {
    const { model } = setup([400], { userId: 'u1' });
    model.open();
    model.input('tryingTo', 'x');
    await model.submit();
    expect(model.status.value).toBe('rejected');
    expect(model.result.value).toBe(fmt(s.errRejected, { message: 'tryingTo: too short' }));
    expect(await listPending()).toEqual([]);
  });

  it('attaches a file as base64, and refuses a wrong one with a message', async () => {
    const { model } = setup([]);
    await model.attach(new File(['hello'], 'note.txt', { type: 'text/plain' }));
    expect(model.file.value).toEqual({ name: 'note.txt', type: 'text/plain', dataBase64: btoa('hello') });
    await model.attach(new File(['MZ'], 'setup.exe', { type: 'application/x-msdownload' }));
    expect(model.file.value).toBeNull();
    expect(model.errors.value.file).toBe(s.errFileType);
  });
});
