import type { types } from 'mediasoup';
import type { MediaFeed, MediasoupObject, SignalReplyData, TransportInfo } from '../shared/sfu/protocol.js';
import { SignalFailure } from './signal-failure.js';
import type { SfuOptions } from './sfu-options.js';

type Direction = 'send' | 'recv';

/**
 * Bitrates: a phone viewer starts near 1 Mbps; a host may send three simulcast
 * layers of the 16:9 program (~2.6 Mbps), a 9:16 one (up to ~4.3 Mbps at
 * 1080x1920) and two audio feeds on one transport.
 */
const VIEWER_INITIAL_BITRATE = 1_000_000;
const HOST_MAX_INCOMING_BITRATE = 10_000_000;

/**
 * The mediasoup objects of one connection: at most one transport per
 * direction, the host's producers or the viewer's consumers. Every lookup is
 * scoped to this connection, so one client can never touch another's media.
 * Errors from mediasoup about bad parameters become `media-rejected`.
 */
export class PeerMedia {
  private readonly transports = new Map<Direction, types.WebRtcTransport>();
  private readonly producers = new Map<string, types.Producer>();
  private readonly consumers = new Map<string, types.Consumer>();

  constructor(private readonly listenIps: SfuOptions['listenIps']) {}

  async createTransport(router: types.Router, direction: Direction): Promise<TransportInfo> {
    const transport = await router.createWebRtcTransport({
      listenIps: this.listenIps.map((l) => ({ ip: l.ip, ...(l.announcedIp ? { announcedIp: l.announcedIp } : {}) })),
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: VIEWER_INITIAL_BITRATE,
      appData: { direction },
    });
    if (direction === 'send') await transport.setMaxIncomingBitrate(HOST_MAX_INCOMING_BITRATE);
    // A reconnecting client makes a new transport; the old one and its media go.
    this.transports.get(direction)?.close();
    this.transports.set(direction, transport);
    transport.observer.once('close', () => {
      if (this.transports.get(direction) === transport) this.transports.delete(direction);
    });
    return {
      transportId: transport.id,
      iceParameters: transport.iceParameters as unknown as MediasoupObject,
      iceCandidates: transport.iceCandidates as unknown as MediasoupObject[],
      dtlsParameters: transport.dtlsParameters as unknown as MediasoupObject,
    };
  }

  async connectTransport(transportId: string, dtlsParameters: MediasoupObject): Promise<void> {
    const transport = this.transport(transportId);
    if (transport.dtlsState !== 'new') throw new SignalFailure('conflict', 'This transport is already connected.');
    await mediaCall(() => transport.connect({ dtlsParameters: dtlsParameters as unknown as types.DtlsParameters }));
  }

  async restartIce(transportId: string): Promise<SignalReplyData['restartIce']> {
    const iceParameters = await this.transport(transportId).restartIce();
    return { iceParameters: iceParameters as unknown as MediasoupObject };
  }

  async produce(
    transportId: string,
    kind: types.MediaKind,
    rtpParameters: MediasoupObject,
    feed: MediaFeed,
    announce: (producer: types.Producer) => void,
    /** `paused`: starts paused (a guest the host muted or hid). */
    options: { readonly paused?: boolean } = {},
  ): Promise<string> {
    const transport = this.transport(transportId, 'send');
    if ([...this.producers.values()].some((p) => p.kind === kind && feedOf(p) === feed)) {
      throw new SignalFailure('conflict', `This connection already sends ${feed === 'main' ? '' : `${feed} `}${kind}; close that feed first.`);
    }
    const producer = await mediaCall(() =>
      transport.produce({ kind, rtpParameters: rtpParameters as unknown as types.RtpParameters, appData: { feed }, paused: options.paused === true }),
    );
    this.producers.set(producer.id, producer);
    producer.observer.once('close', () => this.producers.delete(producer.id));
    announce(producer);
    return producer.id;
  }

  ownsProducer(producerId: string): boolean {
    return this.producers.has(producerId);
  }

