import { useState } from 'react';
import type { ControlServerStatus, TeamLinkStatus } from '../../shared/api/contract/app.js';
import type { Role } from '../../shared/api/contract/roles.js';
import { LINK_LIFETIME_LABELS, LINK_LIFETIMES, type LinkLifetime } from '../../shared/domain/team-links.js';
import { useStudio } from '../api/studio-context.js';
import { useStudioValue } from '../api/studio-value.js';

export interface ProducerConsoleSectionProps {
  readonly enabled: boolean;
  readonly allowLan: boolean;
  readonly port: string;
  readonly producersMayGoLive: boolean;
  readonly browserMode: boolean;
  readonly onChange: (patch: { controlEnabled?: boolean; allowLan?: boolean; port?: string; producersMayGoLive?: boolean }) => void;
}

const ROLE_TEXT: Readonly<Record<Role, { title: string; what: string }>> = {
  host: { title: 'Host link', what: 'Everything, like this window. Keep it to yourself.' },
  producer: { title: 'Producer link', what: 'Scenes, pins, rundown, deals and chat; going live only if allowed below.' },
  moderator: { title: 'Moderator link', what: 'The chat only.' },
};

/** Settings for the control server: one link per role, each replaced on its own. */
export function ProducerConsoleSection({ enabled, allowLan, port, producersMayGoLive, browserMode, onChange }: ProducerConsoleSectionProps) {
  const status = useStudioValue({ event: 'controlServerChanged', read: (api) => api.getControlServerStatus() });
  const s = status.value;
  return (
    <section className="settings-section" aria-labelledby="producer-console-title">
      <h2 id="producer-console-title">Producer console</h2>
      <p className="help">
        Your team runs the show from a browser on another computer. Each role has its own link: give the producer and moderator
        links to the people who need them, and make a new link for a role whenever someone should lose access.
      </p>
      <label className="check">
        <input
          type="checkbox"
          checked={enabled}
          disabled={browserMode}
          onChange={(e) => onChange({ controlEnabled: e.target.checked })}
        />
        <span>Allow my team to control the studio from a browser{browserMode ? ' (always on in browser mode)' : ''}</span>
      </label>
      <label className="check">
        <input type="checkbox" checked={allowLan} onChange={(e) => onChange({ allowLan: e.target.checked })} />
        <span>Allow computers on my network (otherwise only this computer)</span>
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={producersMayGoLive}
          onChange={(e) => onChange({ producersMayGoLive: e.target.checked })}
        />
        <span>A producer may go live (a moderator never can)</span>
      </label>
      <label className="field field-narrow">
        <span>Port</span>
        <input inputMode="numeric" value={port} onChange={(e) => onChange({ port: e.target.value })} />
      </label>

      <div className="control-status" data-testid="control-status" data-state={s?.state ?? 'loading'}>
        {s === null && <p>{status.error ?? 'Checking…'}</p>}
        {s?.state === 'off' && <p>The producer console is off.</p>}
        {s?.state === 'starting' && <p>Starting…</p>}
        {s?.state === 'error' && (
          <p className="banner banner-error" role="alert">
            {s.error}
          </p>
        )}
        {s?.state === 'running' && (
          <p>
            Running on port {s.port} · {s.connectedClients === 1 ? '1 person connected' : `${s.connectedClients} people connected`}
          </p>
        )}
        {s?.links.map((link) => <TeamLinkRow key={link.role} link={link} onRenewed={status.set} />)}
        {s && (
          <p className="help" data-testid="secrets-stored">
            Links, tokens and passwords: {s.secretsStored}
          </p>
        )}
      </div>
    </section>
  );
}

function expiryText(expiresAt: number | null): string {
  if (expiresAt === null) return 'Never expires.';
  if (expiresAt <= Date.now()) return 'Expired: make a new link.';
  return `Expires ${new Date(expiresAt).toLocaleString()}.`;
}

function TeamLinkRow({ link, onRenewed }: { link: TeamLinkStatus; onRenewed: (status: ControlServerStatus) => void }) {
  const studio = useStudio();
  const [copied, setCopied] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [lifetime, setLifetime] = useState<LinkLifetime>('never');
  const [error, setError] = useState<string | null>(null);
  const text = ROLE_TEXT[link.role];

  const copy = async (value: string) => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(value);
    } catch {
      setCopied(null);
    }
  };

  const renew = async () => {
    const result = await studio.regenerateControlToken({ role: link.role, lifetime });
    if (result.ok) onRenewed(result.value);
    setError(result.ok ? null : result.error.message);
    setConfirming(false);
  };

  return (
    <div className="team-link" data-testid={`team-link-${link.role}`}>
      <h3>{text.title}</h3>
      <p className="help">
        {text.what} {expiryText(link.expiresAt)}
      </p>
      <ul className="link-list">
        {link.urls.map((url) => (
          <li key={url}>
            <code className="link-text">{url}</code>
            <button type="button" className="button button-small" onClick={() => void copy(url)}>
              {copied === url ? 'Copied' : 'Copy'}
            </button>
          </li>
        ))}
      </ul>
      <div className="token-row">
        <span>Access token</span>
        <code data-testid={link.role === 'host' ? 'control-token' : `control-token-${link.role}`}>{link.token}</code>
        {confirming ? (
          <>
            <span className="warn-text">The current {link.role} link stops working at once.</span>
            <select aria-label={`How long the new ${link.role} link works`} value={lifetime} onChange={(e) => setLifetime(LINK_LIFETIMES.find((choice) => choice === e.target.value) ?? 'never')}>
              {LINK_LIFETIMES.map((choice) => (
                <option key={choice} value={choice}>
                  {`Link ${LINK_LIFETIME_LABELS[choice]}`}
                </option>
              ))}
            </select>
            <button type="button" className="button button-danger button-small" onClick={() => void renew()}>
              Make new link
            </button>
            <button type="button" className="button button-small" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : (
          <button type="button" className="button button-small" aria-label={`New ${link.role} link…`} onClick={() => setConfirming(true)}>
            New link…
          </button>
        )}
      </div>
      {error && (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
