import { useState } from 'react';
import type { Result } from '../../shared/api/result.js';
import type { GuestsState } from '../../shared/domain/guests.js';
import { MAX_GUESTS_ON_AIR } from '../../shared/sfu/protocol-guests.js';
import { useStudio } from '../api/studio-context.js';
import { useStudioValue } from '../api/studio-value.js';
import { Panel } from '../panels/Panel.js';
import { GuestList } from './GuestList.js';
import { InviteForm } from './InviteForm.js';
import { InviteList } from './InviteList.js';
import './guests.css';

/** What one action on the backstage does: sends it, takes the answer, or says why not. */
export type GuestAction = (call: () => Promise<Result<GuestsState>>) => Promise<boolean>;

/**
 * The host's backstage (issue 18): invite links for the open show, and the
 * guests who came in with them, to bring on air or back, mute, hide or
 * remove. Guests' names are what they typed: shown as text only.
 */
export function BackstagePanel() {
  const studio = useStudio();
  const guests = useStudioValue({ event: 'guestsChanged', read: (api) => api.getGuests(undefined) });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const state = guests.value;

  const act: GuestAction = async (call) => {
    setBusy(true);
    const result = await call();
    setBusy(false);
    if (result.ok) guests.set(result.value);
    setError(result.ok ? null : result.error.message);
    return result.ok;
  };

  const onAir = state?.guests.filter((g) => g.onAir).length ?? 0;
  return (
    <Panel id="backstage" title="Backstage">
      <div className="backstage" data-testid="backstage">
        {state === null ? (
          <p className="help">{guests.error ?? 'Loading the backstage…'}</p>
        ) : state.showId === null ? (
          <p className="backstage-note" role="status" data-testid="backstage-no-show">
            Open a show to invite guests.
          </p>
        ) : (
          <>
            {!state.sfuConnected && (
              <p className="banner banner-warn backstage-banner" role="status" data-testid="backstage-sfu-away">
                The SFU is not connected: guests can&apos;t join right now.
              </p>
            )}
            <InviteForm busy={busy} onCreate={(input) => act(() => studio.createGuestInvite(input))} />
            <InviteList invites={state.invites} busy={busy} onRevoke={(inviteId) => void act(() => studio.revokeGuestInvite({ inviteId }))} />
            <h3 className="backstage-heading">
              Guests{' '}
              <span className="backstage-count">
                {onAir} of {MAX_GUESTS_ON_AIR} on air
              </span>
            </h3>
            {onAir >= MAX_GUESTS_ON_AIR && (
              <p className="backstage-note" role="status" data-testid="backstage-full">
                {MAX_GUESTS_ON_AIR} guests are on air already. Bring one back to backstage to bring on another.
              </p>
            )}
            <GuestList
              guests={state.guests}
              reusableInvites={new Set(state.invites.filter((i) => !i.singleUse).map((i) => i.id))}
              canBringOn={onAir < MAX_GUESTS_ON_AIR && state.sfuConnected}
              sfuConnected={state.sfuConnected}
              busy={busy}
              onControl={(guestId, action) => void act(() => studio.controlGuest({ guestId, action }))}
            />
          </>
        )}
        {error && (
          <p className="backstage-error" role="alert" data-testid="backstage-error">
            {error}
          </p>
        )}
      </div>
    </Panel>
  );
}
