import type { Device, types } from 'mediasoup-client';
import type { GuestPeer } from '../../shared/sfu/protocol-guests.js';
import { SignalRequestError, type SignalRequests } from '../../shared/sfu/signal-requests.js';

/**
 * Guests' media in the publishing window (runs in the renderer): the host's
 * SFU session learns the show's guests from its join reply and `guests`
 * pushes, opens a receive transport and consumes every guest's camera and
 * mic (backstage too: the host previews them before bringing them on air).
 * React and the compositor see only `GuestMedia`, a plain frozen shape.
 */

/** One guest's live tracks (absent: not sending that kind, or not consumed yet). */
export interface GuestTracks {
  readonly video?: MediaStreamTrack;
  readonly audio?: MediaStreamTrack;
}

/** Everything the window knows of its guests' media. A new object on every change. */
export interface GuestMedia {
  /** The show's guests as the SFU last said (names are untrusted: render them as text). */
  readonly guests: readonly GuestPeer[];
  /** Guest ids on air, in slot order: slot n (a scene's `guest` {slot: n}) is onAirOrder[n]. */
  readonly onAirOrder: readonly string[];
  /** Per guestId, what is being received now. */
  readonly tracks: ReadonlyMap<string, GuestTracks>;
}

export const NO_GUEST_MEDIA: GuestMedia = Object.freeze({ guests: [], onAirOrder: [], tracks: new Map<string, GuestTracks>() });

/** A `guests` push or the `guests` of a host's join reply. */
export interface GuestList {
  readonly guests: readonly GuestPeer[];
  readonly onAirOrder: readonly string[];
}

/** The guest in a slot (0 = first brought on air), or null when nobody is in it. */
export function guestInSlot(media: Pick<GuestMedia, 'guests' | 'onAirOrder'>, slot: number): GuestPeer | null {
  const id = media.onAirOrder[slot];
  if (id === undefined) return null;
  return media.guests.find((g) => g.guestId === id && g.onAir) ?? null;
}

/** Every on-air guest, in slot order. */
export function guestsOnAir(media: Pick<GuestMedia, 'guests' | 'onAirOrder'>): GuestPeer[] {
  const out: GuestPeer[] = [];
  for (let slot = 0; slot < media.onAirOrder.length; slot++) {
    const guest = guestInSlot(media, slot);
    if (guest) out.push(guest);
  }
  return out;
}

export interface WantedFeed {
  readonly guestId: string;
  readonly producerId: string;
  readonly kind: 'audio' | 'video';
}

/**
 * What to change so that exactly the connected guests' current producers
 * are consumed: consume the new ones, close the consumers of producers that
 * are gone (a guest who left, re-published after a reload, or was removed).
 */
export function planConsumers(guests: readonly GuestPeer[], consumed: ReadonlySet<string>): { consume: WantedFeed[]; drop: string[] } {
  const wanted = new Map<string, WantedFeed>();
  for (const guest of guests) {
    if (!guest.connected) continue;
    for (const p of guest.producers) wanted.set(p.producerId, { guestId: guest.guestId, producerId: p.producerId, kind: p.kind });
  }
  const consume = [...wanted.values()].filter((w) => !consumed.has(w.producerId));
  const drop = [...consumed].filter((id) => !wanted.has(id));
  return { consume, drop };
}

/** The window's guest media: outlives SFU sessions, so React subscribes once. */
export class GuestMediaStore {
  private media: GuestMedia = NO_GUEST_MEDIA;
  private readonly listeners = new Set<(media: GuestMedia) => void>();

  get(): GuestMedia {
    return this.media;
  }

  /** Calls `listener` with every new value (not with the current one). Returns the unsubscribe function. */
  subscribe(listener: (media: GuestMedia) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  set(media: GuestMedia): void {
    if (media === this.media) return;
    this.media = Object.freeze(media);
    for (const listener of this.listeners) listener(this.media);
  }
}

interface Received {
  readonly guestId: string;
  readonly consumer: types.Consumer;
}

/**
 * One SFU session's consumers of guest feeds. `update` with every guest list
 * (they are applied one at a time, in order); `close` when the session ends
 * (the store is emptied: nothing received any more).
 */
export class GuestFeeds {
  private transport: types.Transport | null = null;
  private opening: Promise<types.Transport> | null = null;
  private readonly received = new Map<string, Received>();
  private list: GuestList = { guests: [], onAirOrder: [] };
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;

  constructor(
    private readonly requests: SignalRequests,
    private readonly device: Device,
    private readonly store: GuestMediaStore,
  ) {}

  update(list: GuestList): void {
    this.list = list;
    this.publish();
    this.apply();
  }

  private apply(): void {
    this.chain = this.chain.then(() => this.reconcile()).then(
      () => {
        this.failures = 0;
      },
      (error: unknown) => {
        // A guest's feed that cannot be received now must never disturb the show; on a busy laptop the SFU's
        // answer can come late, so the list is applied again a little later (the guest stays wanted).
        if (this.closed) return;
        console.warn('A guest feed could not be received; trying again', error);
        this.retryLater();
      },
    );
  }

