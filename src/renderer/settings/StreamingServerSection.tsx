import { useSfuStatus } from '../live/live-context.js';

export interface StreamingServerDraft {
  sfuUrl: string;
  sfuRoom: string;
  sfuPort: string;
  sfuAllowLan: boolean;
  /** Typed by the host; sent only when not empty (the saved one is never shown). */
  sfuHostToken: string;
}

export interface StreamingServerSectionProps {
  readonly draft: StreamingServerDraft;
  readonly onChange: (patch: Partial<StreamingServerDraft>) => void;
}

/** Where the show is streamed: the built-in SFU on this computer, or a server the host runs. */
export function StreamingServerSection({ draft, onChange }: StreamingServerSectionProps) {
  const builtIn = draft.sfuUrl.trim() === '';
  // The window's own SFU status (LiveProvider, above the view switch): already known when Settings open.
  const s = useSfuStatus();
  return (
    <section className="settings-section" aria-labelledby="sfu-title">
      <h2 id="sfu-title">Streaming server (SFU)</h2>
      <label className="field">
        <span>SFU address</span>
        <input
          value={draft.sfuUrl}
          placeholder="Empty: the studio runs its own server on this computer"
          spellCheck={false}
          onChange={(e) => onChange({ sfuUrl: e.target.value })}
          aria-describedby="sfu-help"
        />
      </label>
      <p id="sfu-help" className="help">
        Leave empty to stream through the SFU built into the studio. For an audience on the internet, run{' '}
        <code>studio sfu</code> on a server and enter its address, for example wss://live.myshop.com.
      </p>
      <label className="field">
        <span>Room name (viewers open /watch/room-name)</span>
        <input value={draft.sfuRoom} spellCheck={false} onChange={(e) => onChange({ sfuRoom: e.target.value })} />
      </label>
      {builtIn ? (
        <>
          <label className="field field-narrow">
            <span>Built-in SFU port</span>
            <input inputMode="numeric" value={draft.sfuPort} onChange={(e) => onChange({ sfuPort: e.target.value })} />
          </label>
          <label className="check">
            <input type="checkbox" checked={draft.sfuAllowLan} onChange={(e) => onChange({ sfuAllowLan: e.target.checked })} />
            <span>Let phones and computers on my network watch (otherwise only this computer)</span>
          </label>
        </>
      ) : (
        <label className="field">
          <span>Host token of that server</span>
          <input
            type="password"
            autoComplete="off"
            value={draft.sfuHostToken}
            placeholder="Leave empty to keep the saved token"
            onChange={(e) => onChange({ sfuHostToken: e.target.value })}
          />
        </label>
      )}
      <div className="control-status" data-testid="sfu-status" data-state={s?.state ?? 'loading'}>
        {s === null && <p>Checking…</p>}
        {s && s.state === 'connected' && (
          <p>
            Connected to the {s.mode === 'embedded' ? 'built-in' : 'remote'} SFU · {s.viewerCount === 1 ? '1 viewer' : `${s.viewerCount} viewers`}
          </p>
        )}
        {s && (s.state === 'starting' || s.state === 'connecting' || s.state === 'reconnecting') && <p>Connecting to the SFU…</p>}
        {s?.state === 'error' && (
          <p className="banner banner-error" role="alert">
            {s.error}
          </p>
        )}
        {s && s.viewerUrls.length > 0 && (
          <ul className="link-list">
            {s.viewerUrls.map((url) => (
              <li key={url}>
                <code className="link-text">{url}</code>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
