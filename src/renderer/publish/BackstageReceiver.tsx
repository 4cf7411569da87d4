import { useEffect, useState } from 'react';
import { useStudio } from '../api/studio-context.js';
import { useStudioValue } from '../api/studio-value.js';
import { GuestMediaStore, NO_GUEST_MEDIA, type GuestMedia } from './guest-feeds.js';
import { GuestPreviewSession } from './guest-preview-session.js';

/**
 * The host's guests before the publishing session has them (guest-preview-session.ts):
 * while guests are backstage and this window is not live with them yet, a
 * receive-only connection brings their cameras and mics into the studio, so
 * the host can check them and put them in the program before Go live. Renders
 * nothing; `onMedia` gets what it receives (NO_GUEST_MEDIA when it lets go).
 */
export function BackstageReceiver({ liveHasGuests, onMedia }: { liveHasGuests: boolean; onMedia: (media: GuestMedia) => void }) {
  const studio = useStudio();
  const state = useStudioValue({ event: 'guestsChanged', read: (api) => api.getGuests(undefined) }).value;
  const [parts] = useState(() => {
    const store = new GuestMediaStore();
    const session = new GuestPreviewSession(async () => {
      const ticket = await studio.getGuestPreviewTicket(undefined);
      if (!ticket.ok) throw new Error(ticket.error.message);
      return ticket.value;
    }, store);
    return { store, session };
  });
  const guestsWaiting = (state?.guests.length ?? 0) > 0 && state?.sfuConnected === true;

  useEffect(() => {
    const off = parts.store.subscribe(onMedia);
    return () => {
      off();
      parts.session.dispose();
      onMedia(NO_GUEST_MEDIA);
    };
  }, [parts, onMedia]);

  useEffect(() => {
    parts.session.want(guestsWaiting && !liveHasGuests);
  }, [parts, guestsWaiting, liveHasGuests]);
  return null;
}
