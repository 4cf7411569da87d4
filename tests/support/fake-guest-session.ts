/**
 * Stand-ins for a publisher's SFU session as GuestFeeds uses it
 * (src/renderer/publish/guest-feeds.test.ts): signaling requests answered at
 * once and recorded in order, and a mediasoup-client Device whose receive
 * transport makes consumers with plain tracks. No WebRTC: the real thing is
 * e2e/guest-media.spec.ts.
 */
import type { Device } from 'mediasoup-client';
import type { SignalRequests } from '../../src/shared/sfu/signal-requests.js';

export interface FakeConsumer {
  readonly id: string;
  readonly producerId: string;
  readonly kind: 'audio' | 'video';
  readonly track: MediaStreamTrack;
  closed: boolean;
  close(): void;
}

export class FakeGuestSession {
  /** Every request, in the order sent (`type` and the ids that matter). */
  readonly sent: { type: string; id?: string }[] = [];
  readonly consumers: FakeConsumer[] = [];
  transportClosed = false;
  /** Producers the SFU says are gone: consuming them fails with not-found. */
  readonly gone = new Set<string>();
  /** Called as each `resume` is sent (to check what the store held at that moment). */
  onResume: (consumerId: string) => void = () => undefined;
  private next = 0;

  readonly requests = {
    request: (body: { type: string; producerId?: string; consumerId?: string; kind?: string }) => {
      this.sent.push({ type: body.type, ...(body.producerId ? { id: body.producerId } : body.consumerId ? { id: body.consumerId } : {}) });
      switch (body.type) {
        case 'createTransport':
          return Promise.resolve({ transportId: 'recv-1', iceParameters: {}, iceCandidates: [], dtlsParameters: {} });
        case 'consume': {
          const producerId = body.producerId!;
          if (this.gone.has(producerId)) return Promise.reject(new Error('not-found'));
          return Promise.resolve({ consumerId: `c-${producerId}`, producerId, kind: producerId.endsWith('-a') ? 'audio' : 'video', rtpParameters: {} });
        }
        case 'resume':
          this.onResume(body.consumerId!);
          return Promise.resolve({});
        default:
          return Promise.resolve({});
      }
    },
  } as unknown as SignalRequests;

  readonly device = {
    rtpCapabilities: {},
    createRecvTransport: () => this.recvTransport(),
  } as unknown as Device;

  private recvTransport() {
    const isClosed = () => this.transportClosed;
    return {
      id: 'recv-1',
      get closed() {
        return isClosed();
      },
      on: () => undefined,
      close: () => (this.transportClosed = true),
      consume: (options: { id: string; producerId: string; kind: 'audio' | 'video' }) => {
        const consumer: FakeConsumer = {
          id: options.id,
          producerId: options.producerId,
          kind: options.kind,
          track: { id: `track-${options.producerId}-${this.next++}`, kind: options.kind } as unknown as MediaStreamTrack,
          closed: false,
          close: () => (consumer.closed = true),
        };
        this.consumers.push(consumer);
        return Promise.resolve(consumer);
      },
    };
  }
}
