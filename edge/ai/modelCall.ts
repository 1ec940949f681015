// How every model call runs: one deadline (AbortSignal) for the task, structured output checked against its zod
// schema and then against the facts it was given, at most one retry, a cache keyed by a hash of the question, and the
// offline answer whenever the model is absent, slow, failing or wrong.
import { generateText, NoObjectGeneratedError, Output } from 'ai';
import type { z } from 'zod';
import type { AiModel } from './config';

/** Where model answers are kept by the hash of their question; the store implements it (SQLite, D1). */
export interface AiCache {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
}

/** Why a task answered offline, for the log. */
export type FallbackReason = 'timeout' | 'error' | 'invalid' | 'ungrounded';

export interface AiLogger {
  warn(message: string, fields: Record<string, unknown>): void;
}

/** One kind of question put to a model, with the checks its answer must pass and the offline answer to it. */
export interface ModelTask<Input, Raw, Result> {
  /** Part of the cache key: a task's answers never serve another task. */
  name: string;
  /** Bump when the prompt or schema changes, so answers to the old prompt are not served from the cache. */
  version: number;
  schema: z.ZodType<Raw>;
  system: string;
  prompt(input: Input): string;
  /** The answer as the caller gets it, or null when it does not hold up against the input (then retry, then fall back). */
  accept(raw: Raw, input: Input): Result | null;
  fallback(input: Input): Result;
}

export interface ModelCallDeps {
  model: AiModel | null;
  cache: AiCache | null;
  timeoutMs: number;
  now: () => number;
  logger: AiLogger;
}

/** At most one retry: a second wrong answer in a row says the model cannot do this one, and the caller is waiting. */
const ATTEMPTS = 2;

export const modelIdOf = (model: AiModel) => `${model.provider}:${model.modelId}`;

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** "ai:tone:v1:<sha-256 of model id and input>": readable enough to expire one task's answers by prefix. */
export async function cacheKey(task: { name: string; version: number }, modelId: string, input: unknown): Promise<string> {
  return `ai:${task.name}:v${task.version}:${await sha256(JSON.stringify([modelId, input]))}`;
}

/** Rejects when the signal aborts, even if the model call ignores it, so a hung provider cannot hold the caller. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** Runs a task against the model, or offline. Never throws: the offline answer is always there. */
export async function runModelTask<Input, Raw, Result>(
  deps: ModelCallDeps,
  task: ModelTask<Input, Raw, Result>,
  input: Input,
): Promise<{ value: Result; source: 'model' | 'fallback' }> {
  const { model } = deps;
  if (!model) return { value: task.fallback(input), source: 'fallback' };
  const modelId = modelIdOf(model);
  const started = deps.now();
  const key = await cacheKey(task, modelId, input);

  if (deps.cache) {
    try {
      const hit = await deps.cache.get(key);
      if (hit !== null) {
        const raw = task.schema.safeParse(JSON.parse(hit));
        const value = raw.success ? task.accept(raw.data, input) : null;
        if (value !== null) return { value, source: 'model' };
      }
    } catch (error) {
      deps.logger.warn('ai: cache read failed', { task: task.name, error: String(error) });
    }
  }

  // One deadline for the whole task: a retry only gets what the first attempt left of it.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`${task.name} took longer than ${deps.timeoutMs} ms`)), deps.timeoutMs);
  let reason: FallbackReason = 'error';
  let detail = '';
  let attempts = 0;
  try {
    while (attempts < ATTEMPTS && !controller.signal.aborted) {
      attempts++;
      try {
        const result = await untilAborted(
          generateText({
            model,
            system: task.system,
            prompt: task.prompt(input),
            output: Output.object({ schema: task.schema }),
            temperature: 0,
            maxRetries: 0,
            abortSignal: controller.signal,
          }),
          controller.signal,
        );
        const value = task.accept(result.output as Raw, input);
        if (value !== null) {
          if (deps.cache) {
            await deps.cache.set(key, JSON.stringify(result.output)).catch((error: unknown) => deps.logger.warn('ai: cache write failed', { task: task.name, error: String(error) }));
          }
          return { value, source: 'model' };
        }
        reason = 'ungrounded';
        detail = 'the answer did not hold up against its input';
      } catch (error) {
        if (controller.signal.aborted) {
          reason = 'timeout';
          detail = String(controller.signal.reason);
          break;
        }
        // The ai package reports unparsable or schema-breaking output as NoObjectGeneratedError.
        reason = NoObjectGeneratedError.isInstance(error) ? 'invalid' : 'error';
        detail = error instanceof Error ? error.message : String(error);
      }
    }
  } finally {
    clearTimeout(timer);
  }
  deps.logger.warn('ai: answered offline', { task: task.name, model: modelId, reason, attempts, ms: deps.now() - started, detail: detail.slice(0, 300) });
  return { value: task.fallback(input), source: 'fallback' };
}
