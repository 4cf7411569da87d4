import crypto from 'node:crypto';
import { StudioError } from '../../shared/api/result.js';
import type { GuestControlAction, GuestInvite, GuestPreviewTicket, GuestsState, InviteExpiry, StudioGuest } from '../../shared/domain/guests.js';
import { MAX_GUEST_INVITES, MAX_GUESTS_ON_AIR, type GuestInviteEntry, type GuestPeer } from '../../shared/sfu/protocol-guests.js';
import { SignalRequestError } from '../../shared/sfu/signal-requests.js';
import type { StudioDatabase } from '../db/open-database.js';
import type { StudioEventBus } from '../events/event-bus.js';
import type { SfuGuests } from '../sfu-link/guest-link.js';
import { GuestStore, type StoredInvite } from './guest-store.js';

/** The guest requests as the API offers them (guest-handlers.ts). */
export interface GuestApi {
  state(): GuestsState;
  createInvite(input: { label: string; singleUse: boolean; expiry: InviteExpiry }): GuestsState;
  revokeInvite(inviteId: string): GuestsState;
  control(guestId: string, action: GuestControlAction): Promise<GuestsState>;
  previewTicket(): Promise<GuestPreviewTicket>;
}

/** What the service needs of main's SFU link (src/main/sfu-link/guest-link.ts). */
export interface GuestLinkPort {
  connected(): boolean;
  guests(): SfuGuests;
  setInvites(invites: readonly GuestInviteEntry[]): void;
  control(guestId: string, action: GuestControlAction): Promise<GuestPeer | null>;
  mintPreviewToken(ttlSeconds: number): Promise<{ token: string; expiresAt: number }>;
}

export interface GuestServiceDeps {
  readonly db: StudioDatabase;
  readonly events: StudioEventBus;
  readonly link: GuestLinkPort;
  readonly activeShowId: () => number | null;
  /** Where guests join: the SFU's public base (as the watch links) and its room; null while there is no SFU. */
  readonly joinAddress: () => { readonly base: string; readonly room: string } | null;
  /** The SFU's signaling address as the studio's windows reach it; null while there is none. */
  readonly signalUrl: () => string | null;
  readonly now?: () => number;
  readonly log?: (message: string) => void;
}

const EXPIRY_MS: Readonly<Record<InviteExpiry, number | null>> = { '1h': 3_600_000, '24h': 86_400_000, '7d': 604_800_000, never: null };

/** A preview ticket admits a join for this long (the SFU's minimum). */
const PREVIEW_TOKEN_TTL_SECONDS = 60;

/** The SFU is away: the words the backstage shows. */
export const SFU_AWAY = "The SFU is not connected: guests can't join right now. Try again when it is back.";

const sha256Hex = (text: string): string => crypto.createHash('sha256').update(text).digest('hex');

/**
 * Guests on air (issue 18): the show's invites (SQLite is the truth) and the
 * guests the SFU admitted with them. Every change of invites (created,
 * revoked, expired, another show opened) sends the SFU the show's whole list
 * of invites not revoked (expired ones too, so their guests stay on); the SFU
 * closes the connections of guests whose invite is no longer listed. Every change sends `guestsChanged` with the whole state.
 */
export class GuestService implements GuestApi {
  private readonly store: GuestStore;
  private readonly now: () => number;
  private expiryTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(private readonly deps: GuestServiceDeps) {
    this.store = new GuestStore(deps.db);
    this.now = deps.now ?? Date.now;
  }

  state(): GuestsState {
    const showId = this.deps.activeShowId();
    const now = this.now();
    const invites = showId === null ? [] : this.store.ofShow(showId);
    const address = this.deps.joinAddress();
    const { guests, onAirOrder } = this.deps.link.guests();
    const labels = new Map(invites.map((i) => [i.id, i.label]));
    return {
      showId,
      invites: invites.map((invite) => this.toInvite(invite, address, now)),
      guests: guests.map((g): StudioGuest => {
        const slot = onAirOrder.indexOf(g.guestId);
        return {
          guestId: g.guestId,
          inviteId: g.inviteId,
          name: g.name,
          label: labels.get(g.inviteId) ?? this.store.get(g.inviteId)?.label ?? '',
          onAir: g.onAir,
          slot: g.onAir && slot >= 0 ? slot : null,
          audioMuted: g.audioMuted,
          videoHidden: g.videoHidden,
          connected: g.connected,
          producers: g.producers,
          joinedAt: g.joinedAt,
        };
      }),
      sfuConnected: this.deps.link.connected(),
      now,
    };
  }

  createInvite(input: { label: string; singleUse: boolean; expiry: InviteExpiry }): GuestsState {
    const showId = this.deps.activeShowId();
    if (showId === null) throw new StudioError('invalid-input', 'Open a show to invite guests: an invite belongs to one show.');
    const now = this.now();
    if (this.store.active(showId, now).length >= MAX_GUEST_INVITES) {
      throw new StudioError('conflict', `This show has ${MAX_GUEST_INVITES} live invite links already. Revoke the ones you no longer need, then try again.`);
    }
    const ttl = EXPIRY_MS[input.expiry];
    this.store.insert({
      id: crypto.randomBytes(9).toString('base64url'),
      showId,
      token: crypto.randomBytes(32).toString('base64url'),
      label: input.label.trim(),
      singleUse: input.singleUse,
      expiresAt: ttl === null ? null : now + ttl,
      createdAt: now,
    });
    return this.invitesChanged();
  }

