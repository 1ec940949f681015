// Sign-in with the workspace secret key: the key goes to the edge once and comes back as an HttpOnly cookie, so no
// script on the page ever holds it afterwards. A wrong key gets the edge's own explanation under the field.
import { useRef, useState } from 'preact/hooks';
import { Logo } from '../components/Logo';
import { signIn } from '../session';

export function SignInPage({ reason }: { reason?: string | null }) {
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const keyInput = useRef<HTMLInputElement>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!key.trim()) {
      setError('Paste the workspace secret key (sk_…).');
      keyInput.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const refused = await signIn(key, name);
      if (refused) {
        setError(refused);
        keyInput.current?.focus();
      }
    } catch {
      setError('The edge cannot be reached. Check that Forestall is running.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="signin" id="main">
      <form class="card signin-card" onSubmit={submit} noValidate aria-labelledby="signin-title">
        <div class="brand brand-lg">
          <Logo />
        </div>
        <h1 id="signin-title">Sign in to the console</h1>
        <p class="muted">Use your workspace’s secret key. It was printed once when the workspace was created; <code>npm run keys</code> makes another.</p>
        {reason && !error && (
          <p class="note info" role="status">
            {reason}
          </p>
        )}
        <label for="signin-key">Secret key</label>
        <input
          id="signin-key"
          ref={keyInput}
          type="password"
          name="key"
          autocomplete="off"
          spellcheck={false}
          placeholder="sk_…"
          value={key}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'signin-error' : undefined}
          onInput={(e) => setKey((e.target as HTMLInputElement).value)}
        />
        {error && (
          <p id="signin-error" class="field-error" role="alert">
            {error}
          </p>
        )}
        <label for="signin-name">
          Your name <span class="muted">(optional, shown on what you acknowledge)</span>
        </label>
        <input id="signin-name" type="text" name="name" autocomplete="name" maxLength={80} value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
        <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p class="small muted">The session lasts 12 hours on this browser. The key itself is never stored here.</p>
      </form>
    </main>
  );
}
