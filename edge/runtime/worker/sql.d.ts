// .sql files are bundled as text: wrangler's Text rule in wrangler.jsonc, and a transform in the worker test config.
declare module '*.sql' {
  const text: string;
  export default text;
}
