import { Device, type types } from 'mediasoup-client';
import type { MediaFeed } from '../../shared/sfu/protocol.js';
import { SignalRequestError, type SignalRequests } from '../../shared/sfu/signal-requests.js';

/** Runs in the renderer: the signaling steps that turn a joined host session into a send transport. */

/**
 * Loads a fresh Device with the router's capabilities (a restarted SFU may
 * offer other ones) and opens the send transport, its `connect` and
 * `produce` events answered over the signaling requests. The caller
 * (PublishClient) owns and closes both.
 */
export async function openSendTransport(requests: SignalRequests): Promise<{ device: Device; transport: types.Transport }> {
  // Both asked at once: one round trip less before the first frame.
  const [{ rtpCapabilities }, info] = await Promise.all([
    requests.request({ type: 'routerRtpCapabilities' }),
    requests.request({ type: 'createTransport', direction: 'send' }),
  ]);
  const device = new Device();
  await device.load({ routerRtpCapabilities: rtpCapabilities as unknown as types.RtpCapabilities });
  if (!device.canProduce('video')) throw new SignalRequestError('media-rejected', 'this browser cannot send VP8 video');
  const transport = device.createSendTransport({
    id: info.transportId,
    iceParameters: info.iceParameters as unknown as types.IceParameters,
    iceCandidates: info.iceCandidates as unknown as types.IceCandidate[],
    dtlsParameters: info.dtlsParameters as unknown as types.DtlsParameters,
  });
  transport.on('connect', ({ dtlsParameters }, done, fail) => {
    requests.request({ type: 'connectTransport', transportId: transport.id, dtlsParameters }).then(() => done(), fail);
  });
  transport.on('produce', ({ kind, rtpParameters, appData }, done, fail) => {
    // A producer made with appData { feed } goes out as that feed (the vertical canvas: 'vertical'); else the main one.
    const feed = feedOf(appData);
    // mediasoup-client's RtpParameters travel unchanged; the SFU checks their shape and mediasoup their content.
    requests
      .request({ type: 'produce', transportId: transport.id, kind, rtpParameters: rtpParameters as never, ...(feed ? { feed } : {}) })
      .then(({ producerId }) => done({ id: producerId }), fail);
  });
  return { device, transport };
}

const FEEDS: readonly MediaFeed[] = ['main', 'vertical', 'return'];
const feedOf = (appData: Record<string, unknown>): MediaFeed | null => FEEDS.find((f) => f === appData['feed']) ?? null;
