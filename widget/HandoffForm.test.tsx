import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SendDeps } from './delivery';
import { createHandoff } from './handoff';
import { HandoffForm } from './HandoffForm';
import { STRINGS as s, fmt } from './options';
import { click, fakeBridge, renderInto, settle, type } from './test/dom';
import { createTrail } from './trail';

afterEach(() => void (document.body.innerHTML = ''));

/** An edge whose answers the test releases one at a time, so each sending state can be looked at. */
function gatedEdge() {
  const gates: Array<(status: number) => void> = [];
  const deps: SendDeps = {
    fetch: vi.fn(
      () =>
        new Promise<Response>((resolve) =>
          gates.push((status) => resolve(new Response(JSON.stringify(status < 300 ? { caseId: 'c1', reference: 'FS-4821' } : {}), { status }))),
        ),
    ) as unknown as typeof fetch,
    sleep: async () => {},
    random: () => 0,
    now: Date.now,
  };
  const answer = async (status: number) => {
    await vi.waitFor(() => expect(gates.length).toBeGreaterThan(0));
    gates.shift()!(status);
    await settle();
  };
  return { deps, answer };
}

async function form(ctx = {}) {
  const edge = gatedEdge();
  const bridge = fakeBridge({}, ctx);
  const model = createHandoff(bridge, createTrail(bridge), s, edge.deps);
  model.open();
  const onDone = vi.fn();
  const el = await renderInto(<HandoffForm model={model} s={s} tipTitle={() => undefined} onDone={onDone} />);
  await settle();
  const q = (sel: string) => el.querySelector(sel) as HTMLInputElement;
  const submit = async () => {
    q('button[type=submit]').click();
    await settle();
  };
  return { el, q, submit, model, bridge, edge, onDone };
}

describe('HandoffForm', () => {
  it('labels every field, marks the optional ones, and takes focus', async () => {
    const { el, q } = await form();
    for (const id of ['tryingTo', 'expected', 'email', 'file']) expect(el.querySelector(`label[for=${id}]`)).not.toBeNull();
    expect(el.querySelector('label[for=expected]')!.textContent).toContain(s.optional);
    expect(el.querySelector('label[for=email]')!.textContent).not.toContain(s.optional);
    expect(q('#file').getAttribute('accept')).toBe('image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain');
    expect(q('#file').getAttribute('aria-describedby')).toBe('fileh');
    expect(document.activeElement).toBe(q('#tryingTo'));
    expect(el.querySelector('details')).not.toBeNull();
  });

  it('shows clear errors tied to their fields, and focuses the first', async () => {
    const { el, q, submit, edge } = await form();
    await type(q('#email'), 'not-an-email');
    await submit();
    expect(q('#tryingTo').getAttribute('aria-invalid')).toBe('true');
    expect(el.querySelector('#' + q('#tryingTo').getAttribute('aria-describedby'))!.textContent).toBe(s.errTryingTo);
    expect(el.querySelector('#' + q('#email').getAttribute('aria-describedby'))!.textContent).toBe(s.errEmail);
    expect(document.activeElement).toBe(q('#tryingTo'));
    expect(edge.deps.fetch).not.toHaveBeenCalled();
    await type(q('#tryingTo'), 'Export invoices');
    expect(q('#tryingTo').getAttribute('aria-invalid')).toBe('false');
  });

  it('refuses a file that is too large, with the limit in the message', async () => {
    const { el, q } = await form();
    const input = q('#file');
    const big = new File([new Uint8Array(300 * 1024)], 'shot.png', { type: 'image/png' });
    Object.defineProperty(input, 'files', { value: [big], configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    expect(el.querySelector('#filee')!.textContent).toBe(fmt(s.errFileSize, { kb: 256 }));
  });

  it('shows that it is still sending through retries, then the reference, then focuses Done', async () => {
    const { el, q, submit, edge, onDone } = await form({ userId: 'u1' });
    await type(q('#tryingTo'), 'Export invoices');
    await submit();
    const button = () => el.querySelector('button[type=submit]')!;
    expect(button().textContent).toBe(s.sending);
    expect(button().getAttribute('aria-disabled')).toBe('true');
    expect(q('#tryingTo').readOnly).toBe(true);
    await edge.answer(503);
    expect(el.querySelector('form > [role=status]')!.textContent).toBe(s.retrying);
    expect(button().textContent).toBe(s.sending);
    await edge.answer(201);
    await settle();
    expect(el.querySelector('[role=status]')!.textContent).toBe(fmt(s.sent, { reference: 'FS-4821' }));
    expect(document.activeElement!.textContent).toBe(s.done);
    await click(document.activeElement);
    expect(onDone).toHaveBeenCalled();
  });

  it('shows the edge refusal so the user can fix the message', async () => {
    const { el, q, submit, edge } = await form({ userId: 'u1' });
    await type(q('#tryingTo'), 'x');
    await submit();
    await edge.answer(400);
    expect(el.querySelector('form > [role=status]')!.textContent).toBe(fmt(s.errRejected, { message: 'HTTP 400' }));
    expect(el.querySelector('button[type=submit]')!.textContent).toBe(s.send);
  });
});
