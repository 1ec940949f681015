// The store and AI layer of a Node thread, from the AI settings in the environment: the request thread and the
// background thread each build theirs the same way, on their own database connection.
import { analyzeMessageOffline, createAi, type Ai } from '../ai';
import { createLanguageModel, type AiConfig } from '../ai/config';
import type { Logger } from '../app';
import type { EdgeDatabase } from '../db/sqlite';
import { createSqliteStore } from '../db/sqliteStore';
import type { Store } from '../store';

export function nodeStoreAndAi(db: EdgeDatabase, config: AiConfig, logger: Logger): { store: Store; ai: Ai } {
  const { highValueRefund, timeoutMs } = config;
  const now = () => Date.now();
  // Customer messages are read for tone and guardrails as they are stored, offline and in microseconds; a
  // configured model refines those readings later, in the background.
  const store = createSqliteStore(db, { analyzeMessage: (text) => analyzeMessageOffline(text, { highValueRefund }) });
  const ai = createAi({
    model: createLanguageModel(config),
    cache: { get: (k) => store.aiCacheGet(k), set: (k, v) => store.aiCacheSet(k, v, now()) },
    now,
    timeoutMs,
    highValueRefund,
    logger: { warn: (message, fields) => logger.error({ msg: message, ...fields }) },
  });
  return { store, ai };
}
