// createAi against mock models, a fake Workers AI binding and a fake OpenAI-compatible server: good answers, bad ones, slow ones, errors, the retry and the cache.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MockLanguageModelV3 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import type { HandoffSummary } from '../actions/types';
import { EVAL_RULE_CONTEXT as CTX } from './eval/rules';
import { createAi, type AiCache } from './index';
import { createLanguageModel, parseAiConfig } from './config';

type Generate = Awaited<ReturnType<MockLanguageModelV3['doGenerate']>>;

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 10, text: 10, reasoning: undefined },
};
const answer = (text: string): Generate => ({ content: [{ type: 'text', text }], finishReason: { unified: 'stop', raw: undefined }, usage, warnings: [] });
const json = (value: unknown) => answer(JSON.stringify(value));

/** A model that gives these answers in turn (an Error is thrown, a number of ms is a hang that far). */
function scripted(...steps: Array<Generate | Error | { hangMs: number }>) {
  let i = 0;
  return new MockLanguageModelV3({
    doGenerate: async () => {
      const step = steps[Math.min(i++, steps.length - 1)]!;
      if (step instanceof Error) throw step;
      if ('hangMs' in step) {
        await new Promise((r) => setTimeout(r, step.hangMs));
        return json({ score: 0.9, label: 'positive' });
      }
      return step;
    },
  });
}

/** The cache a test can look into; the real one is a table in the store. */
function memoryCache(): AiCache & { entries: Map<string, string>; reads: number } {
  const entries = new Map<string, string>();
  return {
    entries,
    reads: 0,
    async get(key) {
      this.reads++;
      return entries.get(key) ?? null;
    },
    async set(key, value) {
      entries.set(key, value);
    },
  };
}

function recordingLogger() {
  const lines: Array<{ message: string; fields: Record<string, unknown> }> = [];
  return { lines, warn: (message: string, fields: Record<string, unknown>) => lines.push({ message, fields }) };
}

const ANGRY = 'This is the third time the export broke. I want a refund of $2,400 or I will call my lawyer.';

describe('createAi without a model', () => {
  it('answers every task offline', async () => {
    const ai = createAi({ model: null });
    expect(ai.modelId).toBeNull();
    const tone = await ai.tone(ANGRY);
    expect(tone.source).toBe('fallback');
    expect(tone.label).toBe('negative');
    const analysis = await ai.analyzeMessage(ANGRY);
    expect(analysis.source).toBe('fallback');
    expect(analysis.guardrails.map((g) => g.category).sort()).toEqual(['high_value_refund', 'legal_threat']);
    const intent = await ai.classify(ANGRY);
    expect(intent).toMatchObject({ desiredOutcome: 'a refund of $2,400', source: 'fallback' });
    const rule = await ai.compileRule('if this account has two unresolved tickets in 5 days, flag for CSM review', CTX);
    expect(rule).toMatchObject({ ok: true, source: 'fallback' });
  });

  it('uses the configured high-value threshold', async () => {
    const ai = createAi({ model: null, highValueRefund: 5000 });
    const analysis = await ai.analyzeMessage(ANGRY);
    expect(analysis.guardrails.map((g) => g.category)).toEqual(['legal_threat']);
  });
});

