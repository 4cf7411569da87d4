import { DESKTOP_STUDIO_ORIGIN, LOOPBACK_NAMES } from '../../shared/net/request-access.js';
import { lanAddresses } from '../control-server/control-server-manager.js';
import { startSfuServer, type RtcListenIp, type SfuServer } from '../../sfu/index.js';

export interface EmbeddedSfuConfig {
  /** 0 picks a free port (tests). */
  readonly port: number;
  /** Let devices on the same network watch. */
  readonly allowLan: boolean;
  /** The built watch page (dist/viewer); undefined: the SFU's default next to its source. */
  readonly viewerDir: string | undefined;
  /** Published replays (`<data folder>/replays`), served at /replay/<name>/; undefined: no replay route. */
  readonly replayDir?: string | undefined;
  /** Stable viewer ids across runs (see ViewerIds); null: random per run. */
  readonly viewerIdSalt: string | null;
  /** The ffmpeg multistream runs (Settings); null: the SFU's default (LSS_FFMPEG, else "ffmpeg" on PATH). */
  readonly ffmpegPath: string | null;
  /** Who may host which show: the studio's secret for its room, made for this run. */
  readonly hostTokens: Readonly<Record<string, string>>;
  /** The practice audience's secret, made for this run: its connections skip the per-address limits (SfuOptions.audienceKey). */
  readonly audienceKey: string;
  /** Pages allowed to frame the embedded player: Settings → Store, read on every request (no restart when it changes). */
  readonly embedOrigins?: () => readonly string[];
}

export type EmbeddedSfuStart = { readonly ok: true; readonly server: SfuServer } | { readonly ok: false; readonly error: string };

/**
 * Starts the studio's own SFU on this computer (one mediasoup worker: one
 * show, a laptop's cores are busy encoding).
 *
 * Binding: loopback only by default, like the producer console, so nothing
 * is exposed until the host opts in. With "allow LAN" the HTTP/WebSocket
 * port listens on every interface and WebRTC listens on loopback plus each
 * LAN address (not 0.0.0.0 with one announced address), so a phone on the
 * Wi-Fi, a second network card and this computer's own browser all get a
 * candidate they can reach. Viewers on the internet need a remote SFU
 * (`studio sfu` on a server): a laptop behind home NAT cannot serve them.
 */
export async function startEmbeddedSfu(config: EmbeddedSfuConfig): Promise<EmbeddedSfuStart> {
  const listenIps: RtcListenIp[] = [{ ip: '127.0.0.1' }];
  if (config.allowLan) for (const ip of lanAddresses()) listenIps.push({ ip });
  try {
    const server = await startSfuServer({
      port: config.port,
      httpHost: config.allowLan ? '0.0.0.0' : '127.0.0.1',
      listenIps,
      workers: 1,
      // The studio's room only, with this run's secret; no server-wide token.
      defaultHostToken: null,
      hostTokens: config.hostTokens,
      logLevel: 'warn',
      // A practice show's simulated audience (up to 200, from main) carries this; every other connection, loopback
      // included (a tunnel such as ngrok makes every real viewer 127.0.0.1), keeps one household's share.
      audienceKey: config.audienceKey,
      viewerIdSalt: config.viewerIdSalt,
      // Hosting is for this studio: reached at this computer's addresses, from its window or its own pages.
      hostAccess: { names: () => [...LOOPBACK_NAMES, ...(config.allowLan ? lanAddresses() : [])], origins: [DESKTOP_STUDIO_ORIGIN] },
      ...(config.viewerDir !== undefined ? { viewerDir: config.viewerDir } : {}),
      ...(config.ffmpegPath !== null ? { ffmpegPath: config.ffmpegPath } : {}),
      replayDir: config.replayDir ?? null,
      ...(config.embedOrigins ? { embedOrigins: config.embedOrigins } : {}),
    });
    return { ok: true, server };
  } catch (error) {
    return { ok: false, error: describeStartError(error, config.port) };
  }
}

function describeStartError(error: unknown, port: number): string {
  const code = (error as NodeJS.ErrnoException).code;
  const message = (error as Error).message ?? String(error);
  if (code === 'EADDRINUSE') {
    return `Port ${port} is already used by another program, so the built-in SFU cannot start. Pick another SFU port in Settings.`;
  }
  if (code === 'EACCES') return `This computer does not allow the built-in SFU to use port ${port}. Pick a port above 1024 in Settings.`;
  if (/mediasoup|worker|spawn|ENOENT|EACCES/i.test(`${message} ${code ?? ''}`)) {
    return (
      `The built-in SFU could not start its media server (mediasoup worker: ${message}). ` +
      'Going live needs it: reinstall the studio, or enter a remote SFU address in Settings. Everything else keeps working.'
    );
  }
  return `The built-in SFU could not start: ${message}`;
}
