/**
 * Runs in the guest's browser: the signaling steps that give a joined guest
 * its two transports on one mediasoup-client Device — send (its camera and
 * mic) and receive (the program and the voices it hears) — and ICE recovery.
 * The caller (GuestSession) owns and closes them.
 */
import { Device, type types } from 'mediasoup-client';
import type { SignalRequests } from '../../shared/sfu/signal-requests.js';

/** ICE "disconnected" often heals by itself (Wi-Fi to 4G); restart only if it lingers. */
const ICE_DISCONNECTED_GRACE_MS = 3_000;

export interface GuestTransports {
  readonly device: Device;
  readonly send: types.Transport;
  readonly recv: types.Transport;
}

export async function openGuestTransports(requests: SignalRequests): Promise<GuestTransports> {
  // Asked at once: each round trip is time the host waits to see the guest.
  const [{ rtpCapabilities }, sendInfo, recvInfo] = await Promise.all([
    requests.request({ type: 'routerRtpCapabilities' }),
    requests.request({ type: 'createTransport', direction: 'send' }),
    requests.request({ type: 'createTransport', direction: 'recv' }),
  ]);
  const device = new Device();
  await device.load({ routerRtpCapabilities: rtpCapabilities as unknown as types.RtpCapabilities });
  const options = (info: typeof sendInfo) => ({
    id: info.transportId,
    iceParameters: info.iceParameters as unknown as types.IceParameters,
    iceCandidates: info.iceCandidates as unknown as types.IceCandidate[],
    dtlsParameters: info.dtlsParameters as unknown as types.DtlsParameters,
  });
  const send = device.createSendTransport(options(sendInfo));
  const recv = device.createRecvTransport(options(recvInfo));
  for (const transport of [send, recv]) {
    transport.on('connect', ({ dtlsParameters }, done, fail) => {
      requests.request({ type: 'connectTransport', transportId: transport.id, dtlsParameters }).then(() => done(), fail);
    });
  }
  send.on('produce', ({ kind, rtpParameters }, done, fail) => {
    requests
      .request({ type: 'produce', transportId: send.id, kind, rtpParameters: rtpParameters as never, feed: 'main' })
      .then(({ producerId }) => done({ id: producerId }), fail);
  });
  return { device, send, recv };
}

/** Restarts ICE when it failed (or stayed disconnected); `onGiveUp` when that fails too (the caller rejoins). */
export function watchIce(transport: types.Transport, requests: SignalRequests, onGiveUp: () => void): void {
  let graceTimer: ReturnType<typeof setTimeout> | null = null;
  const restartIce = async () => {
    if (transport.closed) return;
    try {
      const { iceParameters } = await requests.request({ type: 'restartIce', transportId: transport.id });
      await transport.restartIce({ iceParameters: iceParameters as unknown as types.IceParameters });
    } catch {
      onGiveUp();
    }
  };
  transport.on('connectionstatechange', (state) => {
    if (graceTimer) clearTimeout(graceTimer);
    graceTimer = null;
    if (state === 'failed') void restartIce();
    else if (state === 'disconnected') graceTimer = setTimeout(() => void restartIce(), ICE_DISCONNECTED_GRACE_MS);
  });
}
