// The script-tag entry: replaces the `forestall(...)` stub, replays the calls queued before load, and guards double inclusion.
import { createForestall, type Forestall, type ForestallOptions } from './client';

type Call = ArrayLike<unknown>;
interface Stub {
  (...args: unknown[]): unknown;
  q?: Call[];
  loaded?: boolean;
}

const w = window as unknown as { forestall?: Stub };

if (!(w.forestall && w.forestall.loaded)) {
  const pending: Call[] = [];
  let instance: Forestall | null = null;

  const dispatch: Stub = function (...args: unknown[]): unknown {
    try {
      const method = args[0];
      if (method === 'init') {
        if (instance) {
          console.warn('[forestall] init called twice; the second call is ignored');
          return;
        }
        instance = createForestall(args[1] as ForestallOptions);
        // Calls made before init (identify, track…) run now, in the order they were made.
        for (const call of pending.splice(0)) dispatch(...Array.from(call));
        return;
      }
      if (!instance) {
        // Bounded: a page that never calls init must not grow this forever.
        if (pending.length < 100) pending.push(args);
        return;
      }
      const fn = typeof method === 'string' && method !== 'constructor' ? (instance as unknown as Record<string, unknown>)[method] : undefined;
      if (typeof fn !== 'function' || !Object.prototype.hasOwnProperty.call(instance, method as string)) {
        console.warn('[forestall] unknown method', method);
        return;
      }
      return (fn as (...a: unknown[]) => unknown)(...args.slice(1));
    } catch {
      // The stub's contract: nothing reaches the host page.
    }
  };
  dispatch.loaded = true;
  const queued = (w.forestall && w.forestall.q) || [];
  w.forestall = dispatch;
  for (const call of queued) dispatch(...Array.from(call));
}
