import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { MAX_SAVED_DESTINATIONS, PLATFORM_PRESETS, type Destination } from '../../shared/domain/destinations.js';
import { useStudio } from '../api/studio-context.js';
import { useStudioValue } from '../api/studio-value.js';
import { useSettings } from '../api/use-settings.js';
import { Modal } from '../ui/Modal.js';
import { DestinationDialog } from './DestinationDialog.js';
import './destinations.css';

/** The hash that opens Settings at this section (the Stream panel links here). */
export const DESTINATIONS_HASH = '#settings/destinations';

/**
 * Settings → Destinations: where the show goes besides the watch page
 * (YouTube, Facebook, Twitch, Instagram, TikTok, any RTMP server). Each
 * change is saved at once (like OBS and Backups), outside the Settings
 * form's Save. Keys are write-only: a row says "Key saved", never the key.
 */
export function DestinationsSection() {
  const studio = useStudio();
  const destinations = useStudioValue({ event: 'destinationsChanged', read: (api) => api.listDestinations() });
  const settings = useSettings();
  const [editing, setEditing] = useState<Destination | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Destination | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const list = destinations.value;

  // Opened from the Stream panel's link: show this section.
  useEffect(() => {
    if (window.location.hash !== DESTINATIONS_HASH) return;
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus();
  }, []);

  const setEnabled = async (destination: Destination, enabled: boolean) => {
    // The tick shows at once; main's answer (and its event) confirms it, a refusal puts it back.
    destinations.set((list ?? []).map((d) => (d.id === destination.id ? { ...d, enabled } : d)));
    const result = await studio.updateDestination({ id: destination.id, enabled });
    setMessage(result.ok ? null : { kind: 'error', text: result.error.message });
    if (!result.ok) void destinations.reload();
  };
  const remove = async (destination: Destination) => {
    setDeleting(null);
    const result = await studio.deleteDestination({ id: destination.id });
    if (result.ok) destinations.set(result.value);
    setMessage(result.ok ? { kind: 'ok', text: `${destination.name} and its stream key were deleted.` } : { kind: 'error', text: result.error.message });
  };
  const closed = (saved: Destination | null, wasNew: boolean) => {
    setEditing(null);
    if (saved) setMessage({ kind: 'ok', text: wasNew ? `${saved.name} added.` : `${saved.name} saved.` });
  };
  const remote = (settings.value?.sfu.url ?? '') !== '';

  return (
    <section className="settings-section destinations-section" id="destinations" aria-labelledby="destinations-title" data-testid="destination-settings">
      <div className="destinations-header">
        <h2 id="destinations-title" ref={heading} tabIndex={-1}>
          Destinations
        </h2>
        <button
          type="button"
          className="button button-primary"
          disabled={list !== null && list.length >= MAX_SAVED_DESTINATIONS}
          onClick={() => {
            setMessage(null);
            setEditing('new');
          }}
        >
          Add destination…
        </button>
      </div>
      <p className="help">
        Go live on YouTube, Facebook, Twitch, Instagram, TikTok or any RTMP server at the same time as your watch page. The ticked ones start when
        the show goes live; from the Stream panel you can stop, start or reconnect each one on its own.
      </p>
      <p className="help" data-testid="destinations-where">
        {remote
          ? 'Your streaming server sends the show to each destination: this computer uploads it once, however many destinations you add.'
          : 'The built-in streaming server sends the show from this computer to each destination (as OBS does): each destination needs about as much upload again as the show itself. With a remote streaming server (Streaming server above), the server does it instead.'}
      </p>
      {destinations.error && (
        <p className="banner banner-error" role="alert">
          {destinations.error}
        </p>
      )}
      {list !== null && list.length === 0 && <p className="help destinations-empty">No destinations yet: viewers watch on your watch page only.</p>}
      {list !== null && list.length > 0 && (
        <ul className="destination-list" aria-label="Destinations">
          {list.map((d) => (
            <li key={d.id} className="destination-row" data-testid="destination-row" data-name={d.name}>
              <label className="check destination-enabled" title="Go live here when the show starts">
                <input type="checkbox" checked={d.enabled} aria-label={`Go live on ${d.name} when the show starts`} onChange={(e) => void setEnabled(d, e.target.checked)} />
              </label>
              <div className="destination-what">
                <span className="destination-name">{d.name}</span>
                <span className="destination-detail">
                  {PLATFORM_PRESETS[d.platform].label} · <span className="destination-url">{d.serverUrl}</span>
                </span>
              </div>
              <span className={`destination-key${d.hasKey ? '' : ' destination-key-missing'}`} data-testid="destination-key">
                {d.hasKey ? 'Key saved' : 'No key: edit to add it'}
              </span>
              <div className="destination-actions">
                <button type="button" className="button button-small" onClick={() => setEditing(d)} aria-label={`Edit ${d.name}`}>
                  Edit
                </button>
                <button type="button" className="button button-small" onClick={() => setDeleting(d)} aria-label={`Delete ${d.name}`}>
                  Delete
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {message && (
        <p className={`banner banner-${message.kind}`} role={message.kind === 'ok' ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      {editing !== null && <DestinationDialog editing={editing === 'new' ? null : editing} onClose={(saved) => closed(saved, editing === 'new')} />}
      {deleting &&
        createPortal(
          <Modal
            title={`Delete ${deleting.name}?`}
            onClose={() => setDeleting(null)}
            footer={
              <>
                <button type="button" className="button" onClick={() => setDeleting(null)}>
                  Cancel
                </button>
                <button type="button" className="button button-danger" data-autofocus onClick={() => void remove(deleting)}>
                  Delete
                </button>
              </>
            }
          >
            <p>Its stream key is deleted with it. If the show is on it now, it stops there; the other destinations go on.</p>
          </Modal>,
          document.body,
        )}
    </section>
  );
}
