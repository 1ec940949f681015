// Evidence lists as a CSM clicks through them: each id once, in the order the events happened.
import type { FactTicket } from '../types';

/** Each id once, first occurrence kept (the inputs are in time order). */
export const unique = (ids: Iterable<string>): string[] => [...new Set(ids)];

/** The requesters of these tickets who are known users (the context looks them up by id). */
export const requesterIds = (tickets: readonly FactTicket[]): string[] => unique(tickets.flatMap((x) => (x.requesterId ? [x.requesterId] : [])));
