import type { Device, types } from 'mediasoup-client';
import type { PublishTicket } from '../../shared/domain/live.js';
import { SignalCloseCode } from '../../shared/sfu/protocol-constants.js';
import type { SignalPush } from '../../shared/sfu/protocol.js';
import { SignalRequestError } from '../../shared/sfu/signal-requests.js';
import { openBrowserSignalSocket, type SignalSocket } from '../../shared/sfu/signal-socket.js';
import { openSendTransport } from './send-transport.js';
import { failureOf, HostFacingError, type AttemptFailure } from './publish-failure.js';
import { AUDIO_CODEC_OPTIONS, VIDEO_CODEC_OPTIONS, VIDEO_LAYERS } from './publish-media.js';
import { INITIAL_PUBLISH_STATUS, isOnAir, type PublishStatus } from './publish-status.js';
import { measureStreamHealth, type SendCounters, type SendStatsEntry } from './stream-health.js';
import { Backoff } from '../../shared/time/backoff.js';
import type { SessionFeed } from './vertical-publisher.js';

/** Runs in the renderer. */

export interface PublishTracks {
  /** The camera now; the compositor's canvas track later. */
  readonly video: MediaStreamTrack;
  /** Null: the show goes out without sound (the checklist warns). */
  readonly audio: MediaStreamTrack | null;
}

export interface PublishClientOptions {
  /** Asked before every join: tickets are short-lived, and the server may have moved since the last attempt. */
  readonly fetchTicket: () => Promise<PublishTicket>;
  readonly statsIntervalMs?: number;
  /** More feeds on the same session (the vertical output): attached once the main video is produced, detached with the transport. */
  readonly feeds?: readonly SessionFeed[];
}

const STATS_INTERVAL_MS = 2_000;
/** The first retry at once, then 0.5 s doubling to 10 s, up to 30% shorter at random (many studios never retry in step). */
const RETRY = { firstMs: 500, maxMs: 10_000, jitter: 0.3, immediateFirst: true } as const;
/** ICE "disconnected" often heals by itself (a Wi-Fi hiccup); restart ICE only if it lasts. */
const ICE_DISCONNECTED_GRACE_MS = 3_000;
/** Media that does not (re)connect in this time gets a full rejoin (new transport, new producers). */
const MEDIA_CONNECT_TIMEOUT_MS = 15_000;

/** One session on the SFU: everything here is thrown away when the socket drops. */
interface Attempt {
  readonly ticket: PublishTicket;
  readonly socket: SignalSocket;
  device: Device | null;
  transport: types.Transport | null;
  video: types.Producer | null;
  audio: types.Producer | null;
  counters: SendCounters | null;
  /** The SFU asked for a rejoin (its media worker restarted): rejoin without backoff. */
  rejoinAtOnce: boolean;
  iceTimer: ReturnType<typeof setTimeout> | null;
  mediaTimer: ReturnType<typeof setTimeout> | null;
}

/**
 * The studio's publisher: owns the mediasoup-client Device, the signaling
 * socket, the send transport and the producers. React sees only
 * `PublishStatus` through `subscribe`.
 *
 * Recovery: media trouble (ICE failed, or disconnected for 3 s) restarts ICE
 * on the same transport; a dropped socket or a `rejoin` push means a full
 * rejoin with backoff — a new session, new transport, the same tracks
 * produced again. The host sees `reconnecting` and the attempt number.
 */
export class PublishClient {
  private status: PublishStatus = INITIAL_PUBLISH_STATUS;
  private readonly listeners = new Set<(status: PublishStatus) => void>();
  private tracks: PublishTracks | null = null;
  private attempt: Attempt | null = null;
  /** The host wants to be on air (false after Stop, End show or a fatal error). */
  private wanted = false;
  private wasLive = false;
  private readonly retry = new Backoff(RETRY);
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private statsTimer: ReturnType<typeof setInterval> | null = null;
  /** For messages when no session is left to ask. */
  private lastSignalUrl = '';

  constructor(private readonly options: PublishClientOptions) {}

  getStatus(): PublishStatus {
    return this.status;
  }

