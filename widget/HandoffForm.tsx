// "Still stuck?": what the user is trying to do, what they expected, how to reach them, an optional file, and the
// diagnostic trail they will send, with field errors, a sending state that survives retries, and the case reference.
import { useEffect, useRef } from 'preact/hooks';
import { ATTACHMENT_MAX_KB, ATTACHMENT_TYPES, MAX_ANSWER_CHARS, type Field, type Handoff } from './handoff';
import { fmt, type Strings } from './options';
import { useWatch } from './signals';
import { TrailView } from './TrailView';

export interface HandoffFormProps {
  model: Handoff;
  s: Strings;
  tipTitle(tipId: string): string | undefined;
  onDone(): void;
}

export function HandoffForm({ model, s, tipTitle, onDone }: HandoffFormProps) {
  const form = useRef<HTMLFormElement>(null);
  const a = model.answers;
  useWatch(model.status, model.errors, model.result, model.file, model.trail, a.tryingTo, a.expected, a.email);
  const status = model.status.value;
  const errors = model.errors.value;
  const busy = model.busy();
  const sent = status == 'sent';
  /** Focus follows the form's phase: the first field on open, "Done" once sent, the first invalid field on errors. */
  const focus = (id: string) => {
    const el = form.current && (form.current.querySelector('#' + id) as HTMLElement | null);
    el && el.focus();
  };
  useEffect(() => focus(sent ? 'done' : 'tryingTo'), [sent]);

  if (sent)
    return (
      <form ref={form} aria-labelledby="t">
        <h2 id="t">{s.contact}</h2>
        <p role="status">
          <strong>{fmt(s.sent, { reference: model.result.value })}</strong>
        </p>
        <button id="done" type="button" class="p" onClick={onDone}>
          {s.done}
        </button>
      </form>
    );

  const field = (f: Field, label: string, required: boolean, control: (a: Record<string, unknown>) => preact.JSX.Element, hint?: string) => (
    <>
      <label for={f}>
        {label} {!required && <span>{s.optional}</span>}
      </label>
      {control({
        id: f,
        'aria-required': required,
        'aria-invalid': !!errors[f],
        'aria-describedby': [hint && f + 'h', errors[f] && f + 'e'].filter(Boolean).join(' ') || undefined,
      })}
      {hint && (
        <p id={f + 'h'} class="m">
          {hint}
        </p>
      )}
      {errors[f] && (
        <p id={f + 'e'} class="e">
          {errors[f]}
        </p>
      )}
    </>
  );
  const text = (f: 'tryingTo' | 'expected' | 'email', label: string, required: boolean) =>
    field(f, label, required, (a) => {
      const props = { ...a, readOnly: busy, value: model.answers[f].value, onInput: (e: Event) => model.input(f, (e.currentTarget as HTMLInputElement).value) };
      return f == 'email' ? <input {...props} type="email" autocomplete="email" maxLength={320} /> : <textarea {...props} maxLength={MAX_ANSWER_CHARS} />;
    });
  const file = model.file.value;
  const progress = status == 'retrying' ? s.retrying : status == 'queued' ? s.queued : status == 'rejected' ? model.result.value : '';

  return (
    <form
      ref={form}
      noValidate
      aria-labelledby="t"
      onSubmit={async (e) => {
        e.preventDefault();
        const bad = await model.submit();
        bad && focus(bad);
      }}
    >
      <h2 id="t">{s.contact}</h2>
      <p class="m">{s.intro}</p>
      {text('tryingTo', s.tryingTo, true)}
      {text('expected', s.expected, false)}
      {text('email', s.email, model.emailRequired())}
      {file ? (
        <p>
          {file.name}{' '}
          <button type="button" onClick={() => model.attach(undefined)}>
            {fmt(s.remove, { name: file.name })}
          </button>
        </p>
      ) : (
        field(
          'file',
          s.file,
          false,
          (a) => (
            <input
              {...a}
              type="file"
              accept={ATTACHMENT_TYPES.join()}
              disabled={busy}
              onChange={(e) => {
                const input = e.currentTarget;
                void model.attach(input.files![0]);
                input.value = '';
              }}
            />
          ),
          fmt(s.fileHint, { kb: ATTACHMENT_MAX_KB }),
        )
      )}
      <TrailView trail={model.trail.value} s={s} tipTitle={tipTitle} />
      <p role="status" class={status == 'rejected' ? 'e' : 'm'}>
        {progress}
      </p>
      <button type="submit" class="p" aria-disabled={busy}>
        {busy ? s.sending : status == 'queued' ? s.retry : s.send}
      </button>
    </form>
  );
}
