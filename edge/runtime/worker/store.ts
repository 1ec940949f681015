// The Store on Workers: directory methods read and write D1; every other method runs in the workspace's Durable
// Object, forwarded by name, so a Store method added later works here without code.
import type { Store } from '../../store';
import { createDirectory, DIRECTORY_METHODS, type Directory } from './directory';
import type { WorkerBindings } from './env';
import type { WorkspaceObject } from './workspaceObject';

export function workspaceObject(env: Pick<WorkerBindings, 'WORKSPACES'>, workspaceId: string): DurableObjectStub<WorkspaceObject> {
  return env.WORKSPACES.get(env.WORKSPACES.idFromName(workspaceId));
}

/** Names a Proxy must not answer with a function: awaiting or serialising the store would call them. */
const NOT_METHODS = new Set(['then', 'toJSON', 'constructor']);

export function createWorkerStore(env: Pick<WorkerBindings, 'DB' | 'WORKSPACES'>, now: () => number): Store {
  const directory: Directory = createDirectory(env.DB, {
    now,
    forgetDeliveries: (workspaceId, sourceId) => workspaceObject(env, workspaceId).forgetDeliveries(workspaceId, sourceId),
  });
  const direct = new Set<string>(DIRECTORY_METHODS);
  const forwarders = new Map<string, (...args: unknown[]) => Promise<unknown>>();

  return new Proxy({} as Store, {
    get(_, method) {
      if (typeof method !== 'string' || NOT_METHODS.has(method)) return undefined;
      if (direct.has(method)) return directory[method as keyof Directory];
      let forward = forwarders.get(method);
      if (!forward) {
        forward = (workspaceId: unknown, ...rest: unknown[]) => {
          if (typeof workspaceId !== 'string') {
            return Promise.reject(new TypeError(`Store.${method} takes no workspace id first: list it in DIRECTORY_METHODS and give it a D1 implementation.`));
          }
          return workspaceObject(env, workspaceId).call(method, [workspaceId, ...rest]);
        };
        forwarders.set(method, forward);
      }
      return forward;
    },
  });
}
