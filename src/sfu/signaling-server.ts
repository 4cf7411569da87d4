import crypto from 'node:crypto';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { checkHost, checkOrigin, LOOPBACK_NAMES } from '../shared/net/request-access.js';
import { TokenLockout } from '../shared/net/token-lockout.js';
import { AUDIENCE_KEY_HEADER, SIGNAL_PATH, SignalCloseCode, type SignalErrorCode } from '../shared/sfu/protocol-constants.js';
import {
  salvageRequestId,
  signalRequestSchema,
  type SignalError,
  type SignalReply,
  type SignalRequest,
  type SignalRequestType,
} from '../shared/sfu/protocol.js';
import type { HostTokens } from './host-tokens.js';
import { PeerSession } from './peer-session.js';
import { KeyedRateLimiter, TokenBucket } from './rate-limit.js';
import type { RoomRegistry } from './room-registry.js';
import { SignalFailure } from './signal-failure.js';
import type { SfuLog } from './sfu-log.js';
import type { SfuOptions } from './sfu-options.js';
import { ViewerIds } from './viewer-ids.js';

/** Big enough for a simulcast `produce` or a browser's RTP capabilities, small enough to be cheap. */
const MAX_FRAME_BYTES = 64 * 1024;
const JOIN_TIMEOUT_MS = 15_000;
const HEARTBEAT_MS = 20_000;
/** Requests waiting behind a slow one; more is a client flooding us. */
const MAX_QUEUED_REQUESTS = 32;
/** A studio's chat requests are answered at once, but many may be in flight behind a slow request. */
const MAX_QUEUED_HOST_CHAT = 2000;
/** Refused-for-rate messages tolerated before the connection is dropped. */
const MAX_RATE_STRIKES = 50;

/**
 * What a studio sends as chat moderates a busy show, and its selling lines
 * (a bidding war means a notice or two per bid): counted apart from its
 * other requests (see hostChatRateLimit).
 */
const HOST_CHAT_TYPES: ReadonlySet<unknown> = new Set(['chatPublish', 'chatDelete', 'chatPinMessage', 'chatNotice', 'chatStored', 'sellState', 'sellNotice']);
/**
 * Requests whose reply waits for someone else: a chatSend is checked and
 * forwarded in turn, but answered once the studio stored it (up to
 * chatStoredWaitMs). The connection's next requests go on meanwhile; the
 * chat rate limit bounds how many replies one connection has waiting.
 */
const ANSWERED_LATER: ReadonlySet<SignalRequestType> = new Set(['chatSend']);

interface Connection {
  readonly ws: WebSocket;
  readonly session: PeerSession;
  bucket: TokenBucket;
  /** Set once the connection joined as host. */
  hostChatBucket: TokenBucket | null;
  /** A host's `viewerClaims` (see SfuOptions.hostClaimsRateLimit); set once joined as host. */
  hostClaimsBucket: TokenBucket | null;
  upgradedToHostBucket: boolean;
  strikes: number;
  queued: number;
  queue: Promise<void>;
  alive: boolean;
}

export interface SignalingDeps {
  readonly options: SfuOptions;
  readonly rooms: RoomRegistry;
  readonly hostTokens: HostTokens;
  readonly log: SfuLog;
}

/**
 * The WebSocket side of the SFU: admits connections (per-IP rate limit),
 * validates every frame against the protocol schema, rate-limits messages
 * per connection, and runs each connection's requests in order through its
 * PeerSession.
 */
