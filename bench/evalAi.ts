// `npm run eval:ai`: accuracy, precision and recall of the AI layer's tasks on the evaluation set in edge/ai/eval, for
// the offline fallbacks and, when AI_PROVIDER names a model, for that model too. Rows marked "held out" were written
// after the fallbacks were tuned and never used to tune them: they are the figures to quote.
import { EVAL_MESSAGES, type LabelledMessage } from '../edge/ai/eval/messages';
import { EVAL_RULE_CONTEXT, EVAL_RULES, type LabelledRule } from '../edge/ai/eval/rules';
import { createAi, createLanguageModel, parseAiConfig, type Ai } from '../edge/ai/index';
import { GUARDRAIL_CATEGORIES, type GuardrailCategory, type Intent, type MessageAnalysis, type RuleCompileResult, type ToneLabel } from '../edge/ai/types';
import { ruleSchema } from '../edge/rules/schema';

interface Row {
  task: string;
  set: string;
  n: number;
  accuracy: number | null;
  precision: number | null;
  recall: number | null;
}

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

interface Answers {
  analyses: MessageAnalysis[];
  intents: Intent[];
  rules: RuleCompileResult[];
}

/** The slices every message task is reported on: everything, what the fallbacks were tuned on, what they never saw. */
function slices<T extends { heldOut?: boolean }>(items: T[]): Array<[string, number[]]> {
  const idx = items.map((_, i) => i);
  return [
    ['all', idx],
    ['tuned on', idx.filter((i) => !items[i]!.heldOut)],
    ['held out', idx.filter((i) => items[i]!.heldOut)],
  ];
}

const TONES: ToneLabel[] = ['negative', 'neutral', 'positive'];

function toneRows(msgs: LabelledMessage[], a: Answers): Row[] {
  const rows: Row[] = [];
  const traitSlices: Array<[string, number[]]> = (['sarcasm', 'negation', 'mixed', 'non-english'] as const).map((t) => [
    t,
    msgs.map((m, i) => (m.traits?.includes(t) ? i : -1)).filter((i) => i >= 0),
  ]);
  for (const [set, idx] of [...slices(msgs), ...traitSlices]) {
    const ok = idx.filter((i) => a.analyses[i]!.tone.label === msgs[i]!.tone).length;
    // Macro precision and recall over the three labels.
    const per = TONES.map((label) => {
      const predicted = idx.filter((i) => a.analyses[i]!.tone.label === label);
      const actual = idx.filter((i) => msgs[i]!.tone === label);
      const hit = predicted.filter((i) => msgs[i]!.tone === label).length;
      return [ratio(hit, predicted.length), ratio(hit, actual.length)] as const;
    });
    const mean = (xs: Array<number | null>) => {
      const v = xs.filter((x): x is number => x !== null);
      return v.length ? v.reduce((s, x) => s + x, 0) / v.length : null;
    };
    rows.push({ task: 'tone label (macro P/R)', set, n: idx.length, accuracy: ratio(ok, idx.length), precision: mean(per.map((p) => p[0])), recall: mean(per.map((p) => p[1])) });
  }
  return rows;
}

function guardrailRows(msgs: LabelledMessage[], a: Answers): Row[] {
  const rows: Row[] = [];
  const got = (i: number) => new Set(a.analyses[i]!.guardrails.map((g) => g.category));
  for (const [set, idx] of slices(msgs)) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let exact = 0;
    for (const i of idx) {
      const want = new Set(msgs[i]!.guardrails);
      const have = got(i);
      const t = [...have].filter((c) => want.has(c)).length;
      tp += t;
      fp += have.size - t;
      fn += want.size - t;
      if (t === want.size && have.size === want.size) exact++;
    }
    rows.push({ task: 'guardrails (micro P/R, exact set)', set, n: idx.length, accuracy: ratio(exact, idx.length), precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) });
  }
  for (const c of GUARDRAIL_CATEGORIES) rows.push(categoryRow(msgs, a, c));
  const refunds = msgs.map((m, i) => (m.guardrails.includes('high_value_refund') && m.amount !== undefined ? i : -1)).filter((i) => i >= 0);
  const amountOk = refunds.filter((i) => a.analyses[i]!.guardrails.find((g) => g.category === 'high_value_refund')?.amount === msgs[i]!.amount).length;
  rows.push({ task: '  high-value refund amount', set: 'all', n: refunds.length, accuracy: ratio(amountOk, refunds.length), precision: null, recall: null });
  const boundary = msgs.map((m, i) => (m.traits?.includes('boundary') || m.traits?.includes('negation') ? i : -1)).filter((i) => i >= 0);
  const clean = boundary.filter((i) => [...got(i)].every((c) => msgs[i]!.guardrails.includes(c))).length;
  rows.push({ task: '  no false hit (negation, boundary)', set: 'all', n: boundary.length, accuracy: ratio(clean, boundary.length), precision: null, recall: null });
  return rows;
}

function categoryRow(msgs: LabelledMessage[], a: Answers, c: GuardrailCategory): Row {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  msgs.forEach((m, i) => {
    const want = m.guardrails.includes(c);
    const have = a.analyses[i]!.guardrails.some((g) => g.category === c);
    if (want && have) tp++;
    else if (have) fp++;
    else if (want) fn++;
  });
  return { task: `  ${c}`, set: 'all', n: tp + fn, accuracy: null, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) };
}

