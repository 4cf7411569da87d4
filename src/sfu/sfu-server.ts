import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { SFU_PROTOCOL_VERSION, SIGNAL_PATH } from '../shared/sfu/protocol-constants.js';
import { HostTokens } from './host-tokens.js';
import { SfuMediaStore } from './media-store.js';
import { handleSfuHttp, type HealthReport } from './http-routes.js';
import { RoomRegistry } from './room-registry.js';
import { createSfuLog } from './sfu-log.js';
import { resolveSfuOptions, type SfuOptions } from './sfu-options.js';
import { SignalingServer } from './signaling-server.js';
import { MEDIASOUP_VERSION } from './worker-binary.js';
import { WorkerPool } from './worker-pool.js';

export interface SfuServer {
  readonly port: number;
  /** Base URL, e.g. http://127.0.0.1:4443 */
  readonly url: string;
  /** ws(s)://host:port/signal */
  readonly signalUrl: string;
  readonly options: SfuOptions;
  watchUrl(show: string): string;
  health(): HealthReport;
  /** Worker process ids (tests kill one to exercise recovery). */
  workerPids(): number[];
  /**
   * Multistream's running ffmpeg processes (each show's encoder, one pusher
   * per connected destination) with their pids: a benchmark reads their CPU
   * from /proc/<pid>/stat. Never sent over the protocol.
   */
  egressProcesses(): { readonly show: string; readonly role: 'encoder' | 'pusher'; readonly destinationId: string | null; readonly pid: number }[];
  /** Tells every viewer the show ended, closes sockets, workers and the port. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts the SFU: mediasoup workers, the HTTP server (health, watch page)
 * and the signaling WebSocket on the same port. The studio embeds it with
 * the defaults (loopback); `studio sfu` runs it on a server.
 */
export async function startSfuServer(partial: Partial<SfuOptions> = {}): Promise<SfuServer> {
  const options = resolveSfuOptions(partial);
  const log = createSfuLog(options.logLevel);
  const startedAt = Date.now();
  const pool = await WorkerPool.start(options, log);
  const rooms = new RoomRegistry(pool, options, log);
  const hostTokens = new HostTokens(options.defaultHostToken, options.hostTokens);
  const signaling = new SignalingServer({ options, rooms, hostTokens, log });
  let closing: Promise<void> | null = null;

  const health = (): HealthReport => {
    const totals = rooms.totals();
    const alive = pool.aliveCount;
    return {
      ok: closing === null && alive === pool.size,
      protocolVersion: SFU_PROTOCOL_VERSION,
      mediasoupVersion: MEDIASOUP_VERSION,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      workers: { total: pool.size, alive },
      rooms: totals.rooms,
      liveShows: totals.liveRooms,
      hosts: totals.hosts,
      viewers: totals.viewers,
      waiting: totals.waiting,
      connections: signaling.connectionCount,
    };
  };

  const secure = options.tls !== null;
  // Product pictures the studio sends before a pin, in memory (media-routes.ts).
  const media = { store: new SfuMediaStore(options.mediaMaxBytes), checkHostToken: (req: http.IncomingMessage, show: string, token: string) => signaling.checkHostTokenOverHttp(req, show, token) };
  const onRequest: http.RequestListener = (req, res) => {
    handleSfuHttp({ viewerDir: options.viewerDir, replayDir: options.replayDir, secure, health, embedOrigins: options.embedOrigins, media }, req, res).catch((error: unknown) => {
      log.error('HTTP request failed', error);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Internal error');
    });
  };
  const server = options.tls
    ? https.createServer({ cert: fs.readFileSync(options.tls.certFile), key: fs.readFileSync(options.tls.keyFile) }, onRequest)
    : http.createServer(onRequest);
  server.on('upgrade', (req, socket, head) => {
    // Until `ws` takes the socket over (or if we refuse it), a reset by the client must not go unheard.
    socket.on('error', () => undefined);
    if (!signaling.handleUpgrade(req, socket, head)) socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.httpHost, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    pool.close();
    throw error;
  }
  // Without a listener an 'error' here would be an uncaught exception: every show on this SFU would end.
  server.on('error', (error) => log.error('the HTTP server failed', error));
  const port = (server.address() as AddressInfo).port;
  const displayHost = urlHost(options);
  const url = `${secure ? 'https' : 'http'}://${displayHost}:${port}`;
  log.info(`listening on ${url}`);

  const close = (): Promise<void> => {
    closing ??= (async () => {
      signaling.shutdown();
      // Every show's encoder and pushers end before the workers do: no ffmpeg outlives the SFU.
      await rooms.endAllEgress('The media server is shutting down.');
      rooms.closeAll();
      pool.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      log.info('stopped');
    })();
    return closing;
  };

  return {
    port,
    url,
    signalUrl: `${secure ? 'wss' : 'ws'}://${displayHost}:${port}${SIGNAL_PATH}`,
    options,
    watchUrl: (show) => `${url}/watch/${encodeURIComponent(show)}`,
    health,
    workerPids: () => pool.workerPids(),
    egressProcesses: () => rooms.egressProcesses(),
    close,
  };
}

/** The host to print in URLs: the announced address when binding everything, else the bound one. */
function urlHost(options: SfuOptions): string {
  const host =
    options.httpHost === '0.0.0.0' || options.httpHost === '::'
      ? (options.listenIps[0]?.announcedIp ?? '127.0.0.1')
      : options.httpHost;
  return host.includes(':') ? `[${host}]` : host;
}
