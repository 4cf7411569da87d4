/**
 * Runs in the guest's browser: one guest in one show. Joins the SFU as role
 * `guest` with the invite token, sends the camera and mic on a send
 * transport, plays what GuestView.play lists on a receive transport (the set
 * is replaced whenever a `guestView` push arrives), and recovers by itself:
 * a dropped socket is a full rejoin with the watch page's backoff
 * (viewer/reconnect-delay.ts); a show not opened yet is waited for on the
 * open socket. A dead invite, a removal (close code guestRemoved), a full
 * show and the show's end are final: the page stops and says why.
 */
import type { types } from 'mediasoup-client';
import { SIGNAL_PATH } from '../../shared/sfu/protocol-constants.js';
import type { GuestView } from '../../shared/sfu/protocol-guests.js';
import type { SignalPush } from '../../shared/sfu/protocol.js';
import { SignalRequestError } from '../../shared/sfu/signal-requests.js';
import { openBrowserSignalSocket, type SignalSocket } from '../../shared/sfu/signal-socket.js';
import { Backoff } from '../../shared/time/backoff.js';
import { RECONNECT } from '../viewer/reconnect-delay.js';
import { closeOutcome, FINAL_PHASES, INVITE_GRACE_TRIES, joinRefusalOutcome, playChanges, type GuestPhase, type PlayEntry } from './guest-status.js';
import { openGuestTransports, watchIce, type GuestTransports } from './guest-transports.js';
import type { MediaKind } from './local-media.js';

export interface GuestCredentials {
  readonly show: string;
  readonly guestToken: string;
  readonly name: string;
  readonly guestKey: string;
}

/** A feed this guest plays, with its track. */
export interface PlayedFeed extends PlayEntry {
  readonly track: MediaStreamTrack;
}

export interface GuestSessionEvents {
  /** `view` while in the show (and kept while reconnecting), else null. */
  readonly onPhase: (phase: GuestPhase, view: GuestView | null) => void;
  /** The feeds being played now (replaced whole). */
  readonly onFeeds: (feeds: readonly PlayedFeed[]) => void;
  /** The guest's current camera and mic tracks (null: that device is not in use). */
  readonly localTrack: (kind: MediaKind) => MediaStreamTrack | null;
}

/** Per connection attempt: thrown away when the socket drops. */
interface Attempt {
  readonly socket: SignalSocket;
  joined: boolean;
  transports: GuestTransports | null;
  mediaStarting: Promise<void> | null;
  readonly producers: Map<MediaKind, types.Producer>;
  readonly consumers: Map<string, { readonly consumer: types.Consumer; readonly entry: PlayEntry }>;
  /** Play-list changes run one after another, each against the latest view. */
  syncing: Promise<void>;
}

export class GuestSession {
  private phase: GuestPhase = 'connecting';
  private view: GuestView | null = null;
  private attempt: Attempt | null = null;
  private readonly reconnect = new Backoff(RECONNECT);
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** Refusals of the invite still taken for "the studio has not re-sent its invites yet" (guest-status.ts). */
  private inviteGrace = 0;

  constructor(
    private readonly credentials: GuestCredentials,
    private readonly origin: { readonly host: string; readonly secure: boolean },
    private readonly events: GuestSessionEvents,
  ) {}

  start(): void {
    this.connect();
  }

  /** The guest pressed Leave: say goodbye to the SFU and stop. */
  async leave(): Promise<void> {
    const attempt = this.attempt;
    if (attempt?.joined) await attempt.socket.requests.request({ type: 'leave' }).catch(() => undefined);
    this.finish('left');
  }

  /** The page goes away: stop quietly. */
  stop(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.dropAttempt();
  }

  /** A device was switched: send the new track on the running producer (or start one for a device that was missing). */
  async replaceTrack(kind: MediaKind, track: MediaStreamTrack): Promise<void> {
    const attempt = this.attempt;
    if (!attempt?.transports) return;
    const producer = attempt.producers.get(kind);
    if (producer && !producer.closed) await producer.replaceTrack({ track });
    else await this.produce(attempt, kind);
  }