  closeProducer(producerId: string): void {
    const producer = this.producers.get(producerId);
    if (!producer) throw new SignalFailure('not-found', 'No such feed on this connection.');
    producer.close();
  }

  async consume(
    router: types.Router,
    transportId: string,
    producer: types.Producer,
    rtpCapabilities: MediasoupObject,
    replace = false,
  ): Promise<SignalReplyData['consume']> {
    const transport = this.transport(transportId, 'recv');
    // One consumer per feed: more would only multiply the bytes we send to this client. `replace`: the client lost
    // the first one (its answer came too late on a busy laptop) and asks again: the new one replaces it.
    const earlier = [...this.consumers.values()].filter((c) => c.producerId === producer.id);
    if (earlier.length > 0 && !replace) throw new SignalFailure('conflict', 'This connection already receives that feed.');
    for (const old of earlier) old.close();
    const caps = rtpCapabilities as unknown as types.RtpCapabilities;
    let consumable: boolean;
    try {
      consumable = router.canConsume({ producerId: producer.id, rtpCapabilities: caps });
    } catch (error) {
      throw new SignalFailure('media-rejected', `The RTP capabilities are not valid: ${(error as Error).message}`);
    }
    if (!consumable) throw new SignalFailure('media-rejected', 'This browser cannot play the show’s codecs.');
    // Paused until the client has attached the track and asks for `resume`,
    // so the first packet it gets after that is the keyframe we request then.
    const consumer = await mediaCall(() => transport.consume({ producerId: producer.id, rtpCapabilities: caps, paused: true }));
    this.consumers.set(consumer.id, consumer);
    consumer.observer.once('close', () => this.consumers.delete(consumer.id));
    // mediasoup closes the consumer itself when the producer goes; the room tells the client.
    return {
      consumerId: consumer.id,
      producerId: producer.id,
      kind: consumer.kind,
      rtpParameters: consumer.rtpParameters as unknown as MediasoupObject,
    };
  }

  async resume(consumerId: string): Promise<void> {
    const consumer = this.consumers.get(consumerId);
    if (!consumer) throw new SignalFailure('not-found', 'No such consumer on this connection.');
    await consumer.resume();
    if (consumer.kind === 'video') await consumer.requestKeyFrame();
  }

  /** Closes the consumers of producers not in `allowed` (a guest's play list shrank). */
  keepConsumersOf(allowed: ReadonlySet<string>): void {
    for (const consumer of [...this.consumers.values()]) if (!allowed.has(consumer.producerId)) consumer.close();
  }

  /** Closing the transports closes their producers and consumers too. */
  closeAll(): void {
    for (const transport of [...this.transports.values()]) transport.close();
    this.transports.clear();
  }

  /** Counts for the health endpoint and tests. */
  counts(): { transports: number; producers: number; consumers: number } {
    return { transports: this.transports.size, producers: this.producers.size, consumers: this.consumers.size };
  }

  private transport(transportId: string, direction?: Direction): types.WebRtcTransport {
    for (const [dir, transport] of this.transports) {
      if (transport.id !== transportId) continue;
      if (direction && dir !== direction) {
        throw new SignalFailure('conflict', `That is a ${dir} transport; this needs a ${direction} transport.`);
      }
      return transport;
    }
    throw new SignalFailure('not-found', 'No such transport on this connection.');
  }
}

/** Which output a producer carries (`produce`'s `feed`, kept in its appData). */
export function feedOf(producer: types.Producer): MediaFeed {
  const feed = (producer.appData as { feed?: unknown }).feed;
  return feed === 'vertical' || feed === 'return' ? feed : 'main';
}

/** Runs a mediasoup call whose TypeErrors mean "the client's parameters are wrong". */
async function mediaCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof TypeError || (error as Error).name === 'UnsupportedError') {
      throw new SignalFailure('media-rejected', `mediasoup refused the parameters: ${(error as Error).message}`);
    }
    throw error;
  }
}
