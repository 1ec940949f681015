// The offline guardrail classifier: phrases that put a ticket in front of a human (a legal threat, a chargeback, a
// privacy request, a safety risk, fraud, a manager request, cancellation intent, a high-value refund), matched on
// whole words, in six languages for the commonest ones, and set aside when the writer negates them.
import type { GuardrailCategory, GuardrailHit } from '../types';
import { findMoney, type MoneyMention } from './amounts';

/**
 * A refund at or above this amount (major units, any currency) is high-value: above it most SaaS finance teams want
 * a person to approve, and a wrong automated answer costs more than the ticket.
 */
export const HIGH_VALUE_REFUND = 1000;

/** Evidence is what a human reads to check the hit: the sentence, cut to this many characters around the words. */
export const EVIDENCE_MAX = 120;

export interface GuardrailOptions {
  /** See HIGH_VALUE_REFUND. */
  highValueRefund?: number;
}

interface Cue {
  category: GuardrailCategory | 'refund_request';
  pattern: RegExp;
  /** False for cues that already carry their negation ("we will not renew"). */
  negatable?: boolean;
  /** A last look at the original text, for words that are also names ("Sue from finance"). */
  accept?: (original: string, start: number) => boolean;
}

/**
 * Whole words and phrases: no letter or digit may touch either end, in any script, nor a hyphenated word ("anti-fraud",
 * "scammer-detection", "refund-policy" are about something else).
 */
const cue = (source: string) => new RegExp(`(?<![\\p{L}\\p{N}]|\\p{L}-)(?:${source})(?![\\p{L}\\p{N}]|-\\p{L})`, 'gu');

const PERSON = String.raw`(?:a|an|your|the|some|another|other)\s+(?:manager|supervisor|superior|boss|team lead|higher-up|ceo|cto|coo|vp|director|head of \w+|executive|someone (?:more )?senior|someone in charge|someone higher up)|someone (?:more )?senior|someone in charge`;
const ACCOUNT_OBJECT = String.raw`(?:(?:my|our|the|this|your)\s+)?(?:\w+\s+)?(?:account|subscription|plan|contract|membership|service|license|licence|seats?|renewal|workspace|agreement)`;
const NOT_AN_ACCOUNT = String.raw`(?:a|an|the|this|that|my|our)\s+(?:\w+\s+)?(?:invite|invitation|order|export|import|job|meeting|call|demo|request|run|report|sync|upload|download|booking|appointment|scheduled|email|message|payment)`;

