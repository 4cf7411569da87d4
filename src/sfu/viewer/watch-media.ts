import type { Device, types } from 'mediasoup-client';
import type { AnnouncedProducer } from '../../shared/sfu/protocol.js';
import type { SignalRequests } from '../../shared/sfu/signal-requests.js';
import { chooseVideoFeed, type VideoFeed, type ViewportSize } from './feed-choice.js';
import { openRecvTransport } from './recv-transport.js';

/**
 * Runs in the viewer's browser: the media of one connection attempt — the
 * mediasoup-client Device, the receive transport, and one consumer for the
 * host's main audio and one for the video feed that fits the screen
 * (feed-choice.ts). Thrown away with its attempt (WatchSession).
 */

/** ICE "disconnected" often heals by itself (Wi-Fi to 4G); restart only if it lingers. */
const ICE_DISCONNECTED_GRACE_MS = 3_000;
/** A new feed that has not painted a frame by then is shown anyway (the old one goes): better a brief pause than a stuck switch. */
const SWITCH_WAIT_MS = 5_000;

export interface WatchMediaEvents {
  /** The stream the video element plays; tracks come and go inside it. */
  readonly stream: MediaStream;
  /** Called after tracks were added to or removed from `stream` (script changes fire no stream events). */
  readonly onTracksChanged: () => void;
  /** The video feed shown changed (the page lays out 16:9 or 9:16). */
  readonly onVideoFeed: (feed: VideoFeed) => void;
  /**
   * Resolves once a video track paints frames (off screen), so a feed switch
   * swaps tracks without a black flash. Rejects or never resolves: the switch
   * goes ahead after SWITCH_WAIT_MS.
   */
  readonly whenPlaying: (track: MediaStreamTrack) => Promise<void>;
  readonly viewport: () => ViewportSize;
  /** This browser cannot receive the show (no WebRTC, no codec). */
  readonly onUnsupported: () => void;
  /** Media setup or ICE failed past repair here: the attempt should rejoin. */
  readonly onBroken: (error: unknown) => void;
}

interface Received {
  readonly producer: AnnouncedProducer;
  readonly consumer: types.Consumer;
}

