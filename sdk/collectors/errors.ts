// Listens for the page's uncaught errors and unhandled rejections, without swallowing them.

// String() throws on a null-prototype object or a throwing toString: ours would then be an error on the page.
const text = (x: unknown): string => {
  try {
    return String(x);
  } catch {
    return typeof x;
  }
};

/** Reports the message of each uncaught error; the page's own handlers still see every error. */
export function collectErrors(onError: (message: string) => void): () => void {
  const onErr = (e: ErrorEvent) => {
    // Resource load errors (img, script) reach window only in capture; we listen in bubble, so
    // these are script errors. Cross-origin "Script error." carries nothing useful but still loops.
    onError(e.message || (e.error && text(e.error)) || 'Script error.');
  };
  const onRejection = (e: PromiseRejectionEvent) => {
    const r = e.reason;
    onError('Unhandled rejection: ' + text(r && typeof r === 'object' && 'message' in r ? r.message : r));
  };
  addEventListener('error', onErr);
  addEventListener('unhandledrejection', onRejection);
  return () => {
    removeEventListener('error', onErr);
    removeEventListener('unhandledrejection', onRejection);
  };
}
