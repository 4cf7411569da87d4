import { Device, type types } from 'mediasoup-client';
import type { SignalRequests } from '../../shared/sfu/signal-requests.js';

/** Runs in the viewer's browser: the signaling steps that turn a joined viewer session into a receive transport. */

/**
 * Loads a fresh Device with the router's capabilities (a restarted SFU may
 * offer other ones) and opens the receive transport, its `connect` event
 * answered over the signaling requests. The caller (WatchSession) owns and
 * closes both.
 */
export async function openRecvTransport(requests: SignalRequests): Promise<{ device: Device; transport: types.Transport }> {
  // Both asked at once: on a phone every round trip is 50-150 ms of waiting for the first frame.
  const [{ rtpCapabilities }, info] = await Promise.all([
    requests.request({ type: 'routerRtpCapabilities' }),
    requests.request({ type: 'createTransport', direction: 'recv' }),
  ]);
  const device = new Device();
  await device.load({ routerRtpCapabilities: rtpCapabilities as unknown as types.RtpCapabilities });
  const transport = device.createRecvTransport({
    id: info.transportId,
    iceParameters: info.iceParameters as unknown as types.IceParameters,
    iceCandidates: info.iceCandidates as unknown as types.IceCandidate[],
    dtlsParameters: info.dtlsParameters as unknown as types.DtlsParameters,
  });
  transport.on('connect', ({ dtlsParameters }, done, fail) => {
    requests.request({ type: 'connectTransport', transportId: transport.id, dtlsParameters }).then(() => done(), fail);
  });
  return { device, transport };
}
