// Escalation rules: the list with each rule's restatement, switching one on or off, deleting one, and the
// plain-language box: a sentence is compiled by the edge into a rule, shown back for confirmation, and saved only
// when the person confirms; when it cannot be compiled, the edge's reason is shown instead.
import { useRef, useState } from 'preact/hooks';
import type { Rule } from '../../edge/rules/schema';
import { api, ApiError } from '../api';
import type { PageProps } from '../App';
import { ConfirmDelete } from '../components/ConfirmDelete';
import { Switch } from '../components/Switch';
import { Empty, ErrorNote, Load } from '../components/States';
import { describeAction, describeCondition, summarizeRule, windowText } from '../describe';
import { relative } from '../format';
import { useAction, useResource } from '../hooks';

export type StoredRuleView = Rule & { restatement?: string; createdAt: number; updatedAt: number };
export interface Compiled {
  ok: true;
  rule: Rule;
  restatement: string;
  warnings: string[];
  source: string;
}

export const EXAMPLES = [
  'If an account has two unresolved tickets in 5 days, flag it for CSM review',
  'When an enterprise account has a risk score of 70 or more, alert local-inbox',
  'If a ticket mentions chargeback or lawyer, route it to the billing queue as urgent and require a human',
];

/** What a refusal means, as a heading above the edge's explanation. */
export const REFUSALS: Record<string, string> = {
  rule_ambiguous: 'Forestall needs a more precise sentence',
  rule_unsafe: 'This rule would not be safe to run',
  rule_unsupported: 'Forestall cannot do that yet',
  rule_invalid: 'This does not make a valid rule',
};

/** The rule as PUT wants it: the store's timestamps and the edge's restatement are not part of a rule. */
export const ruleBody = (r: StoredRuleView | Rule): Rule => {
  const { createdAt: _c, updatedAt: _u, restatement: _r, ...rule } = r as StoredRuleView;
  return rule;
};

export function RulesPage(_: PageProps) {
  const { state, reload } = useResource((signal) => api<{ rules: StoredRuleView[] }>('/v1/rules', { signal }), []);
  return (
    <section>
      <div class="page-head">
        <h1 tabIndex={-1}>Rules</h1>
        <p class="muted">When an account matches a rule, Forestall acts: a tip, a routed ticket, a CSM flag or outreach. Write them in plain language.</p>
      </div>
      <Composer onSaved={reload} />
      <h2 class="section-title">Your rules</h2>
      <Load state={state} what="rules" retry={reload}>
        {({ rules }) =>
          rules.length === 0 ? (
            <Empty title="No rules yet.">Describe one above: for example, “{EXAMPLES[0]}”.</Empty>
          ) : (
            <ul class="rule-list">
              {rules.map((r) => (
                <RuleCard key={r.id} rule={r} onChange={reload} />
              ))}
            </ul>
          )
        }
      </Load>
    </section>
  );
}

function RuleParts({ rule }: { rule: Rule }) {
  return (
    <div class="rule-parts">
      <div>
        <h4>When {rule.conditions.length > 1 ? (rule.match === 'any' ? 'any of these holds' : 'all of these hold') : 'this holds'}</h4>
        <ul>
          {rule.conditions.map((c, i) => (
            <li key={i}>{describeCondition(c)}</li>
          ))}
        </ul>
      </div>
      <div>
        <h4>Then</h4>
        <ul>
          {rule.actions.map((a, i) => (
            <li key={i}>{describeAction(a)}</li>
          ))}
        </ul>
      </div>
      <p class="muted small">Not again for the same account within {windowText(rule.cooldown)}.</p>
    </div>
  );
}

function RuleCard({ rule, onChange }: { rule: StoredRuleView; onChange: () => void }) {
  const toggle = useAction(async () => {
    await api(`/v1/rules/${encodeURIComponent(rule.id)}`, { method: 'PUT', body: { ...ruleBody(rule), enabled: !rule.enabled } });
    onChange();
  });
  const remove = useAction(async () => {
    await api(`/v1/rules/${encodeURIComponent(rule.id)}`, { method: 'DELETE' });
    onChange();
  });
  const titleId = `rule-${rule.id}`;
  return (
    <li class={`card rule ${rule.enabled ? '' : 'is-off'}`} aria-labelledby={titleId}>
      <div class="row-between">
        <h3 id={titleId}>{rule.name}</h3>
        <Switch on={rule.enabled} label={`${rule.name} enabled`} busy={toggle.busy} onToggle={() => void toggle.run()} />
      </div>
      <p class="restatement">{rule.restatement ?? rule.description ?? summarizeRule(rule)}</p>
      {rule.description && rule.restatement && <p class="muted small">Written as: “{rule.description}”</p>}
      <details>
        <summary>How it works</summary>
        <RuleParts rule={rule} />
      </details>
      <div class="row-between">
        <span class="muted small">
          <code>{rule.id}</code> · changed {relative(rule.updatedAt)}
        </span>
        <ConfirmDelete what="rule" busy={remove.busy} onDelete={() => void remove.run()} />
      </div>
      {toggle.error && <ErrorNote error={toggle.error} />}
      {remove.error && <ErrorNote error={remove.error} />}
    </li>
  );
}