  private connect(): void {
    this.retryTimer = null;
    const url = `${this.origin.secure ? 'wss' : 'ws'}://${this.origin.host}${SIGNAL_PATH}`;
    const socket = openBrowserSignalSocket(url, {
      onPush: (push) => this.onPush(attempt, push),
      onClose: (code) => this.onSocketClosed(attempt, code),
    });
    const attempt: Attempt = {
      socket,
      joined: false,
      transports: null,
      mediaStarting: null,
      producers: new Map(),
      consumers: new Map(),
      syncing: Promise.resolve(),
    };
    this.attempt = attempt;
    void this.join(attempt);
  }

  private async join(attempt: Attempt): Promise<void> {
    const { show, guestToken, name, guestKey } = this.credentials;
    try {
      await attempt.socket.opened;
      const reply = await attempt.socket.requests.request({ type: 'join', show, role: 'guest', guestToken, name, guestKey });
      if (attempt !== this.attempt) return;
      attempt.joined = true;
      this.inviteGrace = 0;
      this.reconnect.reset();
      if (reply.guest) this.view = reply.guest;
      this.setPhase('in-show');
      attempt.mediaStarting = this.startMedia(attempt);
    } catch (error) {
      if (attempt !== this.attempt || !(error instanceof SignalRequestError)) return; // a closed socket: onSocketClosed retries
      const outcome = joinRefusalOutcome(error.code, this.inviteGrace);
      if (outcome.next === 'retry' && this.inviteGrace > 0) this.inviteGrace--;
      if (outcome.next === 'wait') this.waitForShow(attempt);
      else if (outcome.next === 'stop') this.finish(outcome.phase);
      else this.restart(attempt);
    }
  }

  /** The show has no room yet: wait on this socket; `showOpened` (onPush) joins. Nothing is polled. */
  private waitForShow(attempt: Attempt): void {
    this.setPhase('waiting');
    attempt.socket.requests.request({ type: 'waitForShow', show: this.credentials.show }).then(
      ({ waiting }) => {
        if (attempt !== this.attempt) return;
        this.reconnect.reset();
        if (!waiting) void this.join(attempt);
      },
      () => this.restart(attempt),
    );
  }

  private onPush(attempt: Attempt, push: SignalPush): void {
    if (attempt !== this.attempt) return;
    switch (push.type) {
      case 'guestView':
        this.view = push.view;
        if (attempt.joined) this.setPhase('in-show');
        this.syncPlay(attempt);
        break;
      case 'producerClosed':
        this.dropConsumers(attempt, [push.producerId]);
        break;
      case 'showOpened':
        this.inviteGrace = INVITE_GRACE_TRIES;
        void this.join(attempt);
        break;
      case 'showEnded':
        this.finish('ended');
        break;
      default:
        // `rejoin`: the socket closes next (1012) and onSocketClosed rejoins at once. Room pushes are for viewers.
        break;
    }
  }

  private async startMedia(attempt: Attempt): Promise<void> {
    try {
      const transports = await openGuestTransports(attempt.socket.requests);
      if (attempt !== this.attempt) {
        transports.send.close();
        transports.recv.close();
        return;
      }
      attempt.transports = transports;
      for (const transport of [transports.send, transports.recv]) watchIce(transport, attempt.socket.requests, () => this.restart(attempt));
      await Promise.all([this.produce(attempt, 'video'), this.produce(attempt, 'audio')]);
      this.syncPlay(attempt);
    } catch (error) {
      if (attempt !== this.attempt) return;
      if ((error as Error).name === 'UnsupportedError') {
        this.finish('unsupported');
        return;
      }
      console.warn('Could not start the guest’s media; rejoining', error);
      this.restart(attempt);
    }
  }

  private async produce(attempt: Attempt, kind: MediaKind): Promise<void> {
    const track = this.events.localTrack(kind);
    const transport = attempt.transports?.send;
    if (!track || !transport || attempt.producers.has(kind)) return;
    const producer = await transport.produce({
      track,
      // The page owns the tracks: a rejoin sends the same camera on a new producer.
      stopTracks: false,
      ...(kind === 'video' ? { encodings: [{ maxBitrate: 1_500_000 }] } : {}),
    });
    if (attempt !== this.attempt) {
      producer.close();
      return;
    }
    attempt.producers.set(kind, producer);
  }

