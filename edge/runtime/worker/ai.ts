// The AI layer on Workers: the same configuration as on Node (AI_PROVIDER and friends, as vars and secrets), with
// the Workers AI binding standing in for an account id and token.
import { createAi, type AiCache, type Ai } from '../../ai';
import { createLanguageModel, parseAiConfig, type AiBinding } from '../../ai/config';
import type { Logger } from '../../app';
import { WorkerConfigError } from './env';

export interface AiBindings {
  /** The Workers AI binding ("ai": { "binding": "AI" } in wrangler.jsonc), for AI_PROVIDER=workers-ai. */
  AI?: AiBinding;
  AI_PROVIDER?: string;
  AI_MODEL?: string;
  AI_BASE_URL?: string;
  AI_API_KEY?: string;
  AI_TIMEOUT_MS?: string;
  AI_HIGH_VALUE_REFUND?: string;
}

/** The AI layer for these bindings; a bad setting is a WorkerConfigError naming the variable. */
export function workerAi(bindings: AiBindings, logger: Logger, cache: AiCache | null = null): { ai: Ai; highValueRefund: number } {
  const parsed = parseAiConfig(bindings as Record<string, unknown>, 'workers');
  if (!parsed.ok) throw new WorkerConfigError(`forestall: the Worker is misconfigured:\n${parsed.problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`);
  const { config } = parsed;
  let model: ReturnType<typeof createLanguageModel>;
  try {
    model = createLanguageModel(config, bindings.AI ? { binding: bindings.AI } : {});
  } catch (e) {
    // workers-ai without the AI binding: a configuration to fix, said as one.
    throw new WorkerConfigError(`forestall: the Worker is misconfigured:\n  AI: ${e instanceof Error ? e.message : String(e)}`);
  }
  const ai = createAi({
    model,
    cache,
    timeoutMs: config.timeoutMs,
    highValueRefund: config.highValueRefund,
    logger: { warn: (message, fields) => logger.error({ msg: message, ...fields }) },
  });
  return { ai, highValueRefund: config.highValueRefund };
}