  private retryLater(): void {
    if (this.retry !== null) return;
    const delayMs = Math.min(1000 * 2 ** this.failures, 8000);
    this.failures += 1;
    this.retry = setTimeout(() => {
      this.retry = null;
      if (!this.closed) this.apply();
    }, delayMs);
  }

  /** Resolves once every list given so far has been applied (consumed and dropped). */
  applied(): Promise<void> {
    return this.chain;
  }

  close(): void {
    this.closed = true;
    if (this.retry !== null) clearTimeout(this.retry);
    this.retry = null;
    for (const { consumer } of this.received.values()) consumer.close();
    this.received.clear();
    this.transport?.close();
    this.transport = null;
    this.store.set(NO_GUEST_MEDIA);
  }

  private async reconcile(): Promise<void> {
    if (this.closed) return;
    const plan = planConsumers(this.list.guests, new Set(this.received.keys()));
    for (const producerId of plan.drop) {
      this.received.get(producerId)?.consumer.close();
      this.received.delete(producerId);
    }
    if (plan.drop.length > 0) this.publish();
    for (const feed of plan.consume) {
      if (this.closed) return;
      // Still wanted? A newer list may have arrived while the last one was consumed.
      if (planConsumers(this.list.guests, new Set(this.received.keys())).consume.every((w) => w.producerId !== feed.producerId)) continue;
      await this.consume(feed);
    }
  }

  private async consume(feed: WantedFeed): Promise<void> {
    const transport = await this.recvTransport();
    let reply;
    try {
      // `replace`: after a timeout the SFU may hold a consumer this window never heard of; the new one replaces it.
      reply = await this.requests.request({ type: 'consume', transportId: transport.id, producerId: feed.producerId, rtpCapabilities: this.device.rtpCapabilities, replace: true });
    } catch (error) {
      // No answer in time: try again (the caller retries the list). Any other refusal: the guest left between
      // the push and the request, and the next list drops it anyway.
      if (error instanceof SignalRequestError && error.code === 'timeout') throw error;
      console.warn('A guest feed was gone before it could be received', error);
      return;
    }
    const consumer = await transport.consume({
      id: reply.consumerId,
      producerId: reply.producerId,
      kind: reply.kind,
      rtpParameters: reply.rtpParameters as unknown as types.RtpParameters,
    });
    if (this.closed) {
      consumer.close();
      return;
    }
    this.received.set(feed.producerId, { guestId: feed.guestId, consumer });
    this.publish();
    // The track is attached (the store told the compositor and mixer): now the SFU may send, keyframe first.
    try {
      await this.requests.request({ type: 'resume', consumerId: consumer.id });
    } catch (error) {
      // A consumer never resumed would stay silent and black: drop it so the retry consumes the feed afresh.
      consumer.close();
      if (this.received.get(feed.producerId)?.consumer === consumer) this.received.delete(feed.producerId);
      this.publish();
      throw error;
    }
  }

  private recvTransport(): Promise<types.Transport> {
    if (this.transport && !this.transport.closed) return Promise.resolve(this.transport);
    this.opening ??= this.openRecvTransport().finally(() => (this.opening = null));
    return this.opening;
  }

  private async openRecvTransport(): Promise<types.Transport> {
    const info = await this.requests.request({ type: 'createTransport', direction: 'recv' });
    const transport = this.device.createRecvTransport({
      id: info.transportId,
      iceParameters: info.iceParameters as unknown as types.IceParameters,
      iceCandidates: info.iceCandidates as unknown as types.IceCandidate[],
      dtlsParameters: info.dtlsParameters as unknown as types.DtlsParameters,
    });
    transport.on('connect', ({ dtlsParameters }, done, fail) => {
      this.requests.request({ type: 'connectTransport', transportId: transport.id, dtlsParameters }).then(() => done(), fail);
    });
    // Guests' feeds arrive over their own ICE connection: a failed one restarts (the send side's recovery does not cover it).
    transport.on('connectionstatechange', (state) => {
      if (state === 'failed' && !this.closed) void this.restartIce(transport);
    });
    if (this.closed) transport.close();
    else this.transport = transport;
    return transport;
  }

  private async restartIce(transport: types.Transport): Promise<void> {
    try {
      const { iceParameters } = await this.requests.request({ type: 'restartIce', transportId: transport.id });
      if (!transport.closed) await transport.restartIce({ iceParameters: iceParameters as unknown as types.IceParameters });
    } catch (error) {
      // The session itself is down: the publisher rejoins and a new GuestFeeds starts over.
      console.warn('The guests’ media connection could not be restarted', error);
    }
  }

  private publish(): void {
    if (this.closed) return;
    const tracks = new Map<string, { video?: MediaStreamTrack; audio?: MediaStreamTrack }>();
    for (const { guestId, consumer } of this.received.values()) {
      const entry = tracks.get(guestId) ?? {};
      if (consumer.kind === 'video') entry.video = consumer.track;
      else entry.audio = consumer.track;
      tracks.set(guestId, entry);
    }
    this.store.set({ guests: this.list.guests, onAirOrder: this.list.onAirOrder, tracks });
  }
}