  /** Makes the consumed set match the latest GuestView.play. */
  private syncPlay(attempt: Attempt): void {
    attempt.syncing = attempt.syncing.then(async () => {
      if (attempt !== this.attempt || !attempt.transports || !this.view) return;
      const { add, drop } = playChanges(attempt.consumers.keys(), this.view.play);
      this.dropConsumers(attempt, drop);
      for (const entry of add) {
        try {
          await this.consume(attempt, entry);
        } catch (error) {
          // A feed that went away meanwhile (not-found): the next guestView no longer lists it.
          if (!(error instanceof SignalRequestError)) throw error;
        }
      }
    });
    attempt.syncing.catch((error: unknown) => {
      if (attempt !== this.attempt) return;
      console.warn('Could not play the show’s feeds; rejoining', error);
      this.restart(attempt);
    });
  }

  private async consume(attempt: Attempt, entry: PlayEntry): Promise<void> {
    const { device, recv } = attempt.transports!;
    const { requests } = attempt.socket;
    const reply = await requests.request({ type: 'consume', transportId: recv.id, producerId: entry.producerId, rtpCapabilities: device.rtpCapabilities });
    const consumer = await recv.consume({
      id: reply.consumerId,
      producerId: reply.producerId,
      kind: reply.kind,
      rtpParameters: reply.rtpParameters as unknown as types.RtpParameters,
    });
    if (attempt !== this.attempt) {
      consumer.close();
      return;
    }
    attempt.consumers.set(entry.producerId, { consumer, entry });
    this.emitFeeds(attempt);
    await requests.request({ type: 'resume', consumerId: consumer.id });
  }

  private dropConsumers(attempt: Attempt, producerIds: readonly string[]): void {
    let changed = false;
    for (const id of producerIds) {
      const held = attempt.consumers.get(id);
      if (!held) continue;
      attempt.consumers.delete(id);
      held.consumer.close();
      changed = true;
    }
    if (changed) this.emitFeeds(attempt);
  }

  private emitFeeds(attempt: Attempt | null): void {
    const feeds = attempt ? [...attempt.consumers.values()].map(({ consumer, entry }) => ({ ...entry, track: consumer.track })) : [];
    this.events.onFeeds(feeds);
  }

  private onSocketClosed(attempt: Attempt, code: number): void {
    if (attempt !== this.attempt) return;
    const outcome = closeOutcome(code);
    if (outcome.next === 'stop') {
      this.finish(outcome.phase);
      return;
    }
    // Was in the show: the rejoin may reach a reopened room before the studio's invite list.
    if (attempt.joined) this.inviteGrace = INVITE_GRACE_TRIES;
    this.dropAttempt();
    if (outcome.atOnce) this.reconnect.reset();
    this.scheduleRetry(outcome.atOnce);
  }

  /** Gives up on this attempt and rejoins (backoff applies). */
  private restart(attempt: Attempt): void {
    if (attempt !== this.attempt) return;
    this.dropAttempt();
    this.scheduleRetry(false);
  }

  private scheduleRetry(atOnce: boolean): void {
    if (this.retryTimer || FINAL_PHASES.has(this.phase)) return;
    this.setPhase('reconnecting');
    this.retryTimer = setTimeout(() => this.connect(), atOnce ? 0 : this.reconnect.next());
  }

  /** A final phase: no more connections from this page. */
  private finish(phase: GuestPhase): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.dropAttempt();
    this.view = null;
    this.setPhase(phase);
  }

  private dropAttempt(): void {
    const attempt = this.attempt;
    this.attempt = null;
    if (!attempt) return;
    for (const producer of attempt.producers.values()) producer.close();
    for (const { consumer } of attempt.consumers.values()) consumer.close();
    attempt.transports?.send.close();
    attempt.transports?.recv.close();
    attempt.socket.close();
    this.emitFeeds(null);
  }

  private setPhase(phase: GuestPhase): void {
    if (FINAL_PHASES.has(this.phase)) return;
    this.phase = phase;
    this.events.onPhase(phase, phase === 'in-show' || phase === 'reconnecting' ? this.view : null);
  }
}