export class WatchMedia {
  private device: Device | null = null;
  private transport: types.Transport | null = null;
  /** The host's feeds a viewer may consume, by producer id. */
  private readonly announced = new Map<string, AnnouncedProducer>();
  private audio: Received | null = null;
  private video: Received | null = null;
  /** The video shown was chosen with a vertical feed on offer (else the first choice with one ignores hysteresis). */
  private choseWithVertical = false;
  private work: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly requests: SignalRequests,
    private readonly events: WatchMediaEvents,
  ) {}

  /** Feeds from the join reply or a `newProducer` push. */
  add(producers: readonly AnnouncedProducer[]): void {
    for (const producer of producers) if (producer.feed !== 'return') this.announced.set(producer.producerId, producer);
    this.reconcile();
  }

  /** A `producerClosed` push: its track leaves at once; another feed takes its place if there is one. */
  remove(producerId: string): void {
    this.announced.delete(producerId);
    for (const slot of ['audio', 'video'] as const) {
      const received = this[slot];
      if (received?.producer.producerId !== producerId) continue;
      this[slot] = null;
      this.events.stream.removeTrack(received.consumer.track);
      received.consumer.close();
      this.events.onTracksChanged();
    }
    this.reconcile();
  }

  /** The screen turned or the window was resized: the other feed may fit better now. */
  viewportChanged(): void {
    this.reconcile();
  }

  close(): void {
    this.closed = true;
    this.audio?.consumer.close();
    this.video?.consumer.close();
    this.transport?.close();
  }

  private reconcile(): void {
    this.work = this.work.then(() => this.apply()).catch((error: unknown) => this.failed(error));
  }

  private failed(error: unknown): void {
    if (this.closed) return;
    if ((error as Error).name === 'UnsupportedError') this.events.onUnsupported();
    else this.events.onBroken(error);
  }

  /** Makes what is received match what is announced and what fits the screen. One at a time (`work`). */
  private async apply(): Promise<void> {
    if (this.closed || this.announced.size === 0) return;
    if (!this.transport) await this.openTransport();
    const mainAudio = this.find('audio', 'main');
    const hasVertical = this.find('video', 'vertical') !== undefined;
    const shown = this.video && this.choseWithVertical ? (this.video.producer.feed as VideoFeed) : null;
    const wanted = chooseVideoFeed(this.events.viewport(), hasVertical, shown);
    this.choseWithVertical = hasVertical;
    const video = this.find('video', wanted) ?? this.find('video', 'main');
    // Both at once: on a phone every round trip is time to the first frame.
    await Promise.all([
      mainAudio && mainAudio.producerId !== this.audio?.producer.producerId ? this.receiveAudio(mainAudio) : null,
      video && video.producerId !== this.video?.producer.producerId ? this.receiveVideo(video) : null,
    ]);
  }

  private find(kind: 'audio' | 'video', feed: VideoFeed): AnnouncedProducer | undefined {
    for (const producer of this.announced.values()) if (producer.kind === kind && producer.feed === feed) return producer;
    return undefined;
  }

  private async openTransport(): Promise<void> {
    const { device, transport } = await openRecvTransport(this.requests);
    if (this.closed) {
      transport.close();
      return;
    }
    this.device = device;
    this.transport = transport;
    this.watchIce(transport);
  }

  private async receiveAudio(producer: AnnouncedProducer): Promise<void> {
    const consumer = await this.consume(producer);
    if (!consumer) return;
    const old = this.audio;
    this.audio = { producer, consumer };
    this.replaceTrack(old?.consumer.track ?? null, consumer.track);
    old?.consumer.close();
    await this.resume(consumer);
  }

  /**
   * Brings in a video feed. While another one shows, the new one plays off
   * screen first and the old one goes only then: turning a phone never shows
   * a black picture.
   */
  private async receiveVideo(producer: AnnouncedProducer): Promise<void> {
    const consumer = await this.consume(producer);
    if (!consumer) return;
    const old = this.video;
    if (old && !old.consumer.closed) {
      await this.resume(consumer);
      await Promise.race([this.events.whenPlaying(consumer.track).catch(() => undefined), delay(SWITCH_WAIT_MS)]);
      if (this.closed || !this.announced.has(producer.producerId)) {
        consumer.close();
        return;
      }
      // The old feed may have closed meanwhile (remove() took its track out already).
      const current = this.video;
      this.video = { producer, consumer };
      this.replaceTrack(current?.consumer.track ?? null, consumer.track);
      current?.consumer.close();
    } else {
      this.video = { producer, consumer };
      this.replaceTrack(null, consumer.track);
      await this.resume(consumer);
    }
    this.events.onVideoFeed(producer.feed === 'vertical' ? 'vertical' : 'main');
  }

  /** A paused consumer of the feed, or null when the feed went while asking (a newer one is on its way). */
  private async consume(producer: AnnouncedProducer): Promise<types.Consumer | null> {
    const { device, transport } = this;
    if (!device || !transport) return null;
    try {
      const reply = await this.requests.request({
        type: 'consume',
        transportId: transport.id,
        producerId: producer.producerId,
        rtpCapabilities: device.rtpCapabilities,
      });
      const consumer = await transport.consume({
        id: reply.consumerId,
        producerId: reply.producerId,
        kind: reply.kind,
        rtpParameters: reply.rtpParameters as unknown as types.RtpParameters,
      });
      if (this.closed || !this.announced.has(producer.producerId)) {
        consumer.close();
        return null;
      }
      return consumer;
    } catch (error) {
      if (this.closed || !this.announced.has(producer.producerId)) return null;
      throw error;
    }
  }

  /** The track is attached (or playing off screen): now the server may send (a keyframe first). */
  private async resume(consumer: types.Consumer): Promise<void> {
    await this.requests.request({ type: 'resume', consumerId: consumer.id });
    // Marks let the page's own timeline show where join-to-first-frame goes.
    performance.mark(`lss:${consumer.kind}-resumed`);
  }

  private replaceTrack(old: MediaStreamTrack | null, track: MediaStreamTrack): void {
    const { stream } = this.events;
    // Any older track of the kind goes too (a host who re-produced after a network blip).
    if (old) stream.removeTrack(old);
    for (const other of stream.getTracks()) if (other.kind === track.kind && other !== track) stream.removeTrack(other);
    stream.addTrack(track);
    this.events.onTracksChanged();
  }

  private watchIce(transport: types.Transport): void {
    let graceTimer: ReturnType<typeof setTimeout> | null = null;
    const restartIce = async () => {
      if (this.closed || transport.closed) return;
      try {
        const { iceParameters } = await this.requests.request({ type: 'restartIce', transportId: transport.id });
        await transport.restartIce({ iceParameters: iceParameters as unknown as types.IceParameters });
      } catch (error) {
        if (!this.closed) this.events.onBroken(error);
      }
    };
    transport.on('connectionstatechange', (state) => {
      if (graceTimer) clearTimeout(graceTimer);
      graceTimer = null;
      if (state === 'failed') void restartIce();
      else if (state === 'disconnected') graceTimer = setTimeout(() => void restartIce(), ICE_DISCONNECTED_GRACE_MS);
    });
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
