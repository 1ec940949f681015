// The AI layer: the one place that calls a model. Each task answers from the model when one is configured and its
// answer holds up, and from the offline classifiers, template and grammar otherwise, so callers never need to know.
import type { HandoffSummary } from '../actions/types';
import { DEFAULT_AI_TIMEOUT_MS, type AiModel } from './config';
import { HIGH_VALUE_REFUND } from './fallback/guardrails';
import { compileRuleOffline, MAX_RULE_TEXT } from './fallback/ruleGrammar';
import { modelIdOf, runModelTask, type AiCache, type AiLogger, type ModelCallDeps } from './modelCall';
import { analysisTask, intentTask, toneTask, type ToneResult } from './tasks/message';
import { ruleTask } from './tasks/rule';
import { summaryTask } from './tasks/summary';
import type { Intent, MessageAnalysis, RuleCompileContext, RuleCompileResult } from './types';

export type { AiCache, AiLogger } from './modelCall';
export type { ToneResult } from './tasks/message';
export { analyzeMessageOffline } from './fallback/analysis';
export { createLanguageModel, parseAiConfig, type AiBinding, type AiConfig, type AiConfigProblem, type AiModel } from './config';

export interface CreateAiOptions {
  /** Null (no model configured): every task answers offline. */
  model: AiModel | null;
  /** Model answers by hash of their question; without one, the same question is asked again. */
  cache?: AiCache | null;
  now?: () => number;
  /** The deadline of one task, its retry included. */
  timeoutMs?: number;
  logger?: AiLogger;
  /** Refunds at or above this (major units, any currency) are the high-value-refund guardrail. */
  highValueRefund?: number;
}

export interface Ai {
  /** "provider:model" of the configured model, or null when every answer is offline. */
  readonly modelId: string | null;
  /** The tone of one customer message, -1 … 1. */
  tone(text: string): Promise<ToneResult>;
  /** Tone and guardrails of one customer message (what ingest stores, later refreshed by a model). */
  analyzeMessage(text: string): Promise<MessageAnalysis>;
  /** Topic, desired outcome and guardrails of a ticket or handoff. */
  classify(text: string): Promise<Intent>;
  /** The template summary with its prose rewritten by a model, facts unchanged; the template itself offline. */
  summarize(template: HandoffSummary): Promise<HandoffSummary>;
  /** Plain language → a rule to confirm, or the reason it cannot be one. Saves nothing. */
  compileRule(text: string, ctx: RuleCompileContext): Promise<RuleCompileResult>;
}

const quiet: AiLogger = { warn: () => {} };

export function createAi(options: CreateAiOptions): Ai {
  const threshold = options.highValueRefund ?? HIGH_VALUE_REFUND;
  const deps: ModelCallDeps = {
    model: options.model,
    cache: options.cache ?? null,
    timeoutMs: options.timeoutMs ?? DEFAULT_AI_TIMEOUT_MS,
    now: options.now ?? Date.now,
    logger: options.logger ?? quiet,
  };
  const tasks = { tone: toneTask(), analysis: analysisTask(threshold), intent: intentTask(threshold), summary: summaryTask(), rule: ruleTask() };
  return {
    modelId: options.model ? modelIdOf(options.model) : null,
    tone: async (text) => (await runModelTask(deps, tasks.tone, text)).value,
    analyzeMessage: async (text) => (await runModelTask(deps, tasks.analysis, text)).value,
    classify: async (text) => (await runModelTask(deps, tasks.intent, text)).value,
    summarize: async (template) => (await runModelTask(deps, tasks.summary, template)).value,
    compileRule: async (text, ctx) => {
      // An empty or over-long sentence is refused before any model sees it.
      const trimmed = text.trim();
      if (!trimmed || trimmed.length > MAX_RULE_TEXT) return compileRuleOffline(text, ctx);
      return (await runModelTask(deps, tasks.rule, { text: trimmed, ctx })).value;
    },
  };
}
