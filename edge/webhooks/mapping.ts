// What a webhook payload mapping produces, and the error it throws for a payload it cannot read.
import type { z } from 'zod';
import type { AccountUpsert, TicketUpsert } from '../store';

export type Mapped =
  | { kind: 'changes'; tickets?: TicketUpsert[]; accounts?: AccountUpsert[]; /** The payload's own event id, when it has one. */ deliveryId?: string }
  | { kind: 'ignored'; reason: string };

/** A payload of a kind we map, missing what we need: answered 400 with the paths, so the sender's admin can fix the template. */
export class MappingError extends Error {
  constructor(
    message: string,
    readonly issues: Array<{ path: string; message: string }>,
  ) {
    super(message);
  }
}

export function mappingFailure(error: z.ZodError, what: string, prefix: string[] = []): never {
  throw new MappingError(
    `The ${what} payload is missing fields Forestall needs.`,
    error.issues.slice(0, 20).map((i) => ({ path: [...prefix, ...i.path.map(String)].join('.') || '(root)', message: i.message })),
  );
}
