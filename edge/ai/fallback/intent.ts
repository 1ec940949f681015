// The offline intent of a ticket or handoff: its topic from weighted keywords, what the customer wants (what the
// guardrails say first, then their own "I need …" / "can you …", then what the topic implies), and its guardrails.
import type { GuardrailCategory, Intent } from '../types';
import { formatMoney } from './amounts';
import { scanGuardrails, withoutNegated, type GuardrailOptions, type GuardrailScan } from './guardrails';

/** The topics the fallback answers; a model may name others, these are the ones the console groups by. */
export const TOPICS = ['billing', 'login', 'export', 'integration', 'security', 'privacy', 'performance', 'bug', 'account', 'how-to', 'other'] as const;
export type Topic = (typeof TOPICS)[number];

const words = (source: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, 'gu');

/** Keywords per topic. Each distinct keyword found counts once, so one word repeated does not outweigh two. */
const TOPIC_CUES: Record<Exclude<Topic, 'how-to' | 'other'>, RegExp> = {
  billing: words(
    String.raw`invoices?|billing|billed|bills?|charged?|charges|payments?|paid|pay|card|refunds?|refunded|subscriptions?|pricing|prices?|receipts?|vat|tax|w-9|upgrade|downgrade|renew\w*|credits?|discount|quote|contract|trial|chargebacks?|money|cost|annual|monthly|seats|reembolso|remboursement|rückerstattung|suscripción|abonnement|vertrag|kündig\w*|factura|facture|rechnung|fatura|fattura|factuur`,
  ),
  login: words(String.raw`log ?in|login|logged in|sign ?in|password|passwords|2fa|two-factor|mfa|sso|okta|saml|locked out|reset link|authentication|otp|anmelden|contraseña|mot de passe|senha|acessar|acceder|connexion|inloggen|accedere|einloggen`),
  export: words(String.raw`exports?|exporting|exporter|exportador|csv|xlsx|excel|download(?:ing)? (?:the )?(?:report|data)|usage report`),
  integration: words(
    String.raw`integrations?|api|webhooks?|slack|salesforce|zapier|hubspot|zendesk|microsoft teams|sync|syncing|connector|oauth|sdk|endpoint|rate limit|429|import(?:ing)? data|importing`,
  ),
  security: words(String.raw`hacked|phishing|security|soc ?2|compromised|suspicious|unauthori[sz]ed|api keys?|fraud\w*|ip|vulnerabilit\w*|lock the workspace|logged into my account`),
  privacy: words(String.raw`gdpr|privacy|personal data|data protection|dpa|subprocessors?|ccpa|avg|data subject|dsar|data breach|exposed|where our data is stored`),
  performance: words(
    String.raw`slow|slower|latency|lag|laggy|takes forever|loading forever|timeouts?|timing out|spins|speed|faster|outages?|downtime|is down|go down|went down|lento|lent|lente|langsam|minute to load|minutes to load|panne|traag|caída|ausfall|storing`,
  ),
  bug: words(
    String.raw`errors?|bugs?|crash\w*|broken|broke|500|doesn't work|not working|fails?|failing|failed|blank|freez\w*|glitch\w*|wrong|missing|empty|disappears?|duplicat\w*|cut off|sbagliato|no funciona|spins forever`,
  ),
  account: words(
    String.raw`teammates?|new hire|users?|invites?|invited|invitation|permissions?|roles?|admin|owner|ownership|workspace|team members?|email address|account settings|profile|close my account|viewers?|editor role`,
  ),
};

const HOW_TO = /\b(?:how (?:do|can|to|does|should)|is it possible|is there a way|where (?:can|do|is|are)|can (?:i|we)|explain|tutorial|documentation|docs)\b|¿cómo|comment (?:puis|faire)|wie kann/;

/** What a guardrail says about the topic, when the words alone might not. */
const GUARDRAIL_TOPIC: Partial<Record<GuardrailCategory, Topic>> = {
  privacy: 'privacy',
  fraud: 'security',
  chargeback: 'billing',
  high_value_refund: 'billing',
};

// Ties go to the more specific topic: "the CSV export fails" is about export before it is a bug.
const TIE_ORDER: Topic[] = ['security', 'privacy', 'login', 'export', 'integration', 'billing', 'performance', 'bug', 'account'];

export function topicOf(text: string, scan: GuardrailScan): Topic {
  const lower = withoutNegated(text, scan).toLowerCase().replace(/[’‘]/g, "'");
  const score = new Map<Topic, number>();
  for (const [topic, re] of Object.entries(TOPIC_CUES) as Array<[Topic, RegExp]>) {
    const distinct = new Set((lower.match(re) ?? []).map((m) => m.trim()));
    if (distinct.size) score.set(topic, distinct.size);
  }
  for (const hit of scan.hits) {
    const topic = GUARDRAIL_TOPIC[hit.category];
    if (topic) score.set(topic, (score.get(topic) ?? 0) + 2);
  }
  let best: Topic | null = null;
  for (const topic of TIE_ORDER) {
    const s = score.get(topic) ?? 0;
    if (s > 0 && (best === null || s > (score.get(best) ?? 0))) best = topic;
  }
  if (best) return best;
  return HOW_TO.test(lower) ? 'how-to' : 'other';
}

