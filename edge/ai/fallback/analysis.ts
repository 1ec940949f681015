// What ingest stores with each customer message when it arrives: tone and guardrails from one offline reading,
// synchronous and cheap, so a model (slow, metered, maybe down) never stands between a ticket and its 202.
import type { MessageAnalysis } from '../types';
import { scanGuardrails, type GuardrailOptions } from './guardrails';
import { toneOffline } from './tone';

export function analyzeMessageOffline(text: string, options: GuardrailOptions = {}): MessageAnalysis {
  const scan = scanGuardrails(text, options);
  return { tone: toneOffline(text, scan), guardrails: scan.hits, source: 'fallback' };
}
