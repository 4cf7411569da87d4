import os from 'node:os';
import path from 'node:path';
import { LOOPBACK_NAMES } from '../shared/net/request-access.js';
import { DEFAULT_LOCKOUT_POLICY, type LockoutPolicy } from '../shared/net/token-lockout.js';
import { CHAT_STORED_WAIT_MS } from '../shared/sfu/protocol-chat.js';

/** Where the SFU's WebRTC sockets listen and which address they tell browsers to use. */
export interface RtcListenIp {
  /** Local address to bind ("0.0.0.0" for all IPv4 interfaces). */
  readonly ip: string;
  /**
   * The address browsers should send media to. Needed when `ip` is 0.0.0.0
   * or the server sits behind NAT (a cloud VM's public IP).
   */
  readonly announcedIp?: string;
}

export interface RateLimit {
  /** Tokens the bucket holds (the allowed burst). */
  readonly burst: number;
  /** Tokens added per second. */
  readonly perSecond: number;
}

export interface SfuOptions {
  /** HTTP + WebSocket port; 0 picks a free one. */
  readonly port: number;
  /** Address the HTTP server binds. */
  readonly httpHost: string;
  readonly listenIps: readonly RtcListenIp[];
  readonly rtcMinPort: number;
  readonly rtcMaxPort: number;
  /** mediasoup workers (processes); one per core by default. */
  readonly workers: number;
  /** Also offer H264 (hardware encoders, old Safari); VP8 stays preferred. */
  readonly enableH264: boolean;
  /** Accepted as the host token for every show that has no token of its own. */
  readonly defaultHostToken: string | null;
  /** Per-show host tokens (the studio sets its show's token at run time too). */
  readonly hostTokens: Readonly<Record<string, string>>;
  /** Built viewer page (dist/viewer). */
  readonly viewerDir: string;
  /** Published replays, served at /replay/<name>/ (docs/replay.md); null: no replay route. */
  readonly replayDir: string | null;
  /** Product pictures the studio sent (/media/<id>) are kept in memory up to this many bytes; the least recently served go first. */
  readonly mediaMaxBytes: number;
  /** New WebSocket connections per client IP. */
  readonly connectionRateLimit: RateLimit;
  /**
   * Open connections one client IP may hold at once (viewers and hosts). A
   * household or an office behind one NAT shares an address: 20 lets a
   * crowded office watch, and stops one machine from opening hundreds.
   */
  readonly maxConnectionsPerAddress: number;
  /** Chat messages from one client IP, all its connections together (each connection has its own limit too). */
  readonly chatAddressRateLimit: RateLimit;
  /**
   * A secret a connection may carry in its upgrade request (header
   * `x-lss-audience-key`, AUDIENCE_KEY_HEADER) to skip the per-address limits
   * above (connection rate, open connections, chat and selling actions per
   * address); every per-connection limit still applies. The built-in SFU gets
   * one made for each run, known only to the studio's main process, for a
   * practice show's simulated audience (src/main/practice: up to 200 viewers
   * from this computer). A wrong key counts as none. null (`studio sfu`): no
   * connection skips them.
   */
  readonly audienceKey: string | null;
  /** Bids and giveaway entries from one client IP, all its connections together (apart from chat's budget). */
  readonly sellAddressRateLimit: RateLimit;
  readonly viewerMessageRateLimit: RateLimit;
  readonly hostMessageRateLimit: RateLimit;
  /** A host's chat requests (publish, delete, pin, notice), apart from its other requests. */
  readonly hostChatRateLimit: RateLimit;
  /**
   * A host's `viewerClaims` (each buyer's "My claims"), apart from its chat:
   * a rejoining studio re-sends every buyer's list, paced below this. A
   * refused one is never held against the connection (no strike): it is a
   * refresh the studio sends again at the buyer's next change or reload.
   */
  readonly hostClaimsRateLimit: RateLimit;
  /** Read the client IP from X-Forwarded-For (only behind a reverse proxy you run). */
  readonly trustProxy: boolean;
  /** At most this many shows at once (each holds a mediasoup router). */
  readonly maxRooms: number;
  /** Viewer-count pushes are coalesced to at most one per this many ms. */
  readonly viewerCountIntervalMs: number;
  /**
   * How long a viewer's `chatSend` reply waits for the studio to confirm it
   * stored the message (`chatStored`) before the viewer is told to send it again.
   */
  readonly chatStoredWaitMs: number;
  /** Serve HTTPS/WSS with these PEM files (otherwise put a TLS proxy in front). */
  readonly tls: { readonly certFile: string; readonly keyFile: string } | null;
  /**
   * Key for deriving viewer ids from the watch page's viewerKey. Keep it
   * across restarts so ids (and the studio's bans) stay stable; null: a
   * random one per run.
   */
  readonly viewerIdSalt: string | null;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /**
   * Where a host (a studio) may join from; viewers may come from anywhere.
   * Judged on the WebSocket upgrade of a connection that then asks to join
   * as host. `names`: the names the SFU is reached by; the Host header must
   * be one of them with the port (against DNS rebinding of a built-in SFU);
   * null accepts any Host (a public server behind names it cannot know).
   * A browser page must be on one of these names (loopback when null), on
   * any port, or be one of `origins`; no Origin (a program) is fine.
   */
  readonly hostAccess: { readonly names: (() => readonly string[]) | null; readonly origins: readonly string[] };
  /** How an address that sends wrong host tokens is locked out (src/shared/net/token-lockout.ts). */
  readonly hostTokenLockout: LockoutPolicy;
  /**
   * The ffmpeg that multistream runs (an encoder per show, a pusher per
   * destination): a path, or a name looked up on PATH. `studio sfu --ffmpeg`,
   * or the LSS_FFMPEG environment variable; default `ffmpeg`.
   */
  readonly ffmpegPath: string;
  /**
   * Web pages allowed to frame the embeddable player (`/embed/<show>`,
   * docs/embed.md): normalised origins ("https://shop.example.com") for its
   * `Content-Security-Policy: frame-ancestors`. Read on every request, so the
   * studio's built-in SFU follows Settings → Store without a restart.
   * `studio sfu --embed-origin ORIGIN` (repeatable). Empty: no page may frame it.
   */
  readonly embedOrigins: () => readonly string[];
}