describe('createAi with a model', () => {
  it('takes a good answer, with the label on the documented cut-offs', async () => {
    const model = scripted(json({ score: -0.25, label: 'neutral' }));
    const ai = createAi({ model });
    expect(ai.modelId).toBe('mock-provider:mock-model-id');
    expect(await ai.tone('hmm')).toEqual({ score: -0.25, label: 'negative', source: 'model' });
    expect(model.doGenerateCalls).toHaveLength(1);
    const call = model.doGenerateCalls[0]!;
    expect(call.responseFormat).toMatchObject({ type: 'json' });
    expect(JSON.stringify(call.prompt)).toContain('<message>\\nhmm\\n</message>');
  });

  it('retries once after malformed JSON, and keeps the second answer', async () => {
    const model = scripted(answer('{"score": -0.8, "label": "neg'), json({ score: -0.8, label: 'negative' }));
    const ai = createAi({ model });
    expect(await ai.tone('awful')).toEqual({ score: -0.8, label: 'negative', source: 'model' });
    expect(model.doGenerateCalls).toHaveLength(2);
  });

  it('falls back after two malformed answers, and never asks a third time', async () => {
    const logger = recordingLogger();
    const model = scripted(answer('not json at all'));
    const ai = createAi({ model, logger });
    const tone = await ai.tone('Thanks so much, the fix worked perfectly!');
    expect(tone).toMatchObject({ label: 'positive', source: 'fallback' });
    expect(model.doGenerateCalls).toHaveLength(2);
    expect(logger.lines).toEqual([expect.objectContaining({ fields: expect.objectContaining({ task: 'tone', reason: 'invalid', attempts: 2 }) })]);
  });

  it('falls back on output that breaks the schema', async () => {
    const model = scripted(json({ score: 3, label: 'furious' }));
    const ai = createAi({ model });
    expect(await ai.tone('This is completely unacceptable')).toMatchObject({ label: 'negative', source: 'fallback' });
    expect(model.doGenerateCalls).toHaveLength(2);
  });

  it('falls back when the model is slower than the deadline, without waiting for it', async () => {
    const logger = recordingLogger();
    const model = scripted({ hangMs: 2_000 });
    const ai = createAi({ model, timeoutMs: 50, logger });
    const started = Date.now();
    const tone = await ai.tone('I love it');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(tone.source).toBe('fallback');
    expect(model.doGenerateCalls).toHaveLength(1);
    expect(logger.lines[0]?.fields).toMatchObject({ reason: 'timeout', attempts: 1 });
  });

  it('falls back when the provider errors, after one retry', async () => {
    const logger = recordingLogger();
    const model = scripted(new Error('503 upstream'));
    const ai = createAi({ model, logger });
    expect((await ai.classify('How do I export to CSV?')).source).toBe('fallback');
    expect(model.doGenerateCalls).toHaveLength(2);
    expect(logger.lines[0]?.fields).toMatchObject({ task: 'classify', reason: 'error', detail: '503 upstream' });
  });

  it('recovers when the retry succeeds after an error', async () => {
    const model = scripted(new Error('connection reset'), json({ score: 0.5, label: 'positive' }));
    expect(await createAi({ model }).tone('fine')).toMatchObject({ source: 'model', score: 0.5 });
  });
});

describe('the cache', () => {
  it('serves the same question from the cache without a second model call', async () => {
    const cache = memoryCache();
    const model = scripted(json({ score: -0.6, label: 'negative' }));
    const ai = createAi({ model, cache });
    const first = await ai.tone('The export is broken again');
    const second = await ai.tone('The export is broken again');
    expect(second).toEqual(first);
    expect(model.doGenerateCalls).toHaveLength(1);
    expect([...cache.entries.keys()]).toEqual([expect.stringMatching(/^ai:tone:v1:[0-9a-f]{64}$/)]);
  });

  it('keys by task, model and input', async () => {
    const cache = memoryCache();
    const a = scripted(json({ score: -0.6, label: 'negative' }));
    await createAi({ model: a, cache }).tone('one');
    await createAi({ model: a, cache }).tone('two');
    const b = new MockLanguageModelV3({ modelId: 'other-model', doGenerate: async () => json({ score: 0.1, label: 'neutral' }) });
    expect(await createAi({ model: b, cache }).tone('one')).toMatchObject({ score: 0.1 });
    expect(cache.entries.size).toBe(3);
  });

  it('ignores an unreadable cache entry and asks the model', async () => {
    const cache = memoryCache();
    const model = scripted(json({ score: -0.6, label: 'negative' }));
    const ai = createAi({ model, cache });
    await ai.tone('x');
    const key = [...cache.entries.keys()][0]!;
    cache.entries.set(key, '{"score": "very bad"}');
    expect(await ai.tone('x')).toMatchObject({ score: -0.6, source: 'model' });
    expect(model.doGenerateCalls).toHaveLength(2);
  });

  it('does not cache fallbacks, and survives a failing cache', async () => {
    const broken: AiCache = { get: async () => Promise.reject(new Error('db locked')), set: async () => Promise.reject(new Error('db locked')) };
    const model = scripted(json({ score: -0.6, label: 'negative' }));
    expect(await createAi({ model, cache: broken }).tone('x')).toMatchObject({ source: 'model' });
    const cache = memoryCache();
    await createAi({ model: scripted(answer('nope')), cache }).tone('x');
    expect(cache.entries.size).toBe(0);
  });
});

