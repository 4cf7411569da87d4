/**
 * The SFU service's public surface. Runs in plain Node (no Electron): the
 * studio starts one as its embedded SFU, and `studio sfu` runs one on a
 * server. Clients (the studio's publisher, the watch page) speak the
 * protocol in src/shared/sfu/protocol.ts over the network, never calls.
 */
export { startSfuServer, type SfuServer } from './sfu-server.js';
export { resolveSfuOptions, guessAnnouncedIp, type SfuOptions, type RtcListenIp, type RateLimit } from './sfu-options.js';
export { chooseWorkerBinary, cachedWorkerPath, MEDIASOUP_VERSION } from './worker-binary.js';
