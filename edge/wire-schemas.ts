// zod schemas for everything the edge accepts, each checked at compile time against the wire types in sdk/wire.ts.
import { riskThresholdsOverrideSchema } from './risk/thresholds';
import { z } from 'zod';
import {
  EVENT_TYPES,
  SIGNAL_TYPES,
  type DetectorOverrides,
  type DiagnosticTrail,
  type EventBatch,
  type FrictionSignal,
  type HandoffRequest,
  type PropValue,
  type RemoteConfig,
  type SdkEvent,
  type Tip,
} from '../sdk/wire';

/** Longest event id: a UUID is 36, so 64 leaves room for prefixed ids without letting ids become payloads. */
export const MAX_ID_LENGTH = 64;
/** User, account, anonymous and session ids come from the host product, which may use longer ids than ours. */
export const MAX_EXTERNAL_ID_LENGTH = 128;
/** Props nest at most this deep: deeper is almost always an accidental object dump, and it bounds recursion. */
export const MAX_PROPS_DEPTH = 10;
/** Longest screen name or path kept; longer paths are junk (tokens, encoded state). */
export const MAX_SCREEN_LENGTH = 512;

const id = z.string().min(1).max(MAX_ID_LENGTH);
const externalId = z.string().min(1).max(MAX_EXTERNAL_ID_LENGTH);
const epochMs = z.number().finite().nonnegative();

const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Checks a props value is plain JSON no deeper than MAX_PROPS_DEPTH and free of keys that mean something to
 * JavaScript objects. Written as a walk rather than a recursive zod schema so the depth limit and the path of
 * the offending key come out in one pass.
 */
function checkProps(value: unknown, ctx: z.RefinementCtx): void {
  const walk = (v: unknown, path: Array<string | number>, depth: number): boolean => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
    if (typeof v === 'number') {
      if (Number.isFinite(v)) return true;
      ctx.addIssue({ code: 'custom', path, message: 'must be a finite number' });
      return false;
    }
    if (typeof v !== 'object') {
      ctx.addIssue({ code: 'custom', path, message: 'must be JSON: string, number, boolean, null, array or object' });
      return false;
    }
    if (depth > MAX_PROPS_DEPTH) {
      ctx.addIssue({ code: 'custom', path, message: `props nest deeper than ${MAX_PROPS_DEPTH} levels` });
      return false;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (!walk(v[i], [...path, i], depth + 1)) return false;
      return true;
    }
    for (const key of Object.keys(v)) {
      if (RESERVED_KEYS.has(key)) {
        ctx.addIssue({ code: 'custom', path: [...path, key], message: `"${key}" is not allowed as a key` });
        return false;
      }
      if (!walk((v as Record<string, unknown>)[key], [...path, key], depth + 1)) return false;
    }
    return true;
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    ctx.addIssue({ code: 'custom', path: [], message: 'must be an object' });
    return;
  }
  walk(value, [], 1);
}

export const propsSchema = z.custom<Record<string, PropValue>>(() => true).superRefine(checkProps);

const signalType = z.enum(SIGNAL_TYPES as [FrictionSignal['type'], ...FrictionSignal['type'][]]);

export const frictionSignalSchema = z.object({
  id,
  type: signalType,
  screen: z.string().max(MAX_SCREEN_LENGTH),
  at: epochMs,
  detail: z.record(
    z.string().max(64),
    z.union([z.string().max(1024), z.number().finite(), z.boolean(), z.array(z.string().max(1024)).max(50)]),
  ),
}) satisfies z.ZodType<FrictionSignal>;

