// The tip editor: a new tip is saved whole with PUT; the edge's issues are shown at the fields they name.
import { beforeEach, describe, expect, it } from 'vitest';
import { click, renderInto, settleUntil, type } from '../../widget/test/dom';
import { fakeEdge } from '../test/fakeEdge';
import { BLANK_TIP, TipEditor } from './Tips';

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('TipEditor', () => {
  it('creates a tip with the chosen signals, and shows the edge’s issue beside its field', async () => {
    let refuse = true;
    const edge = fakeEdge({
      'PUT /v1/tips/vat-id': ({ body }) =>
        refuse ? { status: 400, body: { error: { code: 'invalid_body', message: 'The request body does not match the schema.', issues: [{ path: 'articleUrl', message: 'must be an http(s) URL or a path starting with /' }] } } } : { status: 201, body },
    });
    const el = await renderInto(<TipEditor initial={BLANK_TIP} isNew onSaved={() => {}} />);
    await type(el.querySelector('#tip-id'), 'vat-id');
    await type(el.querySelector('#tip-url'), 'help/vat');
    const formStruggle = [...el.querySelectorAll('.check')].find((l) => l.textContent === 'Form struggle')!.querySelector('input')!;
    await click(formStruggle);
    await click(el.querySelector('button[type=submit]'));
    await settleUntil(() => el.querySelector('#tip-url-err'));
    const url = el.querySelector('#tip-url')!;
    expect(el.querySelector('#tip-url-err')!.textContent).toBe('must be an http(s) URL or a path starting with /');
    expect(url.getAttribute('aria-invalid')).toBe('true');
    expect(url.getAttribute('aria-describedby')).toBe('tip-url-err');
    expect(el.querySelector('.field-error[role=alert]')!.textContent).toContain('See the fields marked above.');

    refuse = false;
    await type(url, '/help/vat');
    await click(el.querySelector('button[type=submit]'));
    await settleUntil(() => edge.calls.length === 2);
    expect(edge.calls[1]!.body).toEqual({ ...BLANK_TIP, id: 'vat-id', articleUrl: '/help/vat', when: { signal: ['rage_click', 'form_struggle'] } });
  });

  it('keeps the last signal checked (disabled, with the reason); with two, either can be unchecked', async () => {
    const edge = fakeEdge({ 'PUT /v1/tips/vat-id': ({ body }) => ({ status: 201, body }) });
    const el = await renderInto(<TipEditor initial={BLANK_TIP} isNew onSaved={() => {}} />);
    const box = (label: string) => [...el.querySelectorAll('.check')].find((l) => l.textContent === label)!.querySelector('input')!;
    const rage = box('Rage click');
    const form = box('Form struggle');

    // One signal: its box is disabled, says why, and clicking it changes nothing.
    expect(rage.checked).toBe(true);
    expect(rage.disabled).toBe(true);
    expect(rage.title).toBe('A tip needs at least one signal');
    expect(form.disabled).toBe(false);
    await click(rage);
    expect(rage.checked).toBe(true);

    // Two signals: both enabled, and unchecking one works (and leaves the other as the last, disabled).
    await click(form);
    expect(form.checked).toBe(true);
    expect(rage.disabled).toBe(false);
    expect(form.disabled).toBe(false);
    await click(rage);
    expect(rage.checked).toBe(false);
    expect(form.checked).toBe(true);
    expect(form.disabled).toBe(true);

    // What is shown is what is saved.
    await type(el.querySelector('#tip-id'), 'vat-id');
    await click(el.querySelector('button[type=submit]'));
    await settleUntil(() => edge.calls.length === 1);
    expect(edge.calls[0]!.body).toMatchObject({ id: 'vat-id', when: { signal: 'form_struggle' } });
  });
});
