// Delete with a second click: "Delete…" turns into "Delete this …? [Delete] [Keep]", so one stray click loses nothing.
import { useState } from 'preact/hooks';

export function ConfirmDelete({ what, busy, onDelete }: { what: string; busy: boolean; onDelete: () => void }) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" class="btn btn-quiet btn-small" onClick={() => setConfirming(true)}>
        Delete…
      </button>
    );
  }
  return (
    <span class="confirm" role="group" aria-label={`Delete this ${what}?`}>
      <span class="small">Delete this {what}?</span>
      <button type="button" class="btn btn-danger btn-small" disabled={busy} onClick={onDelete}>
        Delete
      </button>
      <button type="button" class="btn btn-small" onClick={() => setConfirming(false)}>
        Keep
      </button>
    </span>
  );
}