export class SignalingServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  private readonly connections = new Set<Connection>();
  private readonly connectLimiter: KeyedRateLimiter;
  /** Chat from one address, all its connections together. */
  private readonly chatLimiter: KeyedRateLimiter;
  private readonly sellLimiter: KeyedRateLimiter;
  /** Open connections per client address (see SfuOptions.maxConnectionsPerAddress). */
  private readonly openByAddress = new Map<string, number>();
  private readonly heartbeat: ReturnType<typeof setInterval>;
  private accepting = true;
  private readonly viewerIds: ViewerIds;
  /** Addresses that sent too many wrong host tokens wait before their next try. */
  private readonly hostTokenLockout: TokenLockout;

  constructor(private readonly deps: SignalingDeps) {
    this.viewerIds = new ViewerIds(deps.options.viewerIdSalt);
    this.hostTokenLockout = new TokenLockout(deps.options.hostTokenLockout);
    this.connectLimiter = new KeyedRateLimiter(deps.options.connectionRateLimit);
    this.chatLimiter = new KeyedRateLimiter(deps.options.chatAddressRateLimit);
    this.sellLimiter = new KeyedRateLimiter(deps.options.sellAddressRateLimit);
    this.heartbeat = setInterval(() => this.checkHeartbeats(), HEARTBEAT_MS);
    this.heartbeat.unref();
    this.wss.on('error', (error) => deps.log.error('the signaling WebSocket server failed', error));
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Wire into an HTTP server's `upgrade` event. Returns false for paths that are not ours. */
  handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== SIGNAL_PATH) return false;
    if (!this.accepting) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      return true;
    }
    const ip = this.clientIp(req);
    const unlimited = this.carriesAudienceKey(req, ip);
    if (!unlimited && !this.connectLimiter.take(ip)) {
      this.deps.log.warn(`refused a connection from ${ip}: too many connections`);
      socket.end('HTTP/1.1 429 Too Many Requests\r\nRetry-After: 10\r\nConnection: close\r\n\r\n');
      return true;
    }
    const hostRefusal = this.hostJoinRefusal(req);
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      // Counted here, when the socket exists: concurrent upgrades cannot slip past the cap together.
      if (!unlimited && (this.openByAddress.get(ip) ?? 0) >= this.deps.options.maxConnectionsPerAddress) this.refuseCrowded(ws, ip);
      else this.accept(ws, ip, hostRefusal, unlimited);
    });
    return true;
  }

  /**
   * A practice show's simulated audience (the studio's main process) carries
   * this run's audience key: its connections skip the per-address limits and
   * are not counted against the address, so this computer's own watch pages
   * keep their share. Without a key, or with a wrong one, a connection is
   * limited like any other.
   */
  private carriesAudienceKey(req: http.IncomingMessage, ip: string): boolean {
    const expected = this.deps.options.audienceKey;
    const sent = req.headers[AUDIENCE_KEY_HEADER];
    if (expected === null || typeof sent !== 'string') return false;
    const digest = (text: string) => crypto.createHash('sha256').update(text).digest();
    if (crypto.timingSafeEqual(digest(sent), digest(expected))) return true;
    this.deps.log.warn(`a connection from ${ip} sent a wrong audience key: it is limited like any other`);
    return false;
  }

  /**
   * One address holds the most connections it may. The WebSocket is opened
   * only to be closed with a code and words the watch page can show (a
   * refused upgrade reaches a page as a bare failure).
   */
  private refuseCrowded(ws: WebSocket, ip: string): void {
    const max = this.deps.options.maxConnectionsPerAddress;
    this.deps.log.debug(`refused a connection from ${ip}: it has ${max} open already`);
    ws.on('error', () => undefined);
    ws.close(SignalCloseCode.tooManyFromAddress, `Too many connections from your network (${max} at most).`);
  }

  /**
   * Why this connection may not join as host (a page of another site, or an
   * address that is not this SFU's), or null. Viewers are never asked: the
   * watch page is public and may be embedded anywhere.
   */
  private hostJoinRefusal(req: http.IncomingMessage): string | null {
    const { names, origins } = this.deps.options.hostAccess;
    const own = names?.() ?? null;
    const rules = { names: own ?? LOOPBACK_NAMES, port: req.socket.localPort ?? 0, originsOnAnyPort: true, extraOrigins: origins };
    const host = own === null ? null : checkHost(rules, req.headers.host);
    const decision = host && !host.ok ? host : checkOrigin(rules, req.headers.origin);
    return decision.ok ? null : `Only the studio may join as host. ${decision.reason}`;
  }

  /** Shutdown: every room hears "show ended", then every socket closes. */
  shutdown(): void {
    this.accepting = false;
    clearInterval(this.heartbeat);
    this.connectLimiter.close();
    this.chatLimiter.close();
    this.sellLimiter.close();
    this.deps.rooms.endAll('server-shutdown');
    for (const connection of [...this.connections]) connection.session.shutdown();
    this.wss.close();
  }

  private clientIp(req: http.IncomingMessage): string {
    if (this.deps.options.trustProxy) {
      const forwarded = req.headers['x-forwarded-for'];
      const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
      if (first) return first;
    }
    return req.socket.remoteAddress ?? 'unknown';
  }

  private accept(ws: WebSocket, ip: string, hostRefusal: string | null, unlimited: boolean): void {
    const sessionId = crypto.randomUUID().slice(0, 8);
    const session = new PeerSession(
      sessionId,
      ws,
      {
        rooms: this.deps.rooms,
        hostTokens: this.deps.hostTokens,
        listenIps: this.deps.options.listenIps,
        log: this.deps.log,
        viewerIds: this.viewerIds,
        admitHostToken: (show, token) => this.admitHostToken(ip, show, token),
        takeAddressChatToken: () => unlimited || this.chatLimiter.take(ip),
        takeAddressSellToken: () => unlimited || this.sellLimiter.take(ip),
        acceptingJoins: () => this.accepting,
      },
      hostRefusal,
    );
    const connection: Connection = {
      ws,
      session,
      bucket: new TokenBucket(this.deps.options.viewerMessageRateLimit),
      hostChatBucket: null,
      hostClaimsBucket: null,
      upgradedToHostBucket: false,
      strikes: 0,
      queued: 0,
      queue: Promise.resolve(),
      alive: true,
    };
    this.connections.add(connection);
    if (!unlimited) this.openByAddress.set(ip, (this.openByAddress.get(ip) ?? 0) + 1);
    this.deps.log.debug(`connection ${sessionId} from ${ip}`);
    // A connection waiting for its show to open (waitForShow) is not idle: checked again later.
    const checkJoined = () => {
      if (session.hasJoined) return;
      if (session.isWaiting) joinTimer = setTimeout(checkJoined, JOIN_TIMEOUT_MS);
      else ws.close(SignalCloseCode.joinTimeout, 'No join request arrived in time.');
    };
    let joinTimer = setTimeout(checkJoined, JOIN_TIMEOUT_MS);
    ws.on('pong', () => (connection.alive = true));
    ws.on('message', (data, isBinary) => this.receive(connection, data.toString(), isBinary));
    // A frame `ws` refuses (not UTF-8, over maxPayload...) arrives here, already closed; unheard, it would end the process.
    ws.on('error', (error) => this.deps.log.debug(`connection ${sessionId} closed: ${error.message}`));
    ws.on('close', () => {
      clearTimeout(joinTimer);
      this.connections.delete(connection);
      if (!unlimited) {
        const open = (this.openByAddress.get(ip) ?? 1) - 1;
        if (open > 0) this.openByAddress.set(ip, open);
        else this.openByAddress.delete(ip);
      }
      session.onSocketClosed();
    });
  }

  /**
   * The same check for an HTTP request that carries a host token (the studio's picture upload, media-routes.ts):
   * wrong tokens count toward the same lockout as wrong joins, so the upload route is no way around it.
   */
  checkHostTokenOverHttp(req: http.IncomingMessage, show: string, token: string): { ok: true } | { ok: false; status: 401 | 429; message: string } {
    try {
      this.admitHostToken(this.clientIp(req), show, token);
      return { ok: true };
    } catch (error) {
      const failure = error as SignalFailure;
      return { ok: false, status: failure.code === 'rate-limited' ? 429 : 401, message: failure.message };
    }
  }

  private admitHostToken(ip: string, show: string, token: string): void {
    const lock = this.hostTokenLockout.check(ip);
    if (lock.locked) {
      this.deps.log.warn(`refused a host join for show ${show} from ${ip}: locked out after wrong tokens`);
      throw new SignalFailure('rate-limited', lock.message);
    }
    if (!this.deps.hostTokens.matches(show, token)) {
      this.hostTokenLockout.failed(ip);
      throw new SignalFailure('unauthorized', 'The host token is wrong for this show.');
    }
    this.hostTokenLockout.succeeded(ip);
  }

  private receive(connection: Connection, text: string, isBinary: boolean): void {
    let frame: unknown;
    try {
      if (isBinary) throw new Error('binary frame');
      frame = JSON.parse(text);
    } catch {
      this.sendError(connection, undefined, 'invalid-message', 'The SFU only understands JSON text frames.');
      return;
    }
    const requestId = salvageRequestId(frame);
    const type = (frame as { type?: unknown } | null)?.type;
    // A studio publishes every approved message of a busy show: its chat has its own, much larger budget.
    const isHostChat = connection.hostChatBucket !== null && HOST_CHAT_TYPES.has(type);
    // Each buyer's "My claims" has its own budget too, so a rejoin's re-send of every list never eats into chat.
    const isHostClaims = connection.hostClaimsBucket !== null && type === 'viewerClaims';
    const bucket = isHostClaims ? connection.hostClaimsBucket! : isHostChat ? connection.hostChatBucket! : connection.bucket;
    const maxQueued = isHostChat || isHostClaims ? MAX_QUEUED_HOST_CHAT : MAX_QUEUED_REQUESTS;
    if (!bucket.take() || connection.queued >= maxQueued) {
      this.sendError(connection, requestId, 'rate-limited', 'Too many messages; slow down.');
      // A refused list is only a refresh the studio sends again later: never a strike, so it can never drop the studio's link.
      if (isHostClaims) return;
      if (++connection.strikes > MAX_RATE_STRIKES) {
        this.deps.log.warn(`connection ${connection.session.id} dropped: ignored the rate limit`);
        connection.ws.close(SignalCloseCode.rateLimited, 'Too many messages.');
      }
      return;
    }
    const parsed = signalRequestSchema.safeParse(frame);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      const type = typeof (frame as { type?: unknown })?.type === 'string' ? `"${(frame as { type: string }).type}" ` : '';
      this.sendError(connection, requestId, 'invalid-message', `Malformed ${type}message: ${where}${issue?.message ?? 'invalid'}`.slice(0, 300));
      return;
    }
    const request = parsed.data;
    connection.queued++;
    connection.queue = connection.queue.then(async () => {
      // handle() checks and forwards a chatSend before it returns; only its reply waits (ANSWERED_LATER).
      const answered = this.answer(connection, request);
      if (!ANSWERED_LATER.has(request.type)) await answered;
      connection.queued--;
    });
  }

  /** Runs one request and sends its reply or error. Never rejects. */
  private async answer(connection: Connection, request: SignalRequest): Promise<void> {
    try {
      const data = await connection.session.handle(request);
      this.send(connection, { type: 'reply', requestId: request.requestId, data } satisfies SignalReply);
      if (request.type === 'join' && connection.session.role === 'host' && !connection.upgradedToHostBucket) {
        connection.upgradedToHostBucket = true;
        connection.bucket = new TokenBucket(this.deps.options.hostMessageRateLimit);
        connection.hostChatBucket = new TokenBucket(this.deps.options.hostChatRateLimit);
        connection.hostClaimsBucket = new TokenBucket(this.deps.options.hostClaimsRateLimit);
      }
    } catch (error) {
      if (error instanceof SignalFailure) {
        this.sendError(connection, request.requestId, error.code, error.message);
      } else {
        this.deps.log.error(`"${request.type}" failed on connection ${connection.session.id}`, error);
        this.sendError(connection, request.requestId, 'internal', 'The SFU could not do that; try again.');
      }
    }
  }

  private sendError(connection: Connection, requestId: number | undefined, code: SignalErrorCode, message: string): void {
    const error: SignalError = { type: 'error', ...(requestId !== undefined ? { requestId } : {}), code, message };
    this.send(connection, error);
  }

  private send(connection: Connection, message: SignalReply | SignalError): void {
    if (connection.ws.readyState === connection.ws.OPEN) connection.ws.send(JSON.stringify(message));
  }

  /** Drops connections whose peer vanished without closing (phones losing signal). */
  private checkHeartbeats(): void {
    for (const connection of this.connections) {
      if (!connection.alive) {
        connection.ws.terminate();
        continue;
      }
      connection.alive = false;
      connection.ws.ping();
    }
  }
}
