import { useState } from 'react';
import { useLiveValue, useStudio } from '../api/studio-context.js';

export interface ProducerConsoleSectionProps {
  readonly enabled: boolean;
  readonly allowLan: boolean;
  readonly port: string;
  readonly browserMode: boolean;
  readonly onChange: (patch: { controlEnabled?: boolean; allowLan?: boolean; port?: string }) => void;
}

/** Settings for the control server: the link a second person uses to run the show from a browser. */
export function ProducerConsoleSection({ enabled, allowLan, port, browserMode, onChange }: ProducerConsoleSectionProps) {
  const studio = useStudio();
  const status = useLiveValue((api) => api.getControlServerStatus(), 'controlServerChanged', (s) => s);
  const [copied, setCopied] = useState<string | null>(null);
  const [confirmingNewToken, setConfirmingNewToken] = useState(false);

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(text);
    } catch {
      setCopied(null);
    }
  };

  const regenerate = async () => {
    const result = await studio.regenerateControlToken();
    if (result.ok) status.set(result.value);
    setConfirmingNewToken(false);
  };

  const s = status.value;
  return (
    <section className="settings-section" aria-labelledby="producer-console-title">
      <h2 id="producer-console-title">Producer console</h2>
      <p className="help">
        A producer can run scenes, pins and chat moderation from a browser on another computer. They open the link below;
        anyone with the link has full control, so share it only with your team.
      </p>
      <label className="check">
        <input
          type="checkbox"
          checked={enabled}
          disabled={browserMode}
          onChange={(e) => onChange({ controlEnabled: e.target.checked })}
        />
        <span>Allow a producer to control the studio from a browser{browserMode ? ' (always on in browser mode)' : ''}</span>
      </label>
      <label className="check">
        <input type="checkbox" checked={allowLan} onChange={(e) => onChange({ allowLan: e.target.checked })} />
        <span>Allow computers on my network (otherwise only this computer)</span>
      </label>
      <label className="field field-narrow">
        <span>Port</span>
        <input inputMode="numeric" value={port} onChange={(e) => onChange({ port: e.target.value })} />
      </label>

      <div className="control-status" data-testid="control-status" data-state={s?.state ?? 'loading'}>
        {s === null && <p>Checking…</p>}
        {s?.state === 'off' && <p>The producer console is off.</p>}
        {s?.state === 'starting' && <p>Starting…</p>}
        {s?.state === 'error' && (
          <p className="banner banner-error" role="alert">
            {s.error}
          </p>
        )}
        {s?.state === 'running' && (
          <>
            <p>
              Running on port {s.port} · {s.connectedClients === 1 ? '1 producer connected' : `${s.connectedClients} producers connected`}
            </p>
            <ul className="link-list">
              {s.urls.map((url) => (
                <li key={url}>
                  <code className="link-text">{url}</code>
                  <button type="button" className="button button-small" onClick={() => void copy(url)}>
                    {copied === url ? 'Copied' : 'Copy'}
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
        {s && (
          <div className="token-row">
            <span>Access token</span>
            <code data-testid="control-token">{s.token}</code>
            {confirmingNewToken ? (
              <>
                <span className="warn-text">Every link given out so far will stop working.</span>
                <button type="button" className="button button-danger button-small" onClick={() => void regenerate()}>
                  Make new link
                </button>
                <button type="button" className="button button-small" onClick={() => setConfirmingNewToken(false)}>
                  Keep
                </button>
              </>
            ) : (
              <button type="button" className="button button-small" onClick={() => setConfirmingNewToken(true)}>
                New link…
              </button>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
