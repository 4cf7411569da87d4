import { useState } from 'react';
import type { GuestControlAction, StudioGuest } from '../../shared/domain/guests.js';
import { GuestPreview } from './GuestPreview.js';

export interface GuestListProps {
  readonly guests: readonly StudioGuest[];
  /** Ids of the show's reusable invites: removing their guest leaves the link open for others. */
  readonly reusableInvites: ReadonlySet<string>;
  /** Another guest may go on air (fewer than three are, and the SFU is there). */
  readonly canBringOn: boolean;
  readonly sfuConnected: boolean;
  readonly busy: boolean;
  readonly onControl: (guestId: string, action: GuestControlAction) => void;
}

/** The guests who came in with the show's invites: on air first (in slot order), then backstage. */
export function GuestList({ guests, reusableInvites, canBringOn, sfuConnected, busy, onControl }: GuestListProps) {
  if (guests.length === 0) return <p className="backstage-note">No guests yet. They appear here when they open their link.</p>;
  const ordered = [...guests].sort((a, b) => (a.slot ?? 99) - (b.slot ?? 99) || a.joinedAt - b.joinedAt);
  return (
    <ul className="guest-list" aria-label="Guests">
      {ordered.map((guest) => (
        <GuestRow
          key={guest.guestId}
          guest={guest}
          reusable={reusableInvites.has(guest.inviteId)}
          canBringOn={canBringOn}
          disabled={busy || !sfuConnected}
          onControl={onControl}
        />
      ))}
    </ul>
  );
}

interface GuestRowProps {
  guest: StudioGuest;
  reusable: boolean;
  canBringOn: boolean;
  disabled: boolean;
  onControl: GuestListProps['onControl'];
}

function GuestRow({ guest, reusable, canBringOn, disabled, onControl }: GuestRowProps) {
  const [confirming, setConfirming] = useState(false);
  const control = (action: GuestControlAction) => () => onControl(guest.guestId, action);
  const where = guest.onAir ? `On air · slot ${(guest.slot ?? 0) + 1}` : 'Backstage';
  return (
    <li className="guest" data-on-air={guest.onAir} data-connected={guest.connected} data-testid="guest" data-guest-id={guest.guestId}>
      <GuestPreview guest={guest} />
      <div className="guest-body">
        {/* The name is what the guest typed: text only. */}
        <span className="guest-name" data-testid="guest-name">
          {guest.name}
        </span>
        {guest.label && <span className="guest-label">{guest.label}</span>}
        <span className="guest-where" data-testid="guest-where">
          {guest.connected ? where : 'Disconnected (waiting for them to come back)'}
          {guest.audioMuted ? ' · mic muted' : ''}
          {guest.videoHidden ? ' · camera hidden' : ''}
        </span>
        <div className="guest-actions">
          {guest.onAir ? (
            <button type="button" className="button button-small" disabled={disabled} onClick={control('backstage')}>
              Back to backstage
            </button>
          ) : (
            <button
              type="button"
              className="button button-small button-primary"
              disabled={disabled || !canBringOn || !guest.connected}
              title={!canBringOn ? 'Three guests are on air already.' : undefined}
              onClick={control('onAir')}
            >
              On air
            </button>
          )}
          <button type="button" className="button button-small" disabled={disabled} onClick={control(guest.audioMuted ? 'unmute' : 'mute')}>
            {guest.audioMuted ? 'Unmute' : 'Mute mic'}
          </button>
          <button type="button" className="button button-small" disabled={disabled} onClick={control(guest.videoHidden ? 'showCamera' : 'hideCamera')}>
            {guest.videoHidden ? 'Show camera' : 'Hide camera'}
          </button>
          {confirming ? (
            <span className="guest-confirm" role="group" aria-label="Remove this guest?">
              <span>{reusable ? 'Remove them? Their link stays open for others; revoke it to stop everyone.' : 'Remove them? Their link stops working.'}</span>
              <button
                type="button"
                className="button button-small button-danger"
                onClick={() => {
                  setConfirming(false);
                  onControl(guest.guestId, 'remove');
                }}
              >
                Remove
              </button>
              <button type="button" className="button button-small" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </span>
          ) : (
            <button type="button" className="button button-small" onClick={() => setConfirming(true)}>
              Remove…
            </button>
          )}
        </div>
      </div>
    </li>
  );
}
