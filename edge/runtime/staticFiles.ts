// StaticFiles on the local file system, for the Node runtime.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { StaticFiles } from '../http/context';

/** Files under a root directory, never outside it (the app already refuses odd paths; this is the second lock). */
export function nodeStaticFiles(roots: Record<'sdk' | 'demo', string>): StaticFiles {
  return {
    async read(root, relative) {
      const base = path.resolve(roots[root]);
      const file = path.resolve(base, relative);
      if (!file.startsWith(base + path.sep)) return null;
      try {
        return await readFile(file);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return null;
        throw e;
      }
    },
  };
}