export const sdkEventSchema = z
  .object({
    id,
    type: z.enum(EVENT_TYPES as [SdkEvent['type'], ...SdkEvent['type'][]]),
    at: epochMs,
    anonymousId: externalId,
    sessionId: externalId,
    userId: externalId.optional(),
    accountId: externalId.optional(),
    screen: z.string().max(MAX_SCREEN_LENGTH).optional(),
    name: z.string().min(1).max(200).optional(),
    tipId: id.optional(),
    signal: frictionSignalSchema.optional(),
    props: propsSchema.optional(),
  })
  .superRefine((e, ctx) => {
    if (e.type === 'friction' && !e.signal) ctx.addIssue({ code: 'custom', path: ['signal'], message: 'a friction event carries its signal' });
    if (e.type === 'track' && !e.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'a track event has a name' });
    if (e.type.startsWith('tip_') && !e.tipId) ctx.addIssue({ code: 'custom', path: ['tipId'], message: 'a tip event names its tip' });
  }) satisfies z.ZodType<SdkEvent>;

/** Most events in one batch: the SDK flushes far fewer; the cap bounds one transaction's work. */
export const MAX_EVENTS_PER_BATCH = 500;

export const eventBatchSchema = z.object({
  key: z.string().max(200).optional(),
  sentAt: epochMs,
  events: z.array(sdkEventSchema).min(1, 'a batch has at least one event').max(MAX_EVENTS_PER_BATCH, `at most ${MAX_EVENTS_PER_BATCH} events in a batch`),
}) satisfies z.ZodType<EventBatch>;

const traitScalar = z.union([z.string().max(200), z.number().finite(), z.boolean()]);

const detectorOverride = <T extends z.ZodRawShape>(shape: T) => z.union([z.literal(false), z.object(shape).partial().strict()]);
const positiveInt = z.number().int().positive();

export const detectorOverridesSchema = z
  .object({
    rage_click: detectorOverride({ clicks: positiveInt, intervalMs: positiveInt, radiusPx: positiveInt }),
    dead_click: detectorOverride({ waitMs: positiveInt }),
    screen_cycling: detectorOverride({ windowMs: positiveInt, returns: positiveInt, maxScreens: positiveInt, maxMedianDwellMs: positiveInt }),
    help_seeking: detectorOverride({ windowMs: positiveInt, opens: positiveInt, sameArticleOpens: positiveInt }),
    error_loop: detectorOverride({ windowMs: positiveInt, repeats: positiveInt }),
    form_struggle: detectorOverride({ windowMs: positiveInt, invalidSubmits: positiveInt }),
  })
  .partial()
  .strict() satisfies z.ZodType<DetectorOverrides>;

export const tipSchema = z
  .object({
    id,
    title: z.string().min(1).max(200),
    body: z.string().max(4000),
    articleUrl: z
      .string()
      .max(2048)
      .refine((u) => /^(https?:\/\/|\/(?!\/))/i.test(u), 'must be an http(s) URL or a path starting with /')
      .optional(),
    when: z.object({
      signal: z.union([signalType, z.array(signalType).min(1)]),
      screen: z.string().min(1).max(MAX_SCREEN_LENGTH).optional(),
      traits: z
        .array(
          z.object({
            trait: z.string().min(1).max(100),
            op: z.enum(['eq', 'neq', 'in', 'nin', 'gt', 'gte', 'lt', 'lte', 'exists', 'contains']),
            value: z.union([traitScalar, z.array(traitScalar).max(100)]).optional(),
          }),
        )
        .max(20)
        .optional(),
      newUser: z.boolean().optional(),
    }),
    priority: z.number().int().min(-1000).max(1000),
    cooldownMs: z.number().int().nonnegative(),
    enabled: z.boolean().optional(),
  })
  .strict() satisfies z.ZodType<Tip>;

/** Settings a workspace controls in its remote config. */
export const workspaceSettingsSchema = z
  .object({
    detectors: detectorOverridesSchema,
    limits: z.object({ maxTipsPerSession: z.number().int().min(0).max(100), newUserDays: z.number().int().min(0).max(3650) }).strict(),
    holdoutPercent: z.number().min(0).max(100),
    /** The risk engine's thresholds and points, as overrides of the defaults (edge/risk/thresholds.ts); never sent to the SDK. */
    risk: riskThresholdsOverrideSchema.optional(),
  })
  .strict() satisfies z.ZodType<Omit<RemoteConfig, 'workspaceId' | 'tips'>>;