describe('message analysis from a model', () => {
  it('quotes evidence from the message and checks amounts against it', async () => {
    const text = 'Please refund the $500 setup fee. Also, our lawyer is reading your terms.';
    const model = scripted(
      json({
        tone: { score: -0.4, label: 'negative' },
        guardrails: [
          { category: 'legal_threat', evidence: 'OUR LAWYER is reading' },
          { category: 'high_value_refund', evidence: 'refund the $5,000', amount: 5000, currency: 'USD' },
        ],
      }),
    );
    const analysis = await createAi({ model }).analyzeMessage(text);
    expect(analysis).toEqual({
      tone: { score: -0.4, label: 'negative' },
      guardrails: [{ category: 'legal_threat', evidence: 'our lawyer is reading' }],
      source: 'model',
    });
  });

  it('keeps a high-value refund whose amount is in the text, with its currency', async () => {
    const model = scripted(
      json({ topic: 'Billing', desiredOutcome: 'a refund of €2,400', guardrails: [{ category: 'high_value_refund', evidence: 'Rückerstattung von 2.400 €', amount: 2400, currency: 'EUR' }] }),
    );
    const intent = await createAi({ model }).classify('Wir möchten eine Rückerstattung von 2.400 € für das Jahresabo.');
    expect(intent).toEqual({
      topic: 'billing',
      desiredOutcome: 'a refund of €2,400',
      guardrails: [{ category: 'high_value_refund', evidence: 'Rückerstattung von 2.400 €', amount: 2400, currency: 'EUR' }],
      source: 'model',
    });
  });
});

const TEMPLATE: HandoffSummary = {
  headline: 'Acme (enterprise, $120k ARR, renews in 41 days): 2 unresolved tickets in 5 days.',
  whatHappened: ['T-1 opened: CSV export fails with error 500', 'T-2 opened: export still failing'],
  whatWasChecked: ['read article Exporting to CSV'],
  customerWants: 'the CSV export to work',
  account: {
    id: 'acme',
    name: 'Acme',
    tier: 'enterprise',
    arr: 120000,
    renewalAt: null,
    owner: 'dana@forestall.test',
    csm: null,
    riskScore: 72,
    recentTickets: [
      { id: 'T-1', subject: 'CSV export fails', status: 'open', createdAt: 1_750_000_000_000 },
      { id: 'T-2', subject: 'Export still failing', status: 'open', createdAt: 1_750_086_400_000 },
    ],
    csat: [],
  },
  policy: { guardrails: ['legal_threat'], requiresHuman: true, notes: [] },
  nextAction: 'Call the customer and fix the export',
  markdown: '**Acme**: 2 unresolved tickets (T-1, T-2). Guardrail: legal threat; a human must handle this.',
  source: 'template',
};

