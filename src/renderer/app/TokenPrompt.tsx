import { useState, type FormEvent } from 'react';
import { rememberToken } from '../api/control-client.js';

/** Shown when a browser opens the producer console without a token. */
export function TokenPrompt({ onToken }: { onToken: () => void }) {
  const [value, setValue] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const raw = value.trim();
    let token = raw;
    try {
      token = new URL(raw).searchParams.get('token') ?? raw;
    } catch {
      // not a link: the token itself
    }
    if (!token) return;
    rememberToken(token);
    onToken();
  };
  return (
    <div className="token-prompt">
      <form className="card" onSubmit={submit}>
        <h1>Producer console</h1>
        <p>
          Open the producer link the host gave you — it ends with <code>?token=…</code>. The host finds it in the studio under
          Settings → Producer console.
        </p>
        <label className="field">
          <span>Producer link or access token</span>
          <input value={value} onChange={(e) => setValue(e.target.value)} autoFocus spellCheck={false} />
        </label>
        <button type="submit" className="button button-primary" disabled={!value.trim()}>
          Connect
        </button>
      </form>
    </div>
  );
}