export type WorkspaceSettings = z.infer<typeof workspaceSettingsSchema>;

/** A help article. The SDK only ever sees search hits (HelpArticleHit), so this shape is the edge's own. */
export const articleSchema = z
  .object({
    id,
    title: z.string().min(1).max(300),
    body: z.string().max(100_000),
    url: z
      .string()
      .max(2048)
      .refine((u) => /^(https?:\/\/|\/(?!\/))/i.test(u), 'must be an http(s) URL or a path starting with /')
      .optional(),
    tags: z.array(z.string().min(1).max(50)).max(20).optional(),
  })
  .strict();
export type Article = z.infer<typeof articleSchema>;

const trailSchema = z.object({
  screens: z.array(z.object({ screen: z.string().max(MAX_SCREEN_LENGTH), at: epochMs })).max(200),
  signals: z.array(frictionSignalSchema).max(100),
  errors: z.array(z.object({ fingerprint: z.string().max(500), at: epochMs, screen: z.string().max(MAX_SCREEN_LENGTH) })).max(100),
  tips: z
    .array(
      z.object({
        tipId: id,
        at: epochMs,
        outcome: z.enum(['shown', 'held_out', 'helpful', 'unhelpful', 'dismissed', 'clicked']),
      }),
    )
    .max(100),
  articles: z.array(z.object({ articleId: z.string().min(1).max(MAX_SCREEN_LENGTH), title: z.string().max(300).optional(), at: epochMs })).max(100),
}) satisfies z.ZodType<DiagnosticTrail>;

/** Largest handoff attachment, base64 characters (≈ 256 KB of file): screenshots, not archives. */
export const MAX_ATTACHMENT_BASE64 = 350_000;

export const handoffRequestSchema = z.object({
  id,
  key: z.string().max(200).optional(),
  anonymousId: externalId,
  sessionId: externalId,
  userId: externalId.optional(),
  accountId: externalId.optional(),
  screen: z.string().max(MAX_SCREEN_LENGTH).optional(),
  answers: z.object({
    tryingTo: z.string().trim().min(1, 'say what you were trying to do').max(4000),
    expected: z.string().trim().max(4000),
    email: z.email().max(320).optional(),
  }),
  attachment: z
    .object({
      name: z.string().min(1).max(200),
      type: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a MIME type').max(100),
      dataBase64: z.string().max(MAX_ATTACHMENT_BASE64).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
    })
    .optional(),
  trail: trailSchema,
  at: epochMs,
}) satisfies z.ZodType<HandoffRequest>;

// The other direction: every value the wire types allow passes the schemas' static input types, so a field
// added to sdk/wire.ts without a schema change fails the type check here.
type Assignable<From, To> = [From] extends [To] ? true : false;
type Expect<T extends true> = T;
export type WireSchemaChecks = [
  Expect<Assignable<SdkEvent, z.input<typeof sdkEventSchema>>>,
  Expect<Assignable<EventBatch, z.input<typeof eventBatchSchema>>>,
  Expect<Assignable<Tip, z.input<typeof tipSchema>>>,
  Expect<Assignable<HandoffRequest, z.input<typeof handoffRequestSchema>>>,
  Expect<Assignable<DetectorOverrides, z.input<typeof detectorOverridesSchema>>>,
  Expect<Assignable<keyof SdkEvent, keyof z.output<typeof sdkEventSchema>>>,
  Expect<Assignable<keyof HandoffRequest, keyof z.output<typeof handoffRequestSchema>>>,
  Expect<Assignable<keyof Tip, keyof z.output<typeof tipSchema>>>,
];
