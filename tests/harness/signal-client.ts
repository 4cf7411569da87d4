/**
 * A Node signaling client for the SFU's integration tests (real mediasoup
 * worker), the studio tests and scripts/readme-screenshot.ts, plus fake RTP
 * parameters and a sample card. A harness: no vitest here.
 */
import crypto from 'node:crypto';
import WebSocket from 'ws';
import type { GuestInviteEntry } from '../../src/shared/sfu/protocol-guests.js';
import type { SignalPush, SignalServerMessage } from '../../src/shared/sfu/protocol.js';
import { SignalRequests } from '../../src/shared/sfu/signal-requests.js';
import type { SfuServer } from '../../src/sfu/sfu-server.js';

/** A signaling client as a test sees it: typed requests, raw frames, and everything received. */
export class TestSignalClient {
  readonly requests: SignalRequests;
  readonly received: SignalServerMessage[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly waiters: Array<() => void> = [];

  private constructor(private readonly ws: WebSocket) {
    this.requests = new SignalRequests({
      send: (text) => ws.send(text),
      schedule: (callback, ms) => {
        const timer = setTimeout(callback, ms);
        return () => clearTimeout(timer);
      },
      timeoutMs: 5000,
    });
    ws.on('message', (data) => {
      const text = data.toString();
      this.received.push(JSON.parse(text) as SignalServerMessage);
      this.requests.receive(text);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        this.requests.failAll();
        resolve({ code, reason: reason.toString() });
        for (const wake of this.waiters.splice(0)) wake();
      });
    });
  }

  /**
   * `headers` as a browser page would send them (Origin, Host); `localAddress`
   * a loopback address of its own (127.0.0.x), as viewers come from their own
   * networks: the SFU caps connections, chat and bids per address.
   */
  static async connect(
    sfu: Pick<SfuServer, 'signalUrl'>,
    headers: Readonly<Record<string, string>> = {},
    localAddress?: string,
  ): Promise<TestSignalClient> {
    const ws = new WebSocket(sfu.signalUrl, { headers, ...(localAddress ? { localAddress } : {}) });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
    return new TestSignalClient(ws);
  }

  /** Sends a frame as is (malformed ones included). */
  sendRaw(data: string | Buffer): void {
    this.ws.send(data);
  }

  pushes<T extends SignalPush['type']>(type: T): Extract<SignalPush, { type: T }>[] {
    return this.received.filter((m): m is Extract<SignalPush, { type: T }> => m.type === type);
  }

  /** Resolves with the first received message matching `match` (already received ones count). */
  async waitFor<M extends SignalServerMessage>(match: (m: SignalServerMessage) => m is M, timeoutMs?: number): Promise<M>;
  async waitFor(match: (m: SignalServerMessage) => boolean, timeoutMs?: number): Promise<SignalServerMessage>;
  async waitFor(match: (m: SignalServerMessage) => boolean, timeoutMs = 5000): Promise<SignalServerMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`Timed out; received: ${JSON.stringify(this.received).slice(0, 2000)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()) + 1);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  waitForPush<T extends SignalPush['type']>(type: T, timeoutMs?: number): Promise<Extract<SignalPush, { type: T }>> {
    return this.waitFor((m): m is Extract<SignalPush, { type: T }> => m.type === type, timeoutMs);
  }

  close(): void {
    this.ws.close();
  }
}

/**
 * RTP parameters as a browser would send them for `produce`, without a
 * browser: enough for mediasoup to create real producers and consumers.
 */
export const fakeRtpParameters = {
  video: {
    mid: '0',
    codecs: [
      {
        mimeType: 'video/VP8',
        payloadType: 96,
        clockRate: 90000,
        rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }, { type: 'goog-remb' }],
      },
      { mimeType: 'video/rtx', payloadType: 97, clockRate: 90000, parameters: { apt: 96 } },
    ],
    headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1 }],
    // Three simulcast layers, as the studio publishes.
    encodings: [
      { ssrc: 11110, rtx: { ssrc: 11111 }, scaleResolutionDownBy: 4 },
      { ssrc: 22220, rtx: { ssrc: 22221 }, scaleResolutionDownBy: 2 },
      { ssrc: 33330, rtx: { ssrc: 33331 } },
    ],
    rtcp: { cname: 'studio' },
  },
  audio: {
    mid: '1',
    codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }],
    headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1 }],
    encodings: [{ ssrc: 44440 }],
    rtcp: { cname: 'studio' },
  },
};

/** A host that joined, opened a send transport and produces fake audio and video. */
export async function joinAsProducingHost(sfu: Pick<SfuServer, 'signalUrl'>, show: string, hostToken: string) {
  const host = await TestSignalClient.connect(sfu);
  await host.requests.request({ type: 'join', show, role: 'host', hostToken });
  const transport = await host.requests.request({ type: 'createTransport', direction: 'send' });
  const video = await host.requests.request({
    type: 'produce',
    transportId: transport.transportId,
    kind: 'video',
    rtpParameters: fakeRtpParameters.video,
  });
  const audio = await host.requests.request({
    type: 'produce',
    transportId: transport.transportId,
    kind: 'audio',
    rtpParameters: fakeRtpParameters.audio,
  });
  return { host, transportId: transport.transportId, videoProducerId: video.producerId, audioProducerId: audio.producerId };
}

/** A guest invite as the studio makes one: the token for the link, the entry (its hash) for `guestInvites`. */
export function makeGuestInvite(
  inviteId: string,
  options: { readonly singleUse?: boolean; readonly expiresAt?: number | null; readonly label?: string } = {},
): { token: string; entry: GuestInviteEntry } {
  const token = crypto.randomBytes(32).toString('base64url');
  return {
    token,
    entry: {
      inviteId,
      tokenHash: crypto.createHash('sha256').update(token).digest('hex'),
      label: options.label ?? `Guest ${inviteId}`,
      expiresAt: options.expiresAt ?? null,
      singleUse: options.singleUse ?? false,
    },
  };
}

/** A guest page's own key (kept in its storage: the same key is the same guest). */
export function newGuestKey(): string {
  return crypto.randomBytes(18).toString('base64url');
}

/** A guest page that joined with an invite token (throws the refusal when it is not admitted). */
export async function joinAsGuest(
  sfu: Pick<SfuServer, 'signalUrl'>,
  show: string,
  guestToken: string,
  options: { readonly name?: string; readonly guestKey?: string } = {},
) {
  const client = await TestSignalClient.connect(sfu);
  const guestKey = options.guestKey ?? newGuestKey();
  try {
    const reply = await client.requests.request({ type: 'join', show, role: 'guest', guestToken, guestKey, name: options.name ?? 'Dana' });
    return { client, guestKey, reply };
  } catch (error) {
    client.close();
    throw error;
  }
}

/** A joined guest (or host connection) opens a send transport and produces fake audio and video. */
export async function produceGuestMedia(client: TestSignalClient) {
  const transport = await client.requests.request({ type: 'createTransport', direction: 'send' });
  const video = await client.requests.request({ type: 'produce', transportId: transport.transportId, kind: 'video', rtpParameters: fakeRtpParameters.video });
  const audio = await client.requests.request({ type: 'produce', transportId: transport.transportId, kind: 'audio', rtpParameters: fakeRtpParameters.audio });
  return { transportId: transport.transportId, videoProducerId: video.producerId, audioProducerId: audio.producerId };
}

/** Opens a recv transport on `client`; `consume` asks for one producer on it (the reply, or the refusal thrown). */
export async function openRecv(client: TestSignalClient) {
  const { rtpCapabilities } = await client.requests.request({ type: 'routerRtpCapabilities' });
  const transport = await client.requests.request({ type: 'createTransport', direction: 'recv' });
  return {
    transportId: transport.transportId,
    consume: (producerId: string, replace = false) =>
      client.requests.request({ type: 'consume', transportId: transport.transportId, producerId, rtpCapabilities, replace }),
  };
}

/** The host's `return` audio (the program mix without guests, which guests hear) on its send transport. */
export async function produceReturnAudio(host: TestSignalClient, transportId: string): Promise<string> {
  const rtpParameters = { ...fakeRtpParameters.audio, mid: '2', encodings: [{ ssrc: 55550 }] };
  return (await host.requests.request({ type: 'produce', transportId, kind: 'audio', rtpParameters, feed: 'return' })).producerId;
}

/** The studio's own link (long-lived token, confirmsChat): it sends the invites and the guest controls. */
export async function joinAsStudioLink(sfu: Pick<SfuServer, 'signalUrl'>, show: string, hostToken: string) {
  const link = await TestSignalClient.connect(sfu);
  const reply = await link.requests.request({ type: 'join', show, role: 'host', hostToken, confirmsChat: true });
  return { link, reply };
}

export const sampleCard = {
  productId: 'sku-1042',
  title: 'Linen wrap dress',
  variantTitle: 'M / Sand',
  price: '59.00',
  compareAtPrice: '79.00',
  currency: 'USD',
  imageUrl: 'https://cdn.example-shop.com/dress.jpg',
  stock: 3,
  buyUrl: 'https://example-shop.com/products/linen-wrap-dress?variant=42',
};