describe('summaries from a model', () => {
  const prose = {
    headline: 'Acme ($120k ARR, renews in 41 days) has 2 open export tickets.',
    whatHappened: ['T-1: the CSV export fails with error 500', 'T-2: the export still fails'],
    customerWants: 'A working CSV export.',
    nextAction: 'Call Acme today about the export.',
    markdown: '**Acme** has 2 unresolved export tickets (T-1, T-2). Legal threat: a human must handle this.',
  };

  it('takes a rewrite grounded in the template, and keeps the facts it may not touch', async () => {
    const summary = await createAi({ model: scripted(json(prose)) }).summarize(TEMPLATE);
    expect(summary).toEqual({ ...TEMPLATE, ...prose, source: 'model' });
  });

  it.each([
    ['a number that is not in the facts', { ...prose, headline: 'Acme has 3 open export tickets.' }],
    ['a ticket id that is not in the facts', { ...prose, whatHappened: ['T-1: fails', 'T-9: fails'] }],
    ['a link that is not in the facts', { ...prose, nextAction: 'See https://evil.example/fix' }],
    ['a different number of trail lines', { ...prose, whatHappened: ['T-1 and T-2 fail'] }],
    ['a dropped ticket id', { ...prose, markdown: '**Acme** has export trouble. Legal threat: a human must handle this.' }],
    ['a dropped guardrail', { ...prose, markdown: '**Acme** has 2 unresolved export tickets (T-1, T-2).' }],
    ['HTML', { ...prose, markdown: `${prose.markdown}<img src=x onerror=alert(1)>` }],
  ])('keeps the template when the rewrite has %s', async (_why, bad) => {
    const model = scripted(json(bad));
    expect(await createAi({ model }).summarize(TEMPLATE)).toEqual(TEMPLATE);
    expect(model.doGenerateCalls).toHaveLength(2);
  });

  it('reads thousands and dates of the facts as the same facts', async () => {
    const dated = { ...prose, whatHappened: ['T-1 (2025-06-15): the CSV export fails with error 500', 'T-2: the export still fails'] };
    expect((await createAi({ model: scripted(json(dated)) }).summarize(TEMPLATE)).source).toBe('model');
  });
});

describe('compileRule from a model', () => {
  const sentence = 'when 3 users from the same account file tickets in a week, alert #cs-escalations on Slack';
  const draft = {
    verdict: 'rule',
    rule: {
      name: 'Three requesters in a week',
      conditions: [{ kind: 'count', subject: 'ticket_requesters', op: 'gte', value: 3, within: { value: 1, unit: 'weeks' }, per: 'account' }],
      actions: [{ type: 'outreach', destination: '#cs-escalations' }],
    },
  };

  it('takes a draft that passes the checks, resolving names to ids', async () => {
    const result = await createAi({ model: scripted(json(draft)) }).compileRule(sentence, CTX);
    expect(result).toMatchObject({ ok: true, source: 'model', rule: { id: 'three-requesters-in-a-week', description: sentence, actions: [{ type: 'outreach', destination: 'dst_esc' }] } });
    expect(result.ok && result.restatement).toBe('When an account has tickets from at least 3 different people in the last week, alert #cs-escalations. At most once a day per account.');
  });

  it('refuses a draft that names a destination that does not exist, saying what exists', async () => {
    const bad = { ...draft, rule: { ...draft.rule, actions: [{ type: 'outreach', destination: '#vip-alerts' }] } };
    const result = await createAi({ model: scripted(json(bad)) }).compileRule(sentence, CTX);
    expect(result).toEqual({ ok: false, code: 'invalid', source: 'model', reason: expect.stringContaining('There is no destination "#vip-alerts". Destinations: #cs-escalations (slack)') });
  });

  it('passes on the model\'s own refusal with its reason', async () => {
    const result = await createAi({ model: scripted(json({ verdict: 'ambiguous', reason: 'Two windows: 5 days or 3 days.' })) }).compileRule('x', CTX);
    expect(result).toEqual({ ok: false, code: 'ambiguous', reason: 'Two windows: 5 days or 3 days.', source: 'model' });
  });

  it('falls back to the grammar on a refusal without a reason', async () => {
    const model = scripted(json({ verdict: 'unsupported' }));
    const result = await createAi({ model }).compileRule(sentence, CTX);
    expect(result).toMatchObject({ ok: true, source: 'fallback' });
    expect(model.doGenerateCalls).toHaveLength(2);
  });

  it('refuses an empty or over-long sentence without asking the model', async () => {
    const model = scripted(json(draft));
    const ai = createAi({ model });
    expect(await ai.compileRule('  ', CTX)).toMatchObject({ ok: false, code: 'invalid' });
    expect(await ai.compileRule('flag '.repeat(200), CTX)).toMatchObject({ ok: false, code: 'invalid' });
    expect(model.doGenerateCalls).toHaveLength(0);
  });
});