  revokeInvite(inviteId: string): GuestsState {
    const invite = this.store.get(inviteId);
    if (!invite || invite.showId !== this.deps.activeShowId()) throw new StudioError('not-found', 'That invite is not in the open show. Reopen the backstage and try again.');
    this.store.revoke(inviteId, this.now());
    return this.invitesChanged();
  }

  async control(guestId: string, action: GuestControlAction): Promise<GuestsState> {
    const guest = this.deps.link.guests().guests.find((g) => g.guestId === guestId);
    if (action === 'remove') {
      // A single-use link is theirs alone: it stops working whether or not the SFU hears the removal now (the
      // list goes out even if the removal fails). A reusable link stays open for the others: the SFU keeps the
      // removed guest out.
      if (guest && this.store.get(guest.inviteId)?.singleUse === true) this.store.revoke(guest.inviteId, this.now());
      try {
        if (guest && this.deps.link.connected()) await this.send(guestId, action);
      } finally {
        this.invitesChanged();
      }
      return this.state();
    }
    if (!this.deps.link.connected()) throw new StudioError('unavailable', SFU_AWAY);
    if (!guest) throw new StudioError('not-found', 'That guest has left the show.');
    if (action === 'onAir' && !guest.onAir && this.deps.link.guests().onAirOrder.length >= MAX_GUESTS_ON_AIR) {
      throw new StudioError('conflict', onAirFull());
    }
    await this.send(guestId, action);
    return this.publish();
  }

  /**
   * A receive-only ticket for the studio window to preview its guests while it does not publish (the
   * publishing session receives them itself). Short-lived: the window asks again when it reconnects.
   */
  async previewTicket(): Promise<GuestPreviewTicket> {
    const address = this.deps.joinAddress();
    const signalUrl = this.deps.signalUrl();
    if (!this.deps.link.connected() || address === null || signalUrl === null) throw new StudioError('unavailable', SFU_AWAY);
    try {
      const { token, expiresAt } = await this.deps.link.mintPreviewToken(PREVIEW_TOKEN_TTL_SECONDS);
      return { signalUrl, room: address.room, hostToken: token, expiresAt };
    } catch (error) {
      throw new StudioError('unavailable', `${SFU_AWAY} (${(error as Error).message})`);
    }
  }

  /** The SFU's guests changed (or the link came or went): invites a guest joined with are marked used. */
  linkChanged(): void {
    const used = this.deps.link.guests().guests.map((g) => g.inviteId);
    if (used.length > 0) this.store.markUsed(used);
    this.publish();
  }

  /** Another show opened: its invites (or none) are the SFU's list now. */
  showChanged(): void {
    this.invitesChanged();
  }

  /** Sends the show's invites not revoked (called after restarts too) and the state. */
  invitesChanged(): GuestsState {
    if (this.closed) return this.state();
    const showId = this.deps.activeShowId();
    const now = this.now();
    const listed = showId === null ? [] : this.store.listed(showId, now, MAX_GUEST_INVITES);
    const active = listed.filter((i) => i.expiresAt === null || i.expiresAt > now);
    this.deps.link.setInvites(
      listed.map((i) => ({ inviteId: i.id, tokenHash: sha256Hex(i.token), label: i.label, expiresAt: i.expiresAt, singleUse: i.singleUse })),
    );
    this.scheduleExpiry(active, now);
    return this.publish();
  }

  publish(): GuestsState {
    const state = this.state();
    if (!this.closed) this.deps.events.emit('guestsChanged', state);
    return state;
  }

  close(): void {
    this.closed = true;
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryTimer = null;
  }

  private async send(guestId: string, action: GuestControlAction): Promise<void> {
    try {
      await this.deps.link.control(guestId, action);
    } catch (error) {
      if (!(error instanceof SignalRequestError)) throw error;
      if (error.code === 'conflict') throw new StudioError('conflict', action === 'onAir' ? onAirFull() : error.message);
      if (error.code === 'not-found') throw new StudioError('not-found', 'That guest has left the show.');
      if (error.code === 'disconnected' || error.code === 'timeout') throw new StudioError('unavailable', SFU_AWAY);
      throw new StudioError('unavailable', `The SFU did not do that: ${error.message}`);
    }
  }

  /** The next invite to expire re-sends the list (an unused one leaves it; the SFU refuses new joins on its own) and shows it expired. */
  private scheduleExpiry(active: readonly StoredInvite[], now: number): void {
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryTimer = null;
    const next = Math.min(...active.map((i) => i.expiresAt ?? Infinity));
    if (!Number.isFinite(next)) return;
    this.expiryTimer = setTimeout(() => {
      this.expiryTimer = null;
      this.invitesChanged();
    }, Math.min(Math.max(next - now + 1, 0), 2_147_483_647));
  }

  private toInvite(invite: StoredInvite, address: { base: string; room: string } | null, now: number): GuestInvite {
    const status = invite.revokedAt !== null ? 'revoked' : invite.expiresAt !== null && invite.expiresAt <= now ? 'expired' : 'active';
    return {
      id: invite.id,
      label: invite.label,
      url: address ? inviteUrl(address, invite.token) : '',
      singleUse: invite.singleUse,
      expiresAt: invite.expiresAt,
      createdAt: invite.createdAt,
      used: invite.used,
      status,
    };
  }
}

const onAirFull = (): string => `${MAX_GUESTS_ON_AIR} guests are on air already. Bring one back to backstage first.`;

/** `<sfu>/guest/<room>#invite=<token>`: the token in the fragment never reaches a server log. */
export const inviteUrl = (address: { readonly base: string; readonly room: string }, token: string): string =>
  `${address.base}/guest/${encodeURIComponent(address.room)}#invite=${token}`;
