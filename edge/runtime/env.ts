// The Node runtime's configuration, read from the environment and validated once at start.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { z } from 'zod';
import { ADDRESS_ALLOWANCES } from '../delivery/addressGuard';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const int = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .pipe(z.number().int().min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`));

export const envSchema = z.object({
  PORT: int('PORT', 1, 65535).default(8787),
  HOST: z.string().trim().min(1, 'HOST must not be empty').default('127.0.0.1'),
  DATA_DIR: z.string().trim().min(1, 'DATA_DIR must not be empty').default(path.join(REPO_ROOT, '.data')),
  /** Per-key rate limit: burst size and sustained requests per second. */
  RATE_LIMIT_BURST: int('RATE_LIMIT_BURST', 1, 10_000_000).optional(),
  RATE_LIMIT_PER_SECOND: int('RATE_LIMIT_PER_SECOND', 1, 10_000_000).optional(),
  /** FULL: every 202 survives power loss. NORMAL: survives a crash of the process, faster on slow disks. */
  SQLITE_SYNCHRONOUS: z.enum(['FULL', 'NORMAL']).default('FULL'),
  /** Request logs on stdout; `off` for benchmarks. */
  LOG_REQUESTS: z.enum(['on', 'off']).default('on'),
  /**
   * Which internal addresses destinations (Slack, webhooks, SMTP, help desks) may resolve to. Default: loopback when
   * the edge listens on loopback (local development and the demo), none otherwise.
   */
  ALLOW_PRIVATE_DESTINATIONS: z.enum(ADDRESS_ALLOWANCES).optional(),
  /**
   * `off`: this process serves requests only, and scores and delivers nothing; for extra processes behind a load
   * balancer, where one process with `on` does the background work for the database they share.
   */
  BACKGROUND: z.enum(['on', 'off']).default('on'),
  /** The edge's public origin, for links to the console in outreach (default: http://HOST:PORT). */
  PUBLIC_URL: z
    .string()
    .url('PUBLIC_URL must be a URL such as https://forestall.example.com')
    .refine((u) => /^https?:\/\//.test(u), 'PUBLIC_URL must be http(s)')
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
});

export type NodeEnv = z.infer<typeof envSchema>;

/** Parses the environment, or explains every bad value and exits 1. */
/** Loopback hosts: an edge listening there is a developer's machine. */
export const isLoopbackHost = (host: string) => /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/i.test(host);

export function readEnv(env: NodeJS.ProcessEnv = process.env): NodeEnv {
  // An empty variable (PORT=) means "not set", as shells and .env files usually intend.
  const present = Object.fromEntries(Object.entries(env).filter(([k, v]) => k in envSchema.shape && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (parsed.success) return { ...parsed.data, DATA_DIR: path.resolve(parsed.data.DATA_DIR) };
  for (const issue of parsed.error.issues) {
    const name = String(issue.path[0] ?? 'environment');
    process.stderr.write(`forestall: bad ${name}=${JSON.stringify(env[name] ?? '')}: ${issue.message}\n`);
  }
  process.exit(1);
}
