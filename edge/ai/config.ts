// The AI layer's configuration, read from the environment and validated once at start, and the language model it
// names: none (the default: every task runs offline), any OpenAI-compatible server, or Workers AI.
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel } from 'ai';
import { createWorkersAI, type WorkersAISettings } from 'workers-ai-provider';
import { z } from 'zod';
import { HIGH_VALUE_REFUND } from './fallback/guardrails';

export const AI_PROVIDERS = ['none', 'openai-compatible', 'workers-ai'] as const;
export type AiProvider = (typeof AI_PROVIDERS)[number];

/**
 * How long one task may wait for a model, its retry included, before the offline answer stands in. A small local
 * model answers a classification in 1–3 s; past 8 s a person waiting on a compile preview has given up on it.
 */
export const DEFAULT_AI_TIMEOUT_MS = 8_000;

/** A model the `ai` package can call (not a bare id string, which would route through Vercel's gateway). */
export type AiModel = Exclude<LanguageModel, string>;

/** The Workers AI binding (`env.AI`), as workers-ai-provider takes it. */
export type AiBinding = Extract<WorkersAISettings, { binding: unknown }>['binding'];

interface Common {
  timeoutMs: number;
  /** Refunds at or above this (major units) are the high-value-refund guardrail. */
  highValueRefund: number;
}
export type AiConfig =
  | ({ provider: 'none' } & Common)
  | ({ provider: 'openai-compatible'; baseUrl: string; model: string; apiKey?: string } & Common)
  | ({ provider: 'workers-ai'; model: string; accountId?: string; apiToken?: string } & Common);

export interface AiConfigProblem {
  variable: string;
  message: string;
}

const int = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .pipe(z.number().int().min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`));

export const aiEnvSchema = z.object({
  AI_PROVIDER: z.enum(AI_PROVIDERS, { error: `AI_PROVIDER must be one of: ${AI_PROVIDERS.join(', ')}` }).default('none'),
  AI_BASE_URL: z.url({ protocol: /^https?$/, error: 'AI_BASE_URL must be an http(s) URL, such as http://127.0.0.1:11434/v1 for Ollama' }).optional(),
  AI_MODEL: z.string().trim().min(1).max(200, 'AI_MODEL must be at most 200 characters').optional(),
  AI_API_KEY: z.string().trim().min(1).optional(),
  CF_ACCOUNT_ID: z.string().trim().regex(/^[0-9a-f]{32}$/i, 'CF_ACCOUNT_ID must be the 32-character hex id of the Cloudflare account').optional(),
  CF_API_TOKEN: z.string().trim().min(1).optional(),
  AI_TIMEOUT_MS: int('AI_TIMEOUT_MS', 100, 120_000).default(DEFAULT_AI_TIMEOUT_MS),
  AI_HIGH_VALUE_REFUND: int('AI_HIGH_VALUE_REFUND', 1, 100_000_000).default(HIGH_VALUE_REFUND),
});

/**
 * Reads the AI variables of an environment (process.env on Node, the Worker's env). An empty variable counts as not
 * set. On Workers (`runtime: 'workers'`) the AI binding stands in for CF_ACCOUNT_ID and CF_API_TOKEN.
 */
export function parseAiConfig(
  env: Record<string, unknown>,
  runtime: 'node' | 'workers' = 'node',
): { ok: true; config: AiConfig } | { ok: false; problems: AiConfigProblem[] } {
  const present = Object.fromEntries(Object.entries(env).filter(([k, v]) => k in aiEnvSchema.shape && typeof v === 'string' && v.trim() !== ''));
  const parsed = aiEnvSchema.safeParse(present);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => ({ variable: String(i.path[0] ?? 'environment'), message: i.message })) };
  }
  const e = parsed.data;
  const common: Common = { timeoutMs: e.AI_TIMEOUT_MS, highValueRefund: e.AI_HIGH_VALUE_REFUND };
  const problems: AiConfigProblem[] = [];
  const need = (variable: keyof typeof e, why: string) => {
    if (e[variable] === undefined) problems.push({ variable, message: `${variable} is required when ${why}` });
  };
  switch (e.AI_PROVIDER) {
    case 'none':
      return { ok: true, config: { provider: 'none', ...common } };
    case 'openai-compatible':
      need('AI_BASE_URL', 'AI_PROVIDER=openai-compatible (the server\'s /v1 URL, e.g. http://127.0.0.1:8080/v1 for llama.cpp)');
      need('AI_MODEL', 'AI_PROVIDER=openai-compatible (the model name the server knows, e.g. llama3.1:8b)');
      if (problems.length) return { ok: false, problems };
      return { ok: true, config: { provider: 'openai-compatible', baseUrl: e.AI_BASE_URL!, model: e.AI_MODEL!, ...(e.AI_API_KEY ? { apiKey: e.AI_API_KEY } : {}), ...common } };
    case 'workers-ai':
      need('AI_MODEL', 'AI_PROVIDER=workers-ai (a Workers AI model id, e.g. @cf/meta/llama-3.1-8b-instruct)');
      if (runtime === 'node') {
        need('CF_ACCOUNT_ID', 'AI_PROVIDER=workers-ai on Node (Workers AI is reached over its REST API)');
        need('CF_API_TOKEN', 'AI_PROVIDER=workers-ai on Node (an API token with Workers AI read permission)');
      }
      if (problems.length) return { ok: false, problems };
      return {
        ok: true,
        config: { provider: 'workers-ai', model: e.AI_MODEL!, ...(e.CF_ACCOUNT_ID ? { accountId: e.CF_ACCOUNT_ID, apiToken: e.CF_API_TOKEN! } : {}), ...common },
      };
  }
}

/**
 * The model the configuration names, or null when it names none. On Workers pass the AI binding; elsewhere Workers AI
 * is reached over REST with the account id and token.
 */
export function createLanguageModel(config: AiConfig, runtime: { binding?: AiBinding } = {}): AiModel | null {
  switch (config.provider) {
    case 'none':
      return null;
    case 'openai-compatible':
      // llama.cpp, Ollama, vLLM and LM Studio all take a JSON schema as response_format, which keeps small models on it.
      return createOpenAICompatible({ name: 'openai-compatible', baseURL: config.baseUrl, apiKey: config.apiKey, supportsStructuredOutputs: true }).chatModel(config.model);
    case 'workers-ai': {
      if (runtime.binding) return createWorkersAI({ binding: runtime.binding })(config.model);
      if (!config.accountId || !config.apiToken) {
        throw new Error('AI_PROVIDER=workers-ai needs the AI binding on Workers, or CF_ACCOUNT_ID and CF_API_TOKEN elsewhere');
      }
      return createWorkersAI({ accountId: config.accountId, apiKey: config.apiToken })(config.model);
    }
  }
}
