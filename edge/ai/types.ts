// What the AI layer answers, whether a model or the offline fallback produced it: the shapes the risk engine, the
// rules compiler and the handoff summary read. Types only; the zod schemas for model output live beside each task.
import type { RuleInput } from '../rules/schema';

/** The guardrails of the design: a ticket or handoff that hits one goes to a human, always. */
export const GUARDRAIL_CATEGORIES = [
  'legal_threat',
  'chargeback',
  'privacy',
  'safety',
  'fraud',
  'manager_request',
  'cancellation',
  'high_value_refund',
] as const;
export type GuardrailCategory = (typeof GUARDRAIL_CATEGORIES)[number];

/** One guardrail found in a text, with the words that tripped it (≤ 120 chars) so a human can check it. */
export interface GuardrailHit {
  category: GuardrailCategory;
  evidence: string;
  /** For refunds (and chargebacks when stated): the amount asked for, in major units ("$2,400" → 2400). */
  amount?: number;
  /** ISO 4217 when the text says (USD for "$", EUR for "€", GBP for "£"). */
  currency?: string;
}

export type ToneLabel = 'negative' | 'neutral' | 'positive';

/** The tone of one customer message: -1 (hostile) … 1 (delighted). */
export interface Tone {
  score: number;
  label: ToneLabel;
}

/** What one customer message says about the risk: stored with the message when it arrives. */
export interface MessageAnalysis {
  tone: Tone;
  guardrails: GuardrailHit[];
  /** 'model' when a configured model answered, 'fallback' for the offline classifiers. */
  source: 'model' | 'fallback';
}

/** Intent of a ticket or handoff: what it is about and what the customer wants done. */
export interface Intent {
  /** A short topic such as "billing", "login", "export", "integration", "bug", "how-to", "other". */
  topic: string;
  /** What the customer wants, as a short phrase ("a refund of $2,400", "the CSV export to work"). */
  desiredOutcome: string;
  guardrails: GuardrailHit[];
  source: 'model' | 'fallback';
}

/** What a plain-language rule may refer to: the workspace's tips and destinations, by id or by name. */
export interface RuleCompileContext {
  tips: Array<{ id: string; title: string }>;
  destinations: Array<{ id: string; name: string; kind: string }>;
}

/** Why a sentence did not become a rule: it could mean two things, it would be unsafe to run, it asks for
 * something rules cannot do, or it names something that does not exist (or breaks the schema). */
export type RuleRefusalCode = 'ambiguous' | 'unsafe' | 'unsupported' | 'invalid';

/** Plain language → rule, for a person to confirm before it is saved (nothing is saved by compiling). */
export type RuleCompileResult =
  | { ok: true; rule: RuleInput; restatement: string; warnings: string[]; source: 'model' | 'fallback' }
  | { ok: false; code: RuleRefusalCode; reason: string; source: 'model' | 'fallback' };
