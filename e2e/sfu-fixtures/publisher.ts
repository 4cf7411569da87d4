/**
 * A stand-in host for the SFU end-to-end tests (not the studio's
 * PublishClient): publishes the fake camera as three simulcast layers plus
 * the fake microphone, and exposes pin/leave to the test as
 * `window.testPublisher`. Bundled by the test with esbuild.
 */
import { Device, type types } from 'mediasoup-client';
import type { ProductCardInput } from '../../src/shared/sfu/product-card.js';
import { SignalRequests } from '../../src/shared/sfu/signal-requests.js';

declare global {
  interface Window {
    testPublisher: {
      state: 'starting' | 'live' | 'failed' | 'left';
      error?: string;
      setPin(card: ProductCardInput): Promise<unknown>;
      clearPin(): Promise<unknown>;
      leave(): Promise<unknown>;
      sentVideoLayers(): Promise<number>;
      /** Closes the vertical feed (the host turned vertical output off); no-op without one. */
      stopVertical(): Promise<unknown>;
    };
  }
}

const params = new URLSearchParams(location.search);
const signalUrl = params.get('signal')!;
const show = params.get('show')!;
const hostToken = params.get('token')!;
// The camera's size (the program's): 1280x720 unless the test asks for less.
const [cameraWidth, cameraHeight] = (params.get('size') ?? '1280x720').split('x').map(Number) as [number, number];
// `vertical=720x1280`: also a 9:16 `vertical` feed (a canvas drawn here), as the studio's vertical output.
const verticalSize = params.get('vertical')?.split('x').map(Number) as [number, number] | undefined;
let verticalProducer: types.Producer | null = null;

const ws = new WebSocket(signalUrl);
const requests = new SignalRequests({
  send: (text) => ws.send(text),
  schedule: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  },
});
ws.addEventListener('message', (event) => requests.receive(String(event.data)));
let sendTransport: types.Transport | null = null;

window.testPublisher = {
  state: 'starting',
  setPin: (card) => requests.request({ type: 'setPin', card }),
  clearPin: () => requests.request({ type: 'clearPin' }),
  leave: async () => {
    const reply = await requests.request({ type: 'leave' });
    window.testPublisher.state = 'left';
    return reply;
  },
  async stopVertical() {
    if (!verticalProducer) return;
    const producerId = verticalProducer.id;
    verticalProducer.close();
    verticalProducer = null;
    return requests.request({ type: 'closeProducer', producerId });
  },
  async sentVideoLayers() {
    const stats = await sendTransport!.getStats();
    let layers = 0;
    stats.forEach((s: { type: string; kind?: string; bytesSent?: number }) => {
      if (s.type === 'outbound-rtp' && s.kind === 'video' && (s.bytesSent ?? 0) > 0) layers++;
    });
    return layers;
  },
};

async function goLive(): Promise<void> {
  await new Promise((resolve) => ws.addEventListener('open', resolve, { once: true }));
  await requests.request({ type: 'join', show, role: 'host', hostToken });
  const device = new Device();
  const { rtpCapabilities } = await requests.request({ type: 'routerRtpCapabilities' });
  await device.load({ routerRtpCapabilities: rtpCapabilities as unknown as types.RtpCapabilities });
  const info = await requests.request({ type: 'createTransport', direction: 'send' });
  const transport = device.createSendTransport({
    id: info.transportId,
    iceParameters: info.iceParameters as unknown as types.IceParameters,
    iceCandidates: info.iceCandidates as unknown as types.IceCandidate[],
    dtlsParameters: info.dtlsParameters as unknown as types.DtlsParameters,
  });
  sendTransport = transport;
  transport.on('connect', ({ dtlsParameters }, done, fail) => {
    requests.request({ type: 'connectTransport', transportId: transport.id, dtlsParameters }).then(() => done(), fail);
  });
  transport.on('produce', ({ kind, rtpParameters, appData }, done, fail) => {
    const feed = (appData as { feed?: 'main' | 'vertical' }).feed ?? 'main';
    requests
      .request({ type: 'produce', transportId: transport.id, kind, rtpParameters: rtpParameters as never, feed })
      .then(({ producerId }) => done({ id: producerId }), fail);
  });
  const media = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: cameraWidth, height: cameraHeight, frameRate: 30 } });
  await transport.produce({
    track: media.getVideoTracks()[0]!,
    encodings: [
      { rid: 'r0', scaleResolutionDownBy: 4, maxBitrate: 150_000 },
      { rid: 'r1', scaleResolutionDownBy: 2, maxBitrate: 500_000 },
      { rid: 'r2', scaleResolutionDownBy: 1, maxBitrate: 1_200_000 },
    ],
  });
  await transport.produce({ track: media.getAudioTracks()[0]! });
  if (verticalSize) {
    const track = drawnTrack(verticalSize[0], verticalSize[1]);
    verticalProducer = await transport.produce({ track, encodings: [{ maxBitrate: 1_500_000 }], appData: { feed: 'vertical' } });
  }
  window.testPublisher.state = 'live';
}

/** A moving picture of the given size from a canvas; `detail`: the sender keeps its size under load (drops frames instead). */
function drawnTrack(width: number, height: number): MediaStreamTrack {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d')!;
  let frame = 0;
  setInterval(() => {
    frame++;
    context.fillStyle = '#1d4ed8';
    context.fillRect(0, 0, width, height);
    context.fillStyle = '#facc15';
    context.fillRect((frame * 7) % width, height / 3, width / 6, height / 6);
  }, 33);
  const track = canvas.captureStream(30).getVideoTracks()[0]!;
  track.contentHint = 'detail';
  return track;
}

goLive().catch((error: unknown) => {
  window.testPublisher.state = 'failed';
  window.testPublisher.error = String((error as Error).stack ?? error);
});
