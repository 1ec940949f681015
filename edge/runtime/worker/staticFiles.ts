// StaticFiles on the Workers static assets binding: the asset directory holds sdk/ (the build) and demo/.
import type { StaticFiles } from '../../app';

export function assetFiles(assets: Fetcher): StaticFiles {
  return {
    async read(root, path) {
      const url = `https://assets.invalid/${root}/${path.split('/').map(encodeURIComponent).join('/')}`;
      const res = await assets.fetch(url);
      if (res.status === 404) return null;
      if (!res.ok) throw new Error(`static assets answered ${res.status} for ${root}/${path}`);
      return new Uint8Array(await res.arrayBuffer());
    },
  };
}
