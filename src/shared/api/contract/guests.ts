import { z } from 'zod';
import { defineChannel, defineEvent } from '../channel.js';
import type { GuestPreviewTicket, GuestsState } from '../../domain/guests.js';
import { GUEST_CONTROL_ACTIONS, guestIdSchema } from '../../sfu/protocol-guests.js';

/**
 * Guests on air (issue 18): invites by link, the backstage, bringing a guest
 * on air. Registered in contract/index.ts and roles.ts by the guests service.
 * Every change sends `guestsChanged` with the whole state.
 */
export const guestChannels = {
  getGuests: defineChannel<GuestsState>()('studio:guests:get', z.undefined()),
  /** A new invite link for the open show. */
  createGuestInvite: defineChannel<GuestsState>()(
    'studio:guests:invite',
    z
      .object({
        label: z.string().trim().max(60, 'The label: 60 characters at most.').default(''),
        singleUse: z.boolean().default(true),
        expiry: z.enum(['1h', '24h', '7d', 'never']).default('24h'),
      })
      .strict(),
  ),
  /** The link stops working; a guest who came in with it leaves the show. */
  revokeGuestInvite: defineChannel<GuestsState>()('studio:guests:revoke', z.object({ inviteId: z.string().min(1).max(64) }).strict()),
  /** A receive-only ticket to preview the guests backstage while this window does not publish (before Go live). */
  getGuestPreviewTicket: defineChannel<GuestPreviewTicket>()('studio:guests:preview-ticket', z.undefined()),
  /** On air / backstage, mute / unmute the mic, hide / show the camera, remove (which also revokes the guest's link). */
  controlGuest: defineChannel<GuestsState>()(
    'studio:guests:control',
    z.object({ guestId: guestIdSchema, action: z.enum(GUEST_CONTROL_ACTIONS) }).strict(),
  ),
} as const;

export const guestEvents = {
  guestsChanged: defineEvent<GuestsState>('studio:event:guests-changed'),
} as const;