const CUES: Cue[] = [
  // Legal threats: counsel, suits, courts, regulators; not "our legal team" or a DPA, which are paperwork.
  {
    category: 'legal_threat',
    pattern: cue(
      String.raw`lawyers?|attorneys?|solicitors?|legal counsel|legal threats?|(?:to|for|with|involve|involving|inform|informing|notify) (?:your|our|my) legal (?:department|team)|reserv(?:e|es|ing) (?:all )?(?:of )?(?:our|my)? ?rights|sla (?:is |was |has been )?breached|in breach of|law ?suits?|litigation|litigate|legal (?:action|steps|proceedings|recourse|remedies)|class action|cease and desist|breach of contract|small claims|(?:in|to) court|sue|suing|sued|report (?:you|this|your company|it) to (?:the )?(?:ftc|bbb|authorities|regulators?|police|attorney general|consumer protection|trading standards|data protection authority|ico|cnil)|abogad[oa]s?|demandar(?:emos|é)?|avocats?|poursuites? judiciaires?|tribunal|anwalt|anwälte|rechtsanwalt|klage|verklagen|gericht|advogad[oa]s?|avvocat[oi]|advocaat`,
    ),
    // "sue" is a verb after a modal or before its object; otherwise it is likely Sue from finance.
    accept: (original, start) => {
      if (!/^sue\b/i.test(original.slice(start))) return true;
      const before = original.slice(Math.max(0, start - 20), start).toLowerCase();
      const after = original.slice(start + 3, start + 30).toLowerCase();
      return /\b(?:will|to|'ll|would|could|might|shall|can|gonna|and)\s+$/.test(before) || /^\s*(?:you|them|your|the company|us|him|her|over|for|if|unless)\b|^\s*(?:[.!,;]|$)/.test(after);
    },
  },
  {
    category: 'chargeback',
    pattern: cue(
      String.raw`charge[- ]?backs?|(?:dispute|disputing)\s+(?:(?:the|this|these|that|a|my|our|it)\s+)?(?:charges?|payments?|transactions?|it|them)?\s*(?:with|through)\s+(?:my|our|the)\s+(?:bank|card|credit card(?: company)?|card issuer)|(?:disputing|dispute)\s+(?:the|this|these|that|every|all|any)\s+(?:charges?|payments?|transactions?|invoices?)|(?:disputing|dispute)\s+(?:every|all|any|the|this|these)\s+(?:charges?|payments?|transactions?|invoices?)\s+with\s+(?:my|our|the)\s+(?:bank|card|credit card(?: company)?)|(?:report|reporting|reported)\s+(?:this|it|the charge|you)\s+to\s+(?:my|our|the)\s+(?:bank|credit card company|card issuer|card company)|(?:file|open|raise)\s+a\s+dispute|(?:contact|contacting|contacted|call|calling|called|ask|asking|asked|tell|telling|told|inform|informing|informed)\s+(?:my|our)\s+(?:bank|card issuer|credit card company)|contracargos?|rückbuchung|rétrofacturation|estorno`,
    ),
  },
  {
    category: 'privacy',
    pattern: cue(
      String.raw`gdpr|ccpa|cpra|dsgvo|rgpd|lgpd|de avg|data protection (?:request|officer|authority|law|rights)|dpo|data subject (?:access )?requests?|dsar|subject access requests?|right to (?:be forgotten|erasure|access)|(?:delete|erase|remove|wipe)\s+(?:all\s+)?(?:of\s+)?(?:my|our)\s+(?:personal\s+)?(?:data|information|info|records)|delete (?:everything|all (?:my|our) data)|personal (?:data|information)|privacy (?:breach|violation|complaint|concern)|data breach|breach noti(?:ce|fication)|(?:our|my|customer|personal|user)\s+(?:data|information|records)\s+(?:was|were|has been|have been|got)\s+(?:exposed|leaked|breached|stolen|compromised)|(?:leaked|leaking|exposed|exposing)\s+(?:\w+\s+){0,2}?(?:data|emails|information|records)|without (?:my|our) consent|sold (?:my|our) data|datos personales|borrar mis datos|données personnelles|supprimer mes données|personenbezogenen? daten|meine daten löschen|dados pessoais|dati personali|gegevens (?:laten )?verwijderen`,
    ),
  },
  {
    category: 'safety',
    pattern: cue(
      String.raw`(?:kill|hurt|harm|cut)\s+(?:myself|herself|himself|themselves|yourself|you|someone|somebody|people|him|her|them)|suicid\w*|self[- ]harm|end (?:my|his|her|their) (?:own )?life|take (?:my|his|her|their) own life|(?:someone|somebody|people|anyone|a person|workers?|staff|employees|patients?|children|kids)\s+(?:(?:could|might|will|may|can|is going to)\s+(?:get|be)|gets?|got|is|are|was|were)\s+(?:hurt|injured|killed)|injur(?:y|ies|ed)|danger to life|life[- ]threatening|bomb threat|threat of violence|physical(?:ly)? (?:harm|threat|violence)|violence|a gun|weapons?|unsafe|safety (?:issue|hazard|risk|incident|concern)|fire hazard|emergency services|overdose`,
    ),
  },
  {
    category: 'fraud',
    pattern: cue(
      String.raw`fraud|frauds|fraudulent|fraudster|scam|scammed|scammers?|phishing|identity theft|account takeover|(?:account|workspace|login|email|password)\s+(?:was|has been|got|is|were|have been)\s+(?:hacked|compromised|taken over|breached|stolen)|hacked|compromised|someone\s+(?:else\s+)?(?:logged|signed|got)\s+in(?:to)?|unauthori[sz]ed\s+(?:access|charges?|logins?|transactions?|payments?|purchases?|users?|use)|(?:charges?|purchases?|transactions?|logins?|payments?)\s+(?:that\s+)?(?:i|we)\s+(?:did not|didn't|never)\s+(?:make|made|authori[sz]e)|(?:did not|didn't|never)\s+(?:make|authori[sz]e)\s+(?:this|these|that|those)\s+(?:charges?|purchases?|payments?|transactions?)|stolen\s+(?:card|credit card|credentials|password|account)|suspicious\s+(?:login|logins|activity|sign-?ins?)|nobody\s+(?:here\s+)?recogni[sz]es|(?:i|we)\s+(?:don't|do not)\s+recogni[sz]e|(?:someone|somebody)\s+(?:else\s+)?used\s+(?:our|my)\s+(?:card|account|credentials|login|password)|pretend(?:ing|ed|s)? to be|impersonat\w*|(?:\w+\s+)?(?:we|i)\s+never\s+(?:bought|ordered|purchased|made|authori[sz]ed|signed up for)`,
    ),
  },
  {
    category: 'manager_request',
    pattern: cue(
      String.raw`(?:speak|speaking|talk|talking|chat)\s+(?:to|with)\s+(?:${PERSON})|(?:want|need|demand|request|ask|asking|ask for|asking for|get me|give me|put me through to|transfer me to|connect me (?:to|with)|involve|loop in|bring in|pull in|cc)\s+(?:${PERSON})|(?:have|let|get|like)\s+(?:${PERSON})\s+(?:to\s+)?(?:call|contact|email|reach|ring)|escalate\s+(?:this|it|me)?\s*to\s+(?:${PERSON})|(?:manager|supervisor)[,.!]*\s+now|hablar con (?:un|el|su) (?:gerente|supervisor|encargado|responsable)|parler (?:à|au|a) (?:un|votre|le) (?:responsable|manager|supérieur)|(?:ihren|einen) (?:vorgesetzten|manager|chef)|falar com (?:o|um|seu) (?:gerente|supervisor)|parlare con (?:un|il) (?:responsabile|manager|supervisore)`,
    ),
  },
  {
    category: 'cancellation',
    pattern: cue(
      String.raw`cancel\w*\s+(?:of\s+)?${ACCOUNT_OBJECT}|(?:want|wants|wanted|going|plan|planning|decided|decide|about|ready|need|needs|will|'ll|gonna|have|had|like)\s+to\s+cancel(?!\s+${NOT_AN_ACCOUNT})|(?:we|i)(?:'re|'m|\s+are|\s+am)?\s+(?:cancell?ing|terminating|churning)|terminat\w*\s+${ACCOUNT_OBJECT}|(?:close|delete)\s+(?:my|our)\s+(?:account|workspace)|(?:moving|switching|switch|move|migrating|going|leaving)\s+(?:over\s+)?to\s+(?:a|another|one of your)\s+(?:competitor|vendor|provider|tool|platform|solution)|look(?:ing)?\s+(?:at|for)\s+(?:other|another|alternative)\s+(?:vendors?|providers?|tools?|solutions?|options)|look(?:ing)?\s+at\s+alternatives|(?:considering|evaluating)\s+(?:alternatives|competitors|other vendors)|(?:moving|switching|migrating|move|switch|migrate)\s+(?:\w+\s+){0,3}?to\s+(?:a\s+|an\s+)?(?:another|a different|a competing|other|different|competing)\s+(?:\w+'s\s+)?(?:vendor|provider|tool|platform|solution|product|service)s?|(?:evaluating|considering|deciding|thinking about|wondering)\s+whether\s+to\s+(?:stay|renew|continue|keep)|(?:considering|thinking about|thinking of)\s+(?:leaving|switching|cancell?ing|churning|moving on)|reconsider(?:ing)?\s+(?:our|the|my)\s+(?:subscription|contract|renewal|plan)|(?:we are|we're|i am|i'm)\s+done(?=\s+with\s+(?:you|this|it|your)\b|\s*[.!]|\s*$|\s+or\b)|cancelar\s+(?:mi|nuestra|la)?\s*(?:suscripción|cuenta|contrato|plan)|quiero cancelar|résilier|annuler\s+(?:mon|notre)\s+(?:abonnement|compte|contrat)|kündig\w*|cancelar\s+(?:minha|a)\s+(?:assinatura|conta)|disdire|disdetta|opzeggen`,
    ),
  },
  {
    category: 'cancellation',
    negatable: false,
    pattern: cue(
      String.raw`(?:not|won't|will not|don't|do not|no longer|aren't|are not)\s+(?:be\s+)?(?:renew|renewing|going to renew|planning to renew|plan to renew)|(?:(?:don't|do not)\s+(?:think|expect|believe|see)|doubt)\s+(?:that\s+)?(?:we'll|we will|i'll|i will|we|to)\s+(?:be\s+)?renew\w*|unlikely to renew`,
    ),
  },
  // A refund request; it becomes a guardrail only with an amount at or above the threshold.
  {
    category: 'refund_request',
    pattern: cue(
      String.raw`refund(?:s|ed|ing)?(?!\s+(?:tab|page|button|screen|menu|settings|policy|section|field|form|link|report|column|status))|reimburs\w*|(?:our|my) money back|want it back|(?:pay|paying) (?:us|me) back|return (?:our|my) money|rückerstattung|erstattung|remboursement|rembourser|reembolso|reembolsar|rimborso|terugbetaling|geld terug`,
    ),
  },
];

const NEGATORS = new Set(['not', 'no', 'never', 'without', 'nor', 'none', 'nothing', 'pas', 'nicht', 'kein', 'keine', 'nunca', 'jamais', 'não', 'non', 'niet', 'geen']);
/** Words a negation does not count (it reaches past "a", "my", "the"). */
const TRANSPARENT = new Set(['a', 'an', 'the', 'my', 'our', 'your', 'this', 'that', 'any', 'to', 'un', 'une', 'le', 'la', 'el', 'los', 'de', 'den', 'der', 'die', 'das']);
/**
 * A negation reaches a guardrail only across intention and light verbs ("don't want to cancel", "not going to do a
 * chargeback", "no need to involve a manager"); any other word means it negates something else ("if this is not
 * fixed by Friday our attorneys…").
 */
const REACHABLE = new Set(
  `want wants wanting going gonna plan plans planning intend intends intending intention intentions need needs trying try ask asking
   looking look involve involving file filing do doing make making have having get getting be being consider considering think
   thinking seek seeking request requesting threaten threatening threatened mean meant talk talking speak speaking of about for
   with it is was are were just really even ever at all yet actually necessarily currently able willing kind sort would will could
   might shall can should must quiero voulons wollen`.split(/\s+/),
);
/** Where a clause starts again: a negation before it is about something else ("if this isn't fixed, I will sue"). */
const CLAUSE_WORDS = new Set(['but', 'however', 'though', 'although', 'yet', 'unless', 'if', 'or', 'so', 'because', 'otherwise', 'then', 'and', 'pero', 'mais', 'aber', 'mas', 'ma', 'maar']);
const SUBJECTS = new Set(['i', 'we', 'you', 'they', 'he', 'she', "i'll", "we'll", "i'm", "we're", "they'll", "i'd", "we'd"]);
/** "Won't hesitate to sue" and "can't wait to cancel" are threats: these undo the negation before them. */
const UNNEGATE = new Set(['hesitate', 'wait', 'stop', 'rule', 'choice']);
/** "I never said I would sue": a negated saying covers the clause it reports. */
const SAYING = /^(?:said|say|saying|threatened|threaten|meant|mean|claimed|suggested|implied|asked)$/;
const NEGATION_REACH = 4;

const isNegator = (w: string) => NEGATORS.has(w) || w.endsWith("n't");

/**
 * Where the negation of what starts at `start` begins (the "not" of "this is not a legal threat"), or -1 when the
 * words just before it, in the same clause, do not negate it.
 */
function negationStart(lower: string, start: number): number {
  const from = Math.max(0, start - 120);
  const before = lower.slice(from, start);
  const clauseAt = Math.max(...['.', '!', '?', ';', ':', ',', '(', ')', '\n'].map((c) => before.lastIndexOf(c))) + 1;
  const words = [...before.slice(clauseAt).matchAll(/[\p{L}']+/gu)].map((m) => ({ w: m[0], at: from + clauseAt + m.index }));
  let counted = 0;
  for (let i = words.length - 1; i >= 0 && counted < NEGATION_REACH; i--) {
    const { w, at } = words[i]!;
    if (CLAUSE_WORDS.has(w)) return -1;
    if (SUBJECTS.has(w)) {
      // "never said I would sue": look through the subject for a negated verb of saying.
      const verb = words[i - 1];
      const neg = words[i - 2];
      return verb && neg && SAYING.test(verb.w) && isNegator(neg.w) ? neg.at : -1;
    }
    if (isNegator(w)) return words.slice(i + 1).some((x) => UNNEGATE.has(x.w)) ? -1 : at;
    if (TRANSPARENT.has(w)) continue;
    if (!REACHABLE.has(w) && !UNNEGATE.has(w)) return -1;
    counted++;
  }
  return -1;
}

/** The sentence around a match, cut to EVIDENCE_MAX characters around it without splitting words. */
export function evidenceAround(text: string, start: number, end: number): string {
  const sentenceStart = Math.max(...['. ', '! ', '? ', '\n'].map((s) => text.lastIndexOf(s, start - 1)));
  const from = sentenceStart < 0 ? 0 : sentenceStart + 1;
  const stops = ['. ', '! ', '? ', '\n'].map((s) => text.indexOf(s, end)).filter((i) => i >= 0);
  const to = stops.length ? Math.min(...stops) + 1 : text.length;
  const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
  const whole = clean(text.slice(from, to));
  if (whole.length <= EVIDENCE_MAX) return whole;
  const budget = EVIDENCE_MAX - 2; // room for an ellipsis at each end
  let a = Math.max(from, Math.round((start + end) / 2 - budget / 2));
  let b = Math.min(to, a + budget);
  a = Math.max(from, b - budget);
  if (a > from) {
    const space = text.indexOf(' ', a);
    if (space >= 0 && space < start) a = space + 1;
  }
  if (b < to) {
    const space = text.lastIndexOf(' ', b);
    if (space > end) b = space;
  }
  return `${a > from ? '…' : ''}${clean(text.slice(a, b))}${b < to ? '…' : ''}`.slice(0, EVIDENCE_MAX);
}

export interface GuardrailScan {
  hits: GuardrailHit[];
  /** Guardrail phrases with their negation ("not a legal threat", "don't want to cancel"): tone reads them as neutral. */
  negated: Array<{ start: number; end: number }>;
  /** Every refund request with the amount it names, whether or not it is high-value (for the desired outcome). */
  refunds: Array<{ start: number; end: number; money: MoneyMention | null }>;
}

/** The text without what its writer negated, blanked in place: "this isn't a GDPR request" is not about privacy. */
export function withoutNegated(text: string, scan: GuardrailScan): string {
  return scan.negated.reduce((t, { start, end }) => t.slice(0, start) + ' '.repeat(end - start) + t.slice(end), text);
}

/** Lower-cases without changing any character's length, so positions in the copy are positions in the original. */
const lowerInPlace = (text: string) => text.replace(/./gsu, (c) => (c.toLowerCase().length === c.length ? c.toLowerCase() : c));

/** The largest amount in the sentence of [start, end), or else the nearest in the text: a refund is never under-weighed. */
function moneyFor(text: string, money: MoneyMention[], start: number): MoneyMention | null {
  if (money.length === 0) return null;
  const sentence = (i: number) => text.slice(0, i).split(/[.!?\n]\s/).length;
  const here = sentence(start);
  const same = money.filter((m) => sentence(m.start) === here);
  if (same.length) return same.reduce((a, b) => (b.amount > a.amount ? b : a));
  return money.reduce((a, b) => (Math.abs(b.start - start) < Math.abs(a.start - start) ? b : a));
}

export function scanGuardrails(text: string, options: GuardrailOptions = {}): GuardrailScan {
  const threshold = options.highValueRefund ?? HIGH_VALUE_REFUND;
  const lower = lowerInPlace(text.replace(/[’‘]/g, "'"));
  const money = findMoney(text);
  const scan: GuardrailScan = { hits: [], negated: [], refunds: [] };
  const seen = new Set<GuardrailCategory>();
  for (const c of CUES) {
    for (const m of lower.matchAll(c.pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (c.accept && !c.accept(text, start)) continue;
      const negation = c.negatable === false ? -1 : negationStart(lower, start);
      if (negation >= 0) {
        scan.negated.push({ start: negation, end });
        continue;
      }
      if (c.category === 'refund_request') {
        const found = moneyFor(text, money, start);
        scan.refunds.push({ start, end, money: found });
        if (found && found.amount >= threshold && !seen.has('high_value_refund')) {
          seen.add('high_value_refund');
          scan.hits.push(withMoney({ category: 'high_value_refund', evidence: evidenceAround(text, Math.min(start, found.start), Math.max(end, found.end)) }, found));
        }
        continue;
      }
      if (seen.has(c.category)) continue;
      seen.add(c.category);
      const hit: GuardrailHit = { category: c.category, evidence: evidenceAround(text, start, end) };
      const stated = c.category === 'chargeback' ? moneyFor(text, money, start) : null;
      scan.hits.push(stated ? withMoney(hit, stated) : hit);
    }
  }
  return scan;
}

function withMoney(hit: GuardrailHit, money: MoneyMention): GuardrailHit {
  return money.currency ? { ...hit, amount: money.amount, currency: money.currency } : { ...hit, amount: money.amount };
}

/** The guardrails a message hits, one per category, each with its evidence (and amount for refunds and chargebacks). */
export function findGuardrails(text: string, options: GuardrailOptions = {}): GuardrailHit[] {
  return scanGuardrails(text, options).hits;
}
