// The offline tone of a customer message: VADER (negation, boosters, capitals, "but") read through the language of
// support tickets, where "please", "help" and "support" are courtesy, "not working" is a complaint and "Great,
// another outage" is sarcasm; a small glossary lets it read the commonest words of six other languages.
import vader from 'vader-sentiment';
import type { GuardrailCategory, Tone, ToneLabel } from '../types';
import { scanGuardrails, withoutNegated, type GuardrailScan } from './guardrails';

/**
 * Cut-offs on the score. VADER's own ±0.05 suits tweets; support messages are wrapped in courtesy ("thanks",
 * "appreciate it") that leaves a calm request around +0.2 even after the formulas are stripped, and a complaint
 * rarely says more than one negative word, so a single "problem" (≈ -0.4) must already read as negative.
 */
export const NEGATIVE_AT_OR_BELOW = -0.2;
export const POSITIVE_AT_OR_ABOVE = 0.35;

export function toneLabel(score: number): ToneLabel {
  if (score <= NEGATIVE_AT_OR_BELOW) return 'negative';
  if (score >= POSITIVE_AT_OR_ABOVE) return 'positive';
  return 'neutral';
}

/** How much of a negative reading survives when the writer says it is minor ("no rush", "not a big deal"). */
const SOFTENED = 0.3;

/**
 * A message that threatens (to sue, to charge back, to leave, to go over the agent's head) is negative however
 * politely it is put: its score is at most this. Privacy requests, refunds and safety reports are not threats.
 */
export const THREAT_CEILING = -0.3;
const THREATS: ReadonlySet<GuardrailCategory> = new Set(['legal_threat', 'chargeback', 'fraud', 'manager_request', 'cancellation']);

type Rewrite = [pattern: RegExp, replacement: string];

// Proxies VADER already knows, so a support complaint carries a complaint's weight and negation still applies
// ("it is not broken" stays positive-ish): "broken" ≈ -2.1, "problem" ≈ -1.7, "good" ≈ +1.9.
const BROKEN = ' broken ';
const PROBLEM = ' problem ';
const GOOD = ' good ';

const NEGATED_VERB = String.raw`(?:not|never|no longer|nothing|isn't|is not|aren't|are not|doesn't|does not|don't|do not|didn't|did not|won't|will not|stopped|stops|keeps failing to)`;

