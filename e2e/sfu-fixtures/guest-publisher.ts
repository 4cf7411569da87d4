/**
 * A stand-in guest for the guest-media end-to-end test (not the real guest
 * page): joins from an invite token, sends a solid-colour picture (so the
 * test can find it in the studio's program) and the fake microphone, and
 * records what the SFU tells it to play. Exposed as `window.testGuest`.
 * Bundled by the test with esbuild.
 */
import { Device, type types } from 'mediasoup-client';
import type { GuestView } from '../../src/shared/sfu/protocol-guests.js';
import type { SignalServerMessage } from '../../src/shared/sfu/protocol.js';
import { SignalRequests } from '../../src/shared/sfu/signal-requests.js';

declare global {
  interface Window {
    testGuest: {
      state: 'starting' | 'sending' | 'failed';
      error?: string;
      guestId?: string;
      /** The latest GuestView (join reply, then `guestView` pushes). */
      view: GuestView | null;
    };
  }
}

const params = new URLSearchParams(location.search);
const signalUrl = params.get('signal')!;
const show = params.get('show')!;
const guestToken = params.get('token')!;
const name = params.get('name')!;
const colour = params.get('colour') ?? '#ff00ff';

window.testGuest = { state: 'starting', view: null };

const ws = new WebSocket(signalUrl);
const requests = new SignalRequests({
  send: (text) => ws.send(text),
  schedule: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  },
});
ws.addEventListener('message', (event) => {
  const text = String(event.data);
  const message = JSON.parse(text) as SignalServerMessage;
  if (message.type === 'guestView') window.testGuest.view = message.view;
  requests.receive(text);
});

/** A solid picture, repainted so the encoder always has a frame for a keyframe request. */
function colourTrack(): MediaStreamTrack {
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 360;
  const ctx = canvas.getContext('2d')!;
  let tick = 0;
  const paint = () => {
    ctx.fillStyle = colour;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    // One pixel changes every frame: a fully static canvas may stop producing frames.
    ctx.fillStyle = tick++ % 2 ? '#000' : colour;
    ctx.fillRect(0, 0, 1, 1);
  };
  paint();
  setInterval(paint, 50);
  return canvas.captureStream(20).getVideoTracks()[0]!;
}

async function join(): Promise<void> {
  await new Promise((resolve) => ws.addEventListener('open', resolve, { once: true }));
  const guestKey = Array.from(crypto.getRandomValues(new Uint8Array(18)), (b) => (b % 36).toString(36)).join('');
  const joined = await requests.request({ type: 'join', show, role: 'guest', guestToken, name, guestKey });
  window.testGuest.view = joined.guest ?? null;
  if (joined.guest) window.testGuest.guestId = joined.guest.guestId;
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
  transport.on('connect', ({ dtlsParameters }, done, fail) => {
    requests.request({ type: 'connectTransport', transportId: transport.id, dtlsParameters }).then(() => done(), fail);
  });
  transport.on('produce', ({ kind, rtpParameters }, done, fail) => {
    requests
      .request({ type: 'produce', transportId: transport.id, kind, rtpParameters: rtpParameters as never })
      .then(({ producerId }) => done({ id: producerId }), fail);
  });
  const mic = await navigator.mediaDevices.getUserMedia({ audio: true });
  await transport.produce({ track: colourTrack() });
  await transport.produce({ track: mic.getAudioTracks()[0]! });
  window.testGuest.state = 'sending';
}

join().catch((error: unknown) => {
  window.testGuest.state = 'failed';
  window.testGuest.error = String((error as Error).stack ?? error);
});