/** The customer's own words for what they want, in the third person: "I need my invoice resent" → "their invoice resent". */
/** The rest of a clause: up to punctuation, where a dot inside an address or a version ("acme.test", "2.1") is not an end. */
const CLAUSE = String.raw`(?:[^,;!?\n.]|\.(?=\S))+`;
const REQUESTS: Array<[RegExp, (x: string) => string]> = [
  [new RegExp(String.raw`\b(?:i|we) (?:really )?(?:want|need|would like|'d like|expect|demand|require)(?: you)? to (${CLAUSE})`), (x) => `to ${x}`],
  [new RegExp(String.raw`\b(?:i|we) (?:really )?(?:want|need|would like|'d like|expect|demand|require) ((?:a|an|the|my|our|this|it|all|some)\b${CLAUSE})`), (x) => x],
  [new RegExp(String.raw`\b(?:can|could|would|will) you (?:please |pls |kindly )?(${CLAUSE})`), (x) => x],
  [new RegExp(String.raw`\b(?:can|could|may) (?:i|we) (?:please )?(?:get|have|receive) (${CLAUSE})`), (x) => x],
  [new RegExp(String.raw`\bhow (?:do|can|should) (?:i|we) (${CLAUSE})`), (x) => `to know how to ${x}`],
  [new RegExp(String.raw`\bis (?:it possible|there a way) to (${CLAUSE})`), (x) => `to know whether they can ${x}`],
  [new RegExp(String.raw`\bwhere (?:can|do) (?:i|we) find (${CLAUSE})`), (x) => `to find ${x}`],
  [new RegExp(String.raw`(?:^|[.!?]\s+)(?:please|pls) (${CLAUSE})`), (x) => x],
];

const THIRD_PERSON: Record<string, string> = { my: 'their', our: 'their', me: 'them', us: 'them', i: 'they', we: 'they', mine: 'theirs', ours: 'theirs', myself: 'themselves', ourselves: 'themselves', "i'm": "they're", "we're": "they're" };

function thirdPerson(phrase: string): string {
  return phrase.replace(/[\p{L}']+/gu, (w) => THIRD_PERSON[w] ?? w);
}

/** A desired outcome is a short phrase; past this it is cut at a word. */
const OUTCOME_MAX = 100;

function clip(phrase: string): string {
  const p = phrase.trim().replace(/\s+/g, ' ');
  if (p.length <= OUTCOME_MAX) return p;
  return `${p.slice(0, p.lastIndexOf(' ', OUTCOME_MAX - 1))}…`;
}

const TOPIC_OUTCOME: Record<Topic, string> = {
  billing: 'their billing question resolved',
  login: 'to get back into their account',
  export: 'the export to work',
  integration: 'the integration to work',
  security: 'their account secured',
  privacy: 'an answer to their data-protection question',
  performance: 'the product to be fast again',
  bug: 'the problem fixed',
  account: 'a change to their account',
  'how-to': 'an answer to their question',
  other: 'a reply from support',
};

const THANKS = /\b(?:thanks|thank you|appreciate it|merci|danke|gracias|grazie|obrigad[oa]|bedankt)\b/;

export function desiredOutcomeOf(text: string, scan: GuardrailScan, topic: Topic): string {
  const lower = withoutNegated(text, scan).toLowerCase().replace(/[’‘]/g, "'");
  const has = (c: GuardrailCategory) => scan.hits.some((h) => h.category === c);
  const refund = scan.refunds.find((r) => r.money) ?? scan.refunds[0];
  if (refund) return refund.money ? `a refund of ${formatMoney(refund.money.amount, refund.money.currency)}` : 'a refund';
  if (has('cancellation')) return 'to cancel their subscription';
  if (has('manager_request')) return 'to speak to a manager';
  if (has('fraud')) return 'their account secured and the unauthorised activity stopped';
  if (has('chargeback')) return 'the disputed charge reversed (they threaten a chargeback)';
  if (has('privacy')) return /\b(?:delete|erase|remove|wipe|verwijderen|löschen|supprimer|borrar)\b/.test(lower) ? 'their personal data deleted' : 'an answer to their data-protection request';
  if (has('safety')) return 'someone may be at risk: a person must respond now';
  if (has('legal_threat')) return 'the issue resolved before they take legal action';
  for (const [re, phrase] of REQUESTS) {
    const m = re.exec(lower);
    if (m?.[1] && m[1].trim().split(/\s+/).length >= 2) return clip(phrase(thirdPerson(m[1])));
  }
  if (topic === 'other' && THANKS.test(lower)) return 'nothing more: they are thanking the team';
  return TOPIC_OUTCOME[topic];
}

/** Topic, desired outcome and guardrails of a ticket or handoff, offline. */
export function classifyOffline(text: string, options: GuardrailOptions = {}): Intent {
  const scan = scanGuardrails(text, options);
  const topic = topicOf(text, scan);
  return { topic, desiredOutcome: desiredOutcomeOf(text, scan, topic), guardrails: scan.hits, source: 'fallback' };
}