  /** Calls `listener` with every new status (not with the current one). Returns the unsubscribe function. */
  subscribe(listener: (status: PublishStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts publishing these tracks. The tracks stay the caller's: Stop and End show never stop them. */
  goLive(tracks: PublishTracks): void {
    if (isOnAir(this.status.phase)) return;
    this.tracks = tracks;
    this.wanted = true;
    this.wasLive = false;
    this.retry.reset();
    this.update({ ...INITIAL_PUBLISH_STATUS, phase: 'connecting', showOpen: this.status.showOpen });
    this.statsTimer = setInterval(() => void this.sampleStats(), this.options.statsIntervalMs ?? STATS_INTERVAL_MS);
    void this.connect();
  }

  /** Swaps the video source without renegotiation (camera switch now, the composed scene later). */
  async replaceVideoTrack(track: MediaStreamTrack): Promise<void> {
    if (this.tracks) this.tracks = { ...this.tracks, video: track };
    await this.attempt?.video?.replaceTrack({ track });
  }

  /** Swaps the microphone. Audio that was not produced at go-live starts only on the next rejoin. */
  async replaceAudioTrack(track: MediaStreamTrack | null): Promise<void> {
    if (this.tracks) this.tracks = { ...this.tracks, audio: track };
    await this.attempt?.audio?.replaceTrack({ track });
  }

  /**
   * Pause: media stops, the show stays open; viewers see that the host will be right back.
   * `keepShowOpen` false: the show is no longer this window's (another one took it over), so End show is not offered here.
   */
  async stop(keepShowOpen = true): Promise<void> {
    const attempt = this.halt();
    if (attempt?.transport) {
      // Closing the socket alone would do; closing the feeds first tells viewers at once.
      const feeds = [attempt.video, attempt.audio].filter((p): p is types.Producer => p !== null);
      await withTimeout(Promise.allSettled(feeds.map((p) => attempt.socket.requests.request({ type: 'closeProducer', producerId: p.id }))));
    }
    this.dropAttempt(attempt);
    const { room, viewerUrls, showOpen } = this.status;
    this.update({ ...INITIAL_PUBLISH_STATUS, phase: 'offline', room, viewerUrls, showOpen: keepShowOpen && showOpen });
  }

  /** Ends the show for every viewer (the protocol's host `leave`). Works while reconnecting too: it joins just to say goodbye. */
  async endShow(): Promise<void> {
    const attempt = this.halt();
    const { room, viewerUrls } = this.status;
    try {
      if (attempt && this.isJoined(attempt)) await attempt.socket.requests.request({ type: 'leave' });
      else await this.joinToLeave();
      this.dropAttempt(attempt);
      this.update({ ...INITIAL_PUBLISH_STATUS, phase: 'ended', room, viewerUrls });
    } catch (error) {
      this.dropAttempt(attempt);
      const failure = failureOf(error, this.lastSignalUrl);
      this.update({ ...INITIAL_PUBLISH_STATUS, phase: 'error', error: `The show could not be ended. ${failure.message}`, room, viewerUrls, showOpen: true });
    }
  }

  /** Closes everything without ending the show (window closing, provider unmounting). */
  dispose(): void {
    this.dropAttempt(this.halt());
    this.listeners.clear();
  }

  private halt(): Attempt | null {
    this.wanted = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.statsTimer) clearInterval(this.statsTimer);
    this.retryTimer = null;
    this.statsTimer = null;
    const attempt = this.attempt;
    this.attempt = null;
    return attempt;
  }

  private isJoined(attempt: Attempt): boolean {
    return attempt.transport !== null && !attempt.transport.closed;
  }

  private async connect(): Promise<void> {
    this.retryTimer = null;
    let ticket: PublishTicket;
    try {
      ticket = await this.options.fetchTicket();
    } catch (error) {
      if (this.wanted && !this.attempt) this.failed(null, failureOf(error, this.lastSignalUrl));
      return;
    }
    if (!this.wanted || this.attempt) return;
    this.lastSignalUrl = ticket.signalUrl;
    const attempt: Attempt = {
      ticket,
      socket: openBrowserSignalSocket(ticket.signalUrl, {
        onPush: (push) => this.onPush(attempt, push),
        onClose: (code) => this.onSocketClosed(attempt, code),
      }),
      device: null,
      transport: null,
      video: null,
      audio: null,
      counters: null,
      rejoinAtOnce: false,
      iceTimer: null,
      mediaTimer: null,
    };
    this.attempt = attempt;
    this.update({ room: ticket.room, viewerUrls: ticket.viewerUrls });
    try {
      await this.publish(attempt);
    } catch (error) {
      this.failed(attempt, failureOf(error, ticket.signalUrl));
    }
  }

  /** join → device → send transport → produce video and audio. */
  private async publish(attempt: Attempt): Promise<void> {
    const { socket, ticket } = attempt;
    const { requests } = socket;
    await socket.opened.catch(() => {
      throw new SignalRequestError('disconnected', 'The signaling socket did not open.');
    });
    const { room } = await requests.request({ type: 'join', show: ticket.room, role: 'host', hostToken: ticket.hostToken });
    this.update({ viewerCount: room.viewerCount });
    const { device, transport } = await openSendTransport(requests);
    attempt.device = device;
    attempt.transport = transport;
    transport.on('connectionstatechange', (state) => this.onMediaState(attempt, state));

    const tracks = this.tracks!;
    if (tracks.video.readyState === 'ended') {
      throw new HostFacingError('The camera stopped (unplugged or taken by another app). Pick a camera, then go live again.', true);
    }
    attempt.video = await transport.produce({
      track: tracks.video,
      encodings: VIDEO_LAYERS.map((layer) => ({ ...layer })),
      codecOptions: VIDEO_CODEC_OPTIONS,
      stopTracks: false,
    });
    if (tracks.audio && tracks.audio.readyState === 'live') {
      attempt.audio = await transport.produce({ track: tracks.audio, codecOptions: AUDIO_CODEC_OPTIONS, stopTracks: false });
    }
    if (attempt !== this.attempt) {
      this.dropAttempt(attempt);
      return;
    }
    this.update({ sending: { video: true, audio: attempt.audio !== null } });
    for (const feed of this.options.feeds ?? []) feed.attach({ transport, requests });
    if (transport.connectionState === 'connected') this.markLive();
    else this.watchMediaConnect(attempt);
  }

  private markLive(): void {
    this.retry.reset();
    this.wasLive = true;
    this.update({
      phase: 'live',
      error: null,
      reconnectAttempt: 0,
      nextAttemptAt: null,
      liveSince: this.status.liveSince ?? Date.now(),
      showOpen: true,
    });
  }

  private onMediaState(attempt: Attempt, state: types.ConnectionState): void {
    if (attempt !== this.attempt) return;
    if (attempt.iceTimer) clearTimeout(attempt.iceTimer);
    attempt.iceTimer = null;
    if (state === 'connected') {
      if (attempt.mediaTimer) clearTimeout(attempt.mediaTimer);
      attempt.mediaTimer = null;
      if (attempt.video) this.markLive();
    } else if (state === 'failed' || state === 'disconnected') {
      if (this.wasLive) this.update({ phase: 'reconnecting', error: 'The media connection was interrupted. Reconnecting…' });
      this.watchMediaConnect(attempt);
      const delay = state === 'failed' ? 0 : ICE_DISCONNECTED_GRACE_MS;
      attempt.iceTimer = setTimeout(() => void this.restartIce(attempt), delay);
    }
  }

  private async restartIce(attempt: Attempt): Promise<void> {
    const transport = attempt.transport;
    if (attempt !== this.attempt || !transport || transport.closed) return;
    try {
      const { iceParameters } = await attempt.socket.requests.request({ type: 'restartIce', transportId: transport.id });
      await transport.restartIce({ iceParameters: iceParameters as unknown as types.IceParameters });
    } catch (error) {
      this.failed(attempt, failureOf(error, attempt.ticket.signalUrl));
    }
  }

  /** Media that stays down gets a full rejoin, whatever ICE says. */
  private watchMediaConnect(attempt: Attempt): void {
    if (attempt.mediaTimer) return;
    attempt.mediaTimer = setTimeout(() => {
      attempt.mediaTimer = null;
      if (attempt === this.attempt && attempt.transport?.connectionState !== 'connected') {
        this.failed(attempt, { message: 'The video could not get through to the streaming server (network or firewall).', fatal: false });
      }
    }, MEDIA_CONNECT_TIMEOUT_MS);
  }

  private onPush(attempt: Attempt, push: SignalPush): void {
    if (attempt !== this.attempt) return;
    if (push.type === 'viewerCount') this.update({ viewerCount: push.count });
    // The socket closes right after; onSocketClosed rejoins without waiting.
    else if (push.type === 'rejoin') attempt.rejoinAtOnce = true;
  }

  private onSocketClosed(attempt: Attempt, code: number): void {
    if (attempt !== this.attempt) return;
    if (code === SignalCloseCode.publisherReplaced) {
      this.failed(attempt, { message: "Another studio took over the show. You're no longer publishing.", fatal: true });
      return;
    }
    if (code === SignalCloseCode.hostReplaced) {
      this.failed(attempt, { message: 'Another studio window started publishing this show, so this one stopped.', fatal: true });
      return;
    }
    if (attempt.rejoinAtOnce || code === SignalCloseCode.serviceRestart) this.retry.reset();
    this.failed(attempt, failureOf(new SignalRequestError('disconnected', 'closed'), attempt.ticket.signalUrl));
  }

  /**
   * An attempt failed. Before the show was ever live the host gets the error
   * and presses Go live again; once live, the client keeps rejoining until
   * the host stops it — a show should survive a flaky network by itself.
   */
  private failed(attempt: Attempt | null, failure: AttemptFailure): void {
    if (attempt && attempt !== this.attempt) {
      // Stopped or replaced while a step was in flight: that step may have opened a transport since.
      this.dropAttempt(attempt);
      return;
    }
    this.dropAttempt(attempt);
    if (attempt) this.attempt = null;
    if (!this.wanted) return;
    if (failure.fatal || !this.wasLive) {
      this.halt();
      const error = failure.hint ? `${failure.message} ${failure.hint}` : failure.message;
      this.update({ phase: 'error', error, health: null, nextAttemptAt: null, sending: { video: false, audio: false } });
      return;
    }
    const delay = this.retry.next();
    this.update({
      phase: 'reconnecting',
      error: failure.message,
      reconnectAttempt: this.retry.attempts,
      nextAttemptAt: Date.now() + delay,
      health: null,
      sending: { video: false, audio: false },
    });
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }

  /** Joins only to send the host `leave` (End show pressed while not connected). */
  private async joinToLeave(): Promise<void> {
    const ticket = await this.options.fetchTicket();
    this.lastSignalUrl = ticket.signalUrl;
    const socket = openBrowserSignalSocket(ticket.signalUrl, { onPush: () => undefined, onClose: () => undefined });
    try {
      await socket.opened.catch(() => {
        throw new SignalRequestError('disconnected', 'The signaling socket did not open.');
      });
      await socket.requests.request({ type: 'join', show: ticket.room, role: 'host', hostToken: ticket.hostToken });
      await socket.requests.request({ type: 'leave' });
    } finally {
      socket.close();
    }
  }

  private dropAttempt(attempt: Attempt | null): void {
    if (!attempt) return;
    if (attempt.iceTimer) clearTimeout(attempt.iceTimer);
    if (attempt.mediaTimer) clearTimeout(attempt.mediaTimer);
    if (attempt.transport) for (const feed of this.options.feeds ?? []) feed.detach(attempt.transport);
    // Producers were made with stopTracks: false, so the camera keeps running for the preview and the next session.
    attempt.video?.close();
    attempt.audio?.close();
    attempt.transport?.close();
    attempt.socket.close();
  }

  private async sampleStats(): Promise<void> {
    const attempt = this.attempt;
    const transport = attempt?.transport;
    if (!attempt || !transport || transport.closed || !attempt.video) return;
    try {
      const report = await transport.getStats();
      if (attempt !== this.attempt) return;
      const { health, counters } = measureStreamHealth(report.values() as Iterable<SendStatsEntry>, attempt.counters, Date.now());
      attempt.counters = counters;
      this.update({ health });
    } catch {
      // A transport closing under getStats: the next window will tell.
    }
  }

  private update(patch: Partial<PublishStatus>): void {
    this.status = Object.freeze({ ...this.status, ...patch });
    for (const listener of this.listeners) listener(this.status);
  }
}

/** Waits for a goodbye at most this long: a dead server must not hold Stop or End show. */
function withTimeout<T>(promise: Promise<T>, ms = 1_000): Promise<T | undefined> {
  return Promise.race([promise, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms))]);
}