type Step = { kind: 'write' } | { kind: 'preview'; compiled: Compiled } | { kind: 'refused'; error: ApiError };

export function Composer({ onSaved }: { onSaved: () => void }) {
  const [text, setText] = useState('');
  const [step, setStep] = useState<Step>({ kind: 'write' });
  const [saved, setSaved] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [id, setId] = useState('');
  const box = useRef<HTMLTextAreaElement>(null);
  const result = useRef<HTMLDivElement>(null);

  const compile = useAction(async () => {
    setSaved(null);
    try {
      const compiled = await api<Compiled>('/v1/rules/compile', { method: 'POST', body: { text: text.trim() } });
      setName(compiled.rule.name);
      setId(compiled.rule.id);
      setStep({ kind: 'preview', compiled });
    } catch (e) {
      if (e instanceof ApiError && (e.status === 422 || e.code in REFUSALS)) setStep({ kind: 'refused', error: e });
      else throw e;
    }
    // The answer is below the button: take focus there so it is read out.
    requestAnimationFrame(() => result.current?.focus());
  });
  const save = useAction(async (compiled: Compiled) => {
    const rule: Rule = { ...compiled.rule, id: id.trim(), name: name.trim(), description: compiled.rule.description ?? text.trim() };
    await api(`/v1/rules/${encodeURIComponent(rule.id)}`, { method: 'PUT', body: rule });
    setSaved(rule.name);
    setText('');
    setStep({ kind: 'write' });
    onSaved();
  });

  return (
    <section class="card composer" aria-labelledby="composer-h">
      <h2 id="composer-h">New rule</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) void compile.run();
        }}
      >
        <label for="rule-text">Describe when Forestall should act, and what it should do</label>
        <textarea
          id="rule-text"
          ref={box}
          rows={3}
          maxLength={2000}
          value={text}
          placeholder={EXAMPLES[0]}
          onInput={(e) => {
            setText((e.target as HTMLTextAreaElement).value);
            if (step.kind !== 'write') setStep({ kind: 'write' });
          }}
        />
        <div class="examples">
          <span class="muted small">Try:</span>
          {EXAMPLES.map((x) => (
            <button
              key={x}
              type="button"
              class="chip chip-button"
              onClick={() => {
                setText(x);
                setStep({ kind: 'write' });
                box.current?.focus();
              }}
            >
              {x}
            </button>
          ))}
        </div>
        <button type="submit" class="btn btn-primary" disabled={compile.busy || !text.trim()}>
          {compile.busy ? 'Reading…' : 'Preview the rule'}
        </button>
      </form>
      {saved && (
        <p class="note ok" role="status">
          Saved “{saved}”. It applies from the next evaluation.
        </p>
      )}
      {compile.error && <ErrorNote error={compile.error} />}
      <div ref={result} tabIndex={-1} class="composer-result">
        {step.kind === 'refused' && (
          <div class="note error" role="alert">
            <p>
              <strong>{REFUSALS[step.error.code] ?? 'This sentence could not be turned into a rule'}.</strong>
            </p>
            <p>{step.error.message}</p>
            <p class="muted small">Nothing was saved. Change the sentence and preview again.</p>
          </div>
        )}
        {step.kind === 'preview' && (
          <div class="preview-rule" aria-labelledby="preview-h">
            <h3 id="preview-h">Forestall understood</h3>
            <p class="restatement">{step.compiled.restatement}</p>
            {step.compiled.warnings.length > 0 && (
              <ul class="note warn">
                {step.compiled.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            )}
            <RuleParts rule={step.compiled.rule} />
            <div class="grid-fields">
              <div class="field">
                <label for="rule-name">Name</label>
                <input id="rule-name" value={name} maxLength={200} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
              </div>
              <div class="field">
                <label for="rule-id">Id</label>
                <input id="rule-id" value={id} maxLength={64} pattern="[A-Za-z0-9][A-Za-z0-9_.:\-]{0,63}" onInput={(e) => setId((e.target as HTMLInputElement).value)} />
              </div>
            </div>
            <p class="muted small">{step.compiled.source === 'model' ? 'Compiled by the AI model.' : 'Compiled by the built-in grammar.'} Nothing is saved until you confirm.</p>
            <div class="actions">
              <button type="button" class="btn btn-primary" disabled={save.busy || !name.trim() || !id.trim()} onClick={() => void save.run(step.compiled)}>
                {save.busy ? 'Saving…' : 'Save rule'}
              </button>
              <button
                type="button"
                class="btn"
                onClick={() => {
                  setStep({ kind: 'write' });
                  box.current?.focus();
                }}
              >
                Change the sentence
              </button>
            </div>
            {save.error && <ErrorNote error={save.error} />}
          </div>
        )}
      </div>
    </section>
  );
}
