// An on/off switch (role=switch) for rules and destinations: one button, its state read out as checked.
export function Switch({ on, label, busy, onToggle }: { on: boolean; label: string; busy: boolean; onToggle: () => void }) {
  return (
    <button type="button" role="switch" class="switch" aria-checked={on} aria-label={label} disabled={busy} onClick={onToggle}>
      <span class="switch-track" aria-hidden="true" />
      <span class="switch-text">{on ? 'On' : 'Off'}</span>
    </button>
  );
}
