import type { guestChannels } from '../../shared/api/contract/guests.js';
import type { Handlers } from '../api/dispatcher.js';
import type { GuestApi } from './guest-service.js';

/** The guest requests (src/shared/api/contract/guests.ts). */
export function guestHandlers(guests: GuestApi): Pick<Handlers, keyof typeof guestChannels> {
  return {
    getGuests: () => guests.state(),
    createGuestInvite: (input) => guests.createInvite(input),
    revokeGuestInvite: (input) => guests.revokeInvite(input.inviteId),
    controlGuest: (input) => guests.control(input.guestId, input.action),
    getGuestPreviewTicket: () => guests.previewTicket(),
  };
}