describe('workers-ai-provider with an AI binding', () => {
  it('runs the task through env.AI.run and reads its JSON', async () => {
    const runs: Array<{ model: string; inputs: Record<string, unknown> }> = [];
    const binding = {
      async run(model: string, inputs: Record<string, unknown>) {
        runs.push({ model, inputs });
        return { response: { score: -0.7, label: 'negative' }, usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } };
      },
    };
    const parsed = parseAiConfig({ AI_PROVIDER: 'workers-ai', AI_MODEL: '@cf/meta/llama-3.1-8b-instruct' }, 'workers');
    if (!parsed.ok) throw new Error('config should parse');
    const model = createLanguageModel(parsed.config, { binding });
    const ai = createAi({ model });
    expect(ai.modelId).toBe('workersai.chat:@cf/meta/llama-3.1-8b-instruct');
    expect(await ai.tone('This is unacceptable')).toEqual({ score: -0.7, label: 'negative', source: 'model' });
    expect(runs).toHaveLength(1);
    expect(runs[0]!.model).toBe('@cf/meta/llama-3.1-8b-instruct');
    expect(runs[0]!.inputs).toMatchObject({ response_format: { type: 'json_schema' } });
    expect(JSON.stringify(runs[0]!.inputs.messages)).toContain('This is unacceptable');
  });

  it('falls back when the binding fails', async () => {
    const binding = { run: async () => Promise.reject(new Error('3040: out of capacity')) };
    const model = createLanguageModel({ provider: 'workers-ai', model: '@cf/meta/llama-3.1-8b-instruct', timeoutMs: 1000, highValueRefund: 1000 }, { binding });
    expect((await createAi({ model }).tone('This is unacceptable')).source).toBe('fallback');
  });
});

describe('an OpenAI-compatible server (llama.cpp, Ollama) over HTTP', () => {
  it('asks with a JSON schema and reads the answer', async () => {
    const bodies: Array<Record<string, unknown>> = [];
    const read = async (req: IncomingMessage) => {
      let data = '';
      for await (const chunk of req) data += String(chunk);
      return JSON.parse(data) as Record<string, unknown>;
    };
    const server = createServer(async (req, res) => {
      bodies.push({ path: req.url, auth: req.headers.authorization, ...(await read(req)) });
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          id: 'c1',
          object: 'chat.completion',
          created: 0,
          model: 'llama3.1:8b',
          choices: [{ index: 0, message: { role: 'assistant', content: '{"score":-0.5,"label":"negative"}' }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const parsed = parseAiConfig({ AI_PROVIDER: 'openai-compatible', AI_BASE_URL: `http://127.0.0.1:${port}/v1`, AI_MODEL: 'llama3.1:8b', AI_API_KEY: 'local-key' });
      if (!parsed.ok) throw new Error('config should parse');
      const ai = createAi({ model: createLanguageModel(parsed.config), timeoutMs: parsed.config.timeoutMs });
      expect(await ai.tone('The export broke again')).toEqual({ score: -0.5, label: 'negative', source: 'model' });
      expect(bodies).toHaveLength(1);
      expect(bodies[0]).toMatchObject({ path: '/v1/chat/completions', auth: 'Bearer local-key', model: 'llama3.1:8b', temperature: 0, response_format: { type: 'json_schema' } });
    } finally {
      server.close();
    }
  });
});