function topicRows(msgs: LabelledMessage[], a: Answers): Row[] {
  return slices(msgs).map(([set, idx]) => ({
    task: 'topic',
    set,
    n: idx.length,
    accuracy: ratio(idx.filter((i) => msgs[i]!.topic.includes(a.intents[i]!.topic)).length, idx.length),
    precision: null,
    recall: null,
  }));
}

/** What a person confirms: conditions and actions as sets (their order is the sentence's), match and cooldown. */
function decides(rule: unknown): string {
  const r = ruleSchema.parse({ id: 'x', name: 'x', ...(rule as object) });
  const sorted = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).sort();
  return JSON.stringify([r.match, sorted(r.conditions), sorted(r.actions), r.cooldown]);
}

function ruleRows(rules: LabelledRule[], a: Answers): Row[] {
  return slices(rules).map(([set, idx]) => {
    let correct = 0;
    let compiled = 0;
    let compiledRight = 0;
    let shouldCompile = 0;
    for (const i of idx) {
      const want = rules[i]!;
      const got = a.rules[i]!;
      if (got.ok) compiled++;
      if ('expect' in want) {
        shouldCompile++;
        if (got.ok && decides(got.rule) === decides(want.expect)) {
          correct++;
          compiledRight++;
        }
      } else if (!got.ok && got.code === want.refuse) correct++;
    }
    // Precision: of the rules it produced, how many were the intended rule; recall: of the rules it should produce.
    return { task: 'rule compile (P/R of compiled rules)', set, n: idx.length, accuracy: ratio(correct, idx.length), precision: ratio(compiledRight, compiled), recall: ratio(compiledRight, shouldCompile) };
  });
}

async function answer(ai: Ai): Promise<Answers> {
  const analyses: MessageAnalysis[] = [];
  const intents: Intent[] = [];
  const rules: RuleCompileResult[] = [];
  // One at a time: a local model server answers one request at a time anyway.
  for (const m of EVAL_MESSAGES) {
    analyses.push(await ai.analyzeMessage(m.text));
    intents.push(await ai.classify(m.text));
  }
  for (const r of EVAL_RULES) rules.push(await ai.compileRule(r.text, EVAL_RULE_CONTEXT));
  return { analyses, intents, rules };
}

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

function print(title: string, rows: Row[]): void {
  const header = ['task', 'set', 'n', 'accuracy', 'precision', 'recall'];
  const body = rows.map((r) => [r.task, r.set, String(r.n), pct(r.accuracy), pct(r.precision), pct(r.recall)]);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((b) => b[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c >= 2 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ');
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(line(b));
}

function report(title: string, a: Answers): void {
  print(title, [...toneRows(EVAL_MESSAGES, a), ...guardrailRows(EVAL_MESSAGES, a), ...topicRows(EVAL_MESSAGES, a), ...ruleRows(EVAL_RULES, a)]);
}

async function main(): Promise<void> {
  const tuned = EVAL_MESSAGES.filter((m) => !m.heldOut).length;
  const rulesTuned = EVAL_RULES.filter((r) => !r.heldOut).length;
  console.log(
    `Evaluation set: ${EVAL_MESSAGES.length} customer messages (${tuned} tuned on, ${EVAL_MESSAGES.length - tuned} held out), ` +
      `${EVAL_RULES.length} rule phrasings (${rulesTuned} tuned on, ${EVAL_RULES.length - rulesTuned} held out).`,
  );
  const started = performance.now();
  report('Offline fallbacks (VADER tone, pattern guardrails and topics, rule grammar)', await answer(createAi({ model: null })));
  console.log(`(offline: ${((performance.now() - started) / 1000).toFixed(2)} s for every task on the whole set)`);

  const parsed = parseAiConfig(process.env);
  if (!parsed.ok) {
    for (const p of parsed.problems) console.error(`eval:ai: bad ${p.variable}: ${p.message}`);
    process.exitCode = 1;
    return;
  }
  const model = createLanguageModel(parsed.config);
  if (!model) {
    console.log('\nNo model configured (AI_PROVIDER=none). Set AI_PROVIDER, AI_BASE_URL and AI_MODEL to evaluate one too.');
    return;
  }
  const fallbacks: Record<string, number> = {};
  const ai = createAi({
    model,
    timeoutMs: parsed.config.timeoutMs,
    highValueRefund: parsed.config.highValueRefund,
    logger: { warn: (_m, f) => void (fallbacks[String(f.reason)] = (fallbacks[String(f.reason)] ?? 0) + 1) },
  });
  const modelStarted = performance.now();
  report(`Model ${ai.modelId} (its answers, with the offline answer wherever it failed)`, await answer(ai));
  const calls = EVAL_MESSAGES.length * 2 + EVAL_RULES.length;
  const failed = Object.values(fallbacks).reduce((s, n) => s + n, 0);
  console.log(
    `(model: ${calls - failed} of ${calls} calls answered by the model; fell back on ${JSON.stringify(fallbacks)}; ${((performance.now() - modelStarted) / 1000).toFixed(1)} s)`,
  );
}

await main();
