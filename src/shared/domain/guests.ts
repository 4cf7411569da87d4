import type { GuestControlAction } from '../sfu/protocol-guests.js';

/**
 * Guests as the studio's screens see them (issue 18; the SFU side is
 * src/shared/sfu/protocol-guests.ts). Invites are the studio's (SQLite);
 * who is connected, backstage or on air is the SFU's, relayed by main.
 */

export type InviteExpiry = '1h' | '24h' | '7d' | 'never';

export interface GuestInvite {
  readonly id: string;
  /** The host's note ("Dana from Acme"). */
  readonly label: string;
  /** The link to send the guest: `<sfu>/guest/<show>#invite=<token>`. Only the host's windows ever see it. */
  readonly url: string;
  readonly singleUse: boolean;
  /** Epoch ms (main's clock); null: until revoked. */
  readonly expiresAt: number | null;
  readonly createdAt: number;
  /** A guest joined with it at least once. */
  readonly used: boolean;
  /** Revoked, expired, or used up by a removed guest: the link admits nobody. */
  readonly status: 'active' | 'revoked' | 'expired';
}

export interface StudioGuest {
  readonly guestId: string;
  readonly inviteId: string;
  /** The name the guest typed (plain text). */
  readonly name: string;
  /** The invite's label, to tell guests apart. */
  readonly label: string;
  readonly onAir: boolean;
  /** 0-based slot on air (the order the host brought them on); null backstage. */
  readonly slot: number | null;
  readonly audioMuted: boolean;
  readonly videoHidden: boolean;
  readonly connected: boolean;
  /** The guest's producers now (the publishing window consumes them for previews and the program). */
  readonly producers: readonly { readonly producerId: string; readonly kind: 'audio' | 'video' }[];
  readonly joinedAt: number;
}

export interface GuestsState {
  /** The open show's id; null: no show open (invites belong to a show). */
  readonly showId: number | null;
  readonly invites: readonly GuestInvite[];
  readonly guests: readonly StudioGuest[];
  /** The SFU link is up: guests can join and controls work. */
  readonly sfuConnected: boolean;
  readonly now: number;
}

export type { GuestControlAction };

/**
 * What the studio window needs to receive its guests before Go live: a
 * short-lived receive-only host token for the show (it can consume guests'
 * media, never send, pin or end the show).
 */
export interface GuestPreviewTicket {
  readonly signalUrl: string;
  readonly room: string;
  readonly hostToken: string;
  /** Epoch ms on the SFU's clock; a joined connection stays after it. */
  readonly expiresAt: number;
}