export const defaultViewerDir = (): string => path.resolve(import.meta.dirname, '../../dist/viewer');

/**
 * Defaults suit the studio's embedded SFU: loopback only, so nothing is
 * exposed until the host (or `studio sfu`) says otherwise.
 */
export function resolveSfuOptions(partial: Partial<SfuOptions> = {}): SfuOptions {
  const options: SfuOptions = {
    port: 4443,
    httpHost: '127.0.0.1',
    listenIps: [{ ip: '127.0.0.1' }],
    rtcMinPort: 40000,
    rtcMaxPort: 49999,
    workers: Math.max(1, os.availableParallelism()),
    enableH264: false,
    defaultHostToken: null,
    hostTokens: {},
    viewerDir: defaultViewerDir(),
    replayDir: null,
    mediaMaxBytes: 128 * 1024 * 1024,
    // Generous per IP: a whole venue or a mobile carrier's NAT can share one address.
    connectionRateLimit: { burst: 60, perSecond: 2 },
    // A viewer needs about ten requests to start watching, then almost none.
    maxConnectionsPerAddress: 20,
    // Twenty people in one office chatting briskly; far less than a script flooding moderation.
    chatAddressRateLimit: { burst: 20, perSecond: 4 },
    audienceKey: null,
    // A bidding war among the twenty people of that office; a script bidding on everyone's behalf is stopped.
    sellAddressRateLimit: { burst: 40, perSecond: 10 },
    viewerMessageRateLimit: { burst: 30, perSecond: 5 },
    hostMessageRateLimit: { burst: 120, perSecond: 30 },
    // The studio publishes every approved message: a busy show is hundreds a minute, a raid far more.
    hostChatRateLimit: { burst: 2000, perSecond: 1000 },
    // The studio paces a rejoin's re-send of every buyer's list at 200/s (src/main/claims/viewer-claims.ts).
    hostClaimsRateLimit: { burst: 500, perSecond: 250 },
    trustProxy: false,
    maxRooms: 500,
    viewerCountIntervalMs: 1000,
    chatStoredWaitMs: CHAT_STORED_WAIT_MS,
    tls: null,
    viewerIdSalt: process.env.LSS_SFU_VIEWER_ID_SALT || null,
    logLevel: 'info',
    hostAccess: { names: () => LOOPBACK_NAMES, origins: [] },
    hostTokenLockout: DEFAULT_LOCKOUT_POLICY,
    ffmpegPath: process.env.LSS_FFMPEG || 'ffmpeg',
    embedOrigins: () => [],
    ...partial,
  };
  validateOptions(options);
  return options;
}

function validateOptions(o: SfuOptions): void {
  const isPort = (n: number) => Number.isInteger(n) && n >= 0 && n <= 65535;
  if (!isPort(o.port)) throw new RangeError(`port must be 0-65535 (got ${o.port}).`);
  if (!isPort(o.rtcMinPort) || !isPort(o.rtcMaxPort) || o.rtcMinPort < 1024 || o.rtcMinPort > o.rtcMaxPort) {
    throw new RangeError(`The RTC port range ${o.rtcMinPort}-${o.rtcMaxPort} is not valid (1024-65535, min <= max).`);
  }
  if (!Number.isInteger(o.workers) || o.workers < 1 || o.workers > 64) {
    throw new RangeError(`workers must be 1-64 (got ${o.workers}).`);
  }
  if (!Number.isInteger(o.maxConnectionsPerAddress) || o.maxConnectionsPerAddress < 1) {
    throw new RangeError(`maxConnectionsPerAddress must be a whole number, 1 or more (got ${o.maxConnectionsPerAddress}).`);
  }
  if (!Number.isInteger(o.chatStoredWaitMs) || o.chatStoredWaitMs < 1) {
    throw new RangeError(`chatStoredWaitMs must be a whole number of ms, 1 or more (got ${o.chatStoredWaitMs}).`);
  }
  if (o.ffmpegPath.trim() === '') throw new RangeError('The ffmpeg path is empty: give a path, or "ffmpeg" to use the one on PATH.');
  if (o.listenIps.length === 0) throw new RangeError('At least one listen IP is needed.');
  for (const { ip, announcedIp } of o.listenIps) {
    if ((ip === '0.0.0.0' || ip === '::') && !announcedIp) {
      throw new RangeError(`Listening on ${ip} needs an announced IP: the address browsers should send media to.`);
    }
  }
}

/**
 * The address to announce when listening on all interfaces without one
 * given: the first non-internal IPv4 address. Right on a LAN or a VM with a
 * public interface; behind NAT the operator must pass the public IP.
 */
export function guessAnnouncedIp(): string | null {
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const a of addresses ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return null;
}