/** Support idiom → VADER proxy, in order: resolutions first so "working again" is never read as a repeat failure. */
const SUPPORT_IDIOMS: Rewrite[] = [
  [/\b(?:works?|working|fine|sorted|fixed|resolved|solved|back up)\s+(?:now|again)\b/g, GOOD],
  [/\b(?:is|are|was|got|has been|have been|it's)\s+(?:fixed|sorted|resolved|solved)\b/g, GOOD],
  [/\bno (?:complaints?|issues?|problems?|trouble|errors?|hiccups?)(?: (?:here|at all|so far|since))?\b|\b(?:runs?|running|ran|works?|working|worked) (?:smoothly|flawlessly|perfectly|like a charm)\b/g, GOOD],
  [new RegExp(String.raw`\b${NEGATED_VERB}\s+(?:\w+\s+){0,2}?(?:work|works|working|load|loads|loading|sync|syncing|post|posting|send|sending|update|updating|show|showing|save|saving|open|opening|answer|answers|answered|help|helps|helped|fix|fixes|fixed|solve|solves|solved|log ?in|login|sign ?in|access|connect|arrive|arrives|arrived|come|comes|came|appear|appears|appeared|respond|responds|responded)\b`, 'g'), BROKEN],
  [/\b(?:want|need)s?\s+(?:it|this|them|that)\s+to\s+(?:work|be fixed)\b/g, PROBLEM],
  [/\b(?:drops?|dropped|dropping|disappears?|disappeared|vanish(?:es|ed)?|duplicat(?:es|ed|ing)|missing)\b/g, PROBLEM],
  [/\b(?:wiped|erased|deleted|corrupted|overwrote|overwritten|scrambled)\s+(?:out\s+)?(?:our|my|the|all|every)\b/g, BROKEN],
  [/\btakes?\s+(?:almost\s+|about\s+|over\s+|more than\s+|nearly\s+)?(?:a|an|\d+|several|many)\s+(?:seconds?|minutes?|hours?)\s+to\s+(?:load|open|save|export|run|sync|respond)\b/g, PROBLEM],
  [/\b(?:can't|cannot|can not|couldn't|could not|unable to)\s+(?:\w+\s+)?(?:log ?in|login|sign ?in|access|open|see|use|export|save|download|upload|connect|get in)\b/g, PROBLEM],
  [/\b(?:locked out|lock(?:ed)? (?:me|us) out)\b/g, PROBLEM],
  [/\b(?:outages?|downtime|went down|goes down|go down|is down|are down|was down|crash(?:es|ed|ing)?|unusable|useless|data loss)\b/g, BROKEN],
  [/\b(?:bugs?|buggy|glitch(?:es|y)?|blank|spins forever|spinning forever|loading forever|takes forever|freez(?:es|ing)|frozen|times out|timed out|timing out|slow|slower|sluggish|laggy|lags)\b/g, PROBLEM],
  [/\b(?:no one|nobody|no-one)\s+(?:has\s+|have\s+)?(?:replied|answered|responded|reads?|helped|got back)\b/g, BROKEN],
  [/\b(?:no (?:reply|response|answer)|without (?:a |any )?(?:fix|reply|response|answer)|still (?:not|no|broken|failing|empty|missing|waiting))\b/g, BROKEN],
  [/\b(?:for the )?(?:second|third|fourth|fifth|\d+(?:nd|rd|th)) time\b/g, PROBLEM],
  [/\b(?:over|double|twice)[- ]?(?:charged|billed|charges?)\b|\b(?:charged|billed) twice\b/g, PROBLEM],
];

/** Courtesy and product words that VADER scores as feelings but that say nothing about this writer's mood. */
const COURTESY: Rewrite[] = [
  [/^\s*(?:ok|okay|k|thanks|thank you|thx|got it|noted)[\s,.!]*(?:thanks|thank you|thx)?[\s.!]*$/g, ' '],
  [/^\s*(?:hi|hello|hey|dear|good (?:morning|afternoon))\b(?:\s+(?:team|there|all|folks|everyone|support))?[,!.]?/g, ' '],
  [/\b(?:thanks|thank you|many thanks|thx)\s+in advance\b/g, ' '],
  [/\bany help (?:would be |is )?(?:much |greatly |really )?appreciated\b/g, ' '],
  [/\b(?:kind|best|warm|warmest)\s+regards\b|\bregards\b|\bcheers\s*[.!]?\s*$/g, ' '],
  [/\bwould be (?:great|nice|awesome|good|helpful|amazing|wonderful|appreciated|lovely)\b/g, ' '],
  [/\b(?:would|'d) (?:like|love)\b/g, ' want '],
  [/\bfeel free\b|\bas well(?: as)?\b|\b(?:make|making|not) sure\b/g, ' '],
  [/\b(?:i|we) hope\b/g, ' '],
  // Product words VADER reads as feelings: Excel, a cancel button, the Safety Stock column, credit, security reviews.
  [/\b(?:please|pls|plz|urgent|urgently|support|help|legal|security|secure|safety|safe|credit|premium|excel|cancel|cancels|cancelled|canceled|cancelling|canceling|cancellation|free (?:plan|trial|tier|version))\b/g, ' '],
  [/\b(?:click|press|hit|clicking|pressing|hitting)\s+(?:the\s+)?save\b/g, ' click '],
];

const SOFTENERS = /\b(?:not a big deal|no big deal|no rush|nothing urgent|not urgent|small thing|minor (?:issue|thing|bug|problem)|just a (?:quick )?question|no worries|low priority|when you (?:get|have) a (?:chance|moment|minute))\b/;

// Sarcasm is praise in the places people put it ("Great, another outage", "…again. Just great.", "Love how I have to
// log in five times") in a message that also complains, unless it also says something got fixed.
const PRAISE_WORD = String.raw`(?:great|wonderful|fantastic|perfect|brilliant|amazing|awesome|nice|lovely|terrific|superb|impressive|wow|love it|classic|sure)`;
const SARCASM_FRAMES = [
  // an interjection opening a sentence: "Great, …", "Oh wonderful, …", "Perfect timing for …"
  new RegExp(String.raw`(?:^|[.!?]\s+)(?:oh\s+|wow\s*,?\s*|absolutely\s+|just\s+|really\s+|how\s+|so\s+)?${PRAISE_WORD}(?=\s*[,.!]|\s+timing)`, 'g'),
  // a short closing verdict after the complaint: "Just great.", "Really impressive work.", "Love it."
  new RegExp(String.raw`[.!?]\s+(?:just\s+|really\s+|simply\s+|so\s+)?${PRAISE_WORD}(?:\s+\w+)?\s*[.!]*\s*$`, 'g'),
  /\b(?:love (?:how|that|it when)|so glad (?:i|we)|thanks for nothing|yeah,? (?:right|sure))\b/g,
];
const PRAISE = new RegExp(String.raw`\b(?:${PRAISE_WORD}|love|glad|thanks|yeah|absolutely)\b`, 'g');
const COMPLAINT_CUES = /\b(?:problem|blame|blaming|broke|broken|breaks|down|outage|crash\w*|bugs?|errors?|fail\w*|again|twice|another|worse|blank|empty|lost|missing|still|a whole (?:day|week|month)|an entire|have to|had to|bot|overcharged|billed|no one|nobody|never|nothing|keeps?|every time|every \w+ (?:seconds|minutes|hours)|(?:logs?|kicks?|locks?) (?:me|us) out)\b|"[^"]{1,30}"/;
const RESOLVED = /\b(?:works? now|working (?:now|again)|fixed|sorted|resolved|solved|back up)\b/;

/** Whole words in any script: `\b` is ASCII-only and would not end "está" or start "è". */
const words = (alternatives: string) => new RegExp(`(?<!\\p{L})(?:${alternatives})(?!\\p{L})`, 'gu');

// The commonest sentiment and function words of other languages our customers write in, mapped to English words
// VADER knows; each applies only when the message reads as that language, so English "toll" or "male" stay English.
const GLOSSARIES: Record<string, { markers: RegExp; words: Record<string, string> }> = {
  es: {
    markers: words(`el|los|las|del|que|es|por|mi|con|para|una|desde|muy|pero|quiero|está|no funciona|gracias`),
    words: {
      gracias: 'thanks', excelente: 'excellent', genial: 'great', bueno: 'good', buena: 'good', malo: 'bad', mala: 'bad', pésimo: 'awful', pésima: 'awful',
      horrible: 'horrible', terrible: 'terrible', inaceptable: 'unacceptable', decepcionado: 'disappointed', decepcionada: 'disappointed', frustrado: 'frustrated',
      frustrada: 'frustrated', enojado: 'angry', enojada: 'angry', feliz: 'happy', perfecto: 'perfect', encanta: 'love', odio: 'hate', problema: 'problem',
      nunca: 'never', muy: 'very', funciona: 'works', lento: 'slow', lenta: 'slow', roto: 'broken', ayuda: 'help', urgente: 'urgent', nada: 'nothing',
    },
  },
  fr: {
    markers: words(`le|les|des|est|je|nous|pas|tout|une|pour|avec|très|mais|merci|ne|rien|vous`),
    words: {
      merci: 'thanks', excellent: 'excellent', génial: 'great', bien: 'good', mal: 'bad', nul: 'awful', nulle: 'awful', horrible: 'horrible', terrible: 'terrible',
      inacceptable: 'unacceptable', déçu: 'disappointed', déçue: 'disappointed', frustré: 'frustrated', frustrée: 'frustrated', furieux: 'furious', content: 'happy',
      contente: 'happy', parfait: 'perfect', adore: 'love', déteste: 'hate', pas: 'not', jamais: 'never', très: 'very', fonctionne: 'works', marche: 'works',
      lent: 'slow', lente: 'slow', cassé: 'broken', problème: 'problem', erreur: 'error', aide: 'help', rien: 'nothing', ne: '', panne: 'outage',
      inadmissible: 'unacceptable', bloqué: 'blocked', impossible: 'impossible', pain: 'bread', peux: 'can', pouvons: 'can',
    },
  },
  de: {
    markers: words(`ich|und|der|die|das|ist|nicht|wir|mich|sie|mit|für|zum|ein|eine|seit|danke|sehr|mehr`),
    words: {
      danke: 'thanks', toll: 'great', super: 'great', gut: 'good', schlecht: 'bad', schrecklich: 'terrible', furchtbar: 'awful', inakzeptabel: 'unacceptable',
      unakzeptabel: 'unacceptable', enttäuscht: 'disappointed', frustriert: 'frustrated', wütend: 'angry', zufrieden: 'satisfied', perfekt: 'perfect',
      liebe: 'love', hasse: 'hate', nicht: 'not', kein: 'no', keine: 'no', nie: 'never', niemals: 'never', sehr: 'very', funktioniert: 'works', langsam: 'slow',
      kaputt: 'broken', problem: 'problem', fehler: 'error', hilfe: 'help', leider: 'unfortunately', mehr: 'longer', anmelden: 'log in', einloggen: 'log in',
      // German words that are English sentiment words ("die", "gift", "hell") mean nothing of the kind here.
      die: 'the', gift: 'present', hell: 'bright', schnelle: 'quick', ausfall: 'outage', ärgerlich: 'annoying', kann: 'can', können: 'can',
    },
  },
  pt: {
    markers: words(`os|não|pela|pelo|uma|para|com|muito|obrigado|obrigada|está|isso|minha|meu|você|vocês|nosso|nossa|ontem`),
    words: {
      obrigado: 'thanks', obrigada: 'thanks', excelente: 'excellent', ótimo: 'great', ótima: 'great', bom: 'good', boa: 'good', ruim: 'bad', péssimo: 'awful',
      horrível: 'horrible', inaceitável: 'unacceptable', decepcionado: 'disappointed', não: 'not', nunca: 'never', muito: 'very', funciona: 'works',
      lento: 'slow', ajuda: 'help', problema: 'problem', consigo: 'can', conseguimos: 'can', acessar: 'access', entrar: 'log in', fora: 'down',
    },
  },
  it: {
    markers: words(`il|lo|gli|di|che|è|non|per|una|molto|grazie|sono|della|nuovo`),
    words: {
      grazie: 'thanks', ottimo: 'great', perfetto: 'perfect', buono: 'good', pessimo: 'awful', terribile: 'terrible', inaccettabile: 'unacceptable',
      deludente: 'disappointing', deluso: 'disappointed', delusa: 'disappointed', non: 'not', mai: 'never', molto: 'very', funziona: 'works', lento: 'slow',
      sbagliato: 'wrong', sbagliata: 'wrong', problema: 'problem', errore: 'error', aiuto: 'help',
    },
  },
  nl: {
    markers: words(`het|een|niet|wij|onze|van|volgens|ik|zijn|werkt|bedankt|heel|laten`),
    words: {
      bedankt: 'thanks', dank: 'thanks', geweldig: 'great', goed: 'good', slecht: 'bad', vreselijk: 'terrible', teleurgesteld: 'disappointed', niet: 'not',
      nooit: 'never', heel: 'very', zeer: 'very', werkt: 'works', traag: 'slow', kapot: 'broken', probleem: 'problem', fout: 'error', die: 'that',
      storing: 'outage', kan: 'can',
    },
  },
};
const ENGLISH_MARKERS = words('the|and|is|to|of|it|i|we|you|this|that|for|on|with|my|our|not|have|was|are');

const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0;

/** Rewrites the words of the message's language into English, or returns it as it is when it reads as English. */
function readAsEnglish(lower: string): string {
  let best: string | null = null;
  let bestHits = count(lower, ENGLISH_MARKERS);
  for (const [lang, g] of Object.entries(GLOSSARIES)) {
    const hits = count(lower, g.markers);
    if (hits > bestHits) {
      best = lang;
      bestHits = hits;
    }
  }
  if (best === null) return lower;
  const glossary = GLOSSARIES[best]!.words;
  const english = lower.replace(/[\p{L}']+/gu, (w) => glossary[w] ?? w);
  // German, Dutch and French put the negation after the verb ("werkt niet", "funktioniert nicht", "marche pas");
  // VADER looks for it before, so it moves in front of the word it follows.
  return best === 'de' || best === 'nl' || best === 'fr' ? english.replace(/([\p{L}']+) not\b/gu, 'not $1') : english;
}

function rewrite(text: string, rules: Rewrite[]): string {
  return rules.reduce((t, [re, to]) => t.replace(re, to), text);
}

/** `said` is the message as written (for "works now"), `text` the same after the support idioms were rewritten. */
function unmaskSarcasm(text: string, said: string): string {
  if (RESOLVED.test(said) || !COMPLAINT_CUES.test(text)) return text;
  return SARCASM_FRAMES.reduce((t, frame) => t.replace(frame, (m) => m.replace(PRAISE, 'awful')), text);
}

/** Tone from -1 (hostile) to 1 (delighted), with its label. Pure and synchronous: ingest calls it on every message. */
export function toneOffline(text: string, scan: GuardrailScan = scanGuardrails(text)): Tone {
  // "This is not a legal threat" is a clarification: VADER would read the negated threat as praise.
  const lower = withoutNegated(text, scan).replace(/[’‘]/g, "'").toLowerCase();
  const english = readAsEnglish(lower);
  const read = unmaskSarcasm(rewrite(rewrite(english, SUPPORT_IDIOMS), COURTESY), english);
  // The JS port of VADER misses a word with punctuation stuck to it ("unacceptable!!!"); the "!" still counts apart.
  const spaced = emphasise(read, text).replace(/([\p{L}])([!?.,;:]+)/gu, '$1 $2');
  let score = vader.SentimentIntensityAnalyzer.polarity_scores(spaced).compound;
  if (score < 0 && SOFTENERS.test(lower)) score *= SOFTENED;
  if (scan.hits.some((h) => THREATS.has(h.category))) score = Math.min(score, THREAT_CEILING);
  score = Math.max(-1, Math.min(1, Math.round(score * 1000) / 1000));
  return { score, label: toneLabel(score) };
}

/**
 * VADER stresses a word written in capitals among lower-case ones, so those words get their capitals back after the
 * (lower-case) rewrites; a message written entirely in capitals is shouting as a whole, read as two more "!".
 */
function emphasise(read: string, original: string): string {
  const letters = original.replace(/[^\p{L}]/gu, '');
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
  if (letters.length >= 8 && upper / letters.length > 0.7) return `${read}!!`;
  const shouted = new Set((original.match(/\b\p{Lu}{2,}\b/gu) ?? []).map((w) => w.toLowerCase()));
  if (shouted.size === 0) return read;
  return read.replace(/[\p{L}']+/gu, (w) => (shouted.has(w) ? w.toUpperCase() : w));
}
