// File names of the lazily loaded chunks, relative to `assetsUrl`. The build replaces this module with the
// content-hashed names it emitted, so a cached SDK always loads the chunk it was built with.
export const CHUNKS = { tips: 'tips.js', widget: 'widget.js' };
