import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  CLOSE_TOKEN_REPLACED,
  CLOSE_UNAUTHORIZED,
  CONTROL_API_PATH,
  controlClientMessageSchema,
  type ControlServerMessage,
} from '../../shared/api/control-protocol.js';
import { checkHost, checkOrigin, rawHttpRefusal, type AccessDecision } from '../../shared/net/request-access.js';
import { TokenLockout, type LockoutPolicy } from '../../shared/net/token-lockout.js';
import { events as eventSpecs, type EventName } from '../../shared/api/contract/index.js';
import { mayCall, receivesEvent, type Role, type RolePolicy } from '../../shared/api/contract/roles.js';
import type { Dispatch } from '../api/dispatcher.js';
import type { TokenLookup } from './control-links.js';
import type { StudioEventBus } from '../events/event-bus.js';
import { readStaticFile } from '../static/static-files.js';
import { readMediaFile } from '../media/media-route.js';
import { UploadRefusedError, UploadStore, type UploadLimits } from './upload-store.js';
import { SECURITY_HEADERS, studioContentSecurityPolicy } from '../security/content-security-policy.js';

export interface ControlServerDeps {
  readonly host: string;
  readonly port: number;
  /**
   * The names this server is reached by: a request's Host must be one of
   * them (with the port), and a browser page opening the API must come from
   * one. Loopback, plus the LAN addresses when LAN is on; read per request.
   */
  readonly ownNames: () => readonly string[];
  /**
   * Which role a token opens (or why it opens nothing). Asked at sign-in and
   * again before every request, so a link the host replaced, or one that
   * expired, stops working at once.
   */
  readonly lookupToken: (token: unknown) => TokenLookup;
  /** What the host allows the team; decides which events each role receives. */
  readonly policy: () => RolePolicy;
  /** The built renderer (dist/renderer). */
  readonly rendererDir: string;
  /** Kept product pictures, served at /media/<id> (src/main/media/media-route.ts). */
  readonly mediaDir?: string;
  /** Where browser uploads (catalog files) are written. */
  readonly uploadsDir: string;
  /** Upload quotas (tests make them small); default UPLOAD_LIMITS. */
  readonly uploadLimits?: UploadLimits;
  readonly dispatch: Dispatch;
  readonly events: StudioEventBus;
  readonly onClientsChanged?: (count: number) => void;
  /** A signed-in producer connection closed (its window closed, crashed or lost the network). */
  readonly onClientClosed?: (clientId: string) => void;
  /** Sources the UI may connect to besides itself (the SFU). */
  readonly extraConnectSources?: () => readonly string[];
  /** How an address that sends wrong tokens is locked out (DEFAULT_LOCKOUT_POLICY; tests lengthen it). */
  readonly lockoutPolicy?: LockoutPolicy;
}

const AUTH_TIMEOUT_MS = 10_000;
const MAX_FRAME_BYTES = 4 * 1024 * 1024;

/** Event name by wire channel: the roles table is keyed by name. */
const eventByChannel: ReadonlyMap<string, EventName> = new Map(
  (Object.keys(eventSpecs) as EventName[]).map((name) => [eventSpecs[name].channel, name]),
);

/** A signed-in browser: the link (token) it came with and the role that gives it. */
interface Client {
  readonly clientId: string;
  readonly token: string;
  readonly role: Role;
}

const bearerToken = (req: http.IncomingMessage): string | undefined => {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
};

/**
 * The remote producer console: serves the studio UI over HTTP and the studio
 * API over a token-authenticated WebSocket. Binds where it is told (the
 * manager passes 127.0.0.1 unless the host allowed the LAN).
 */
export class ControlServer {
  private server: http.Server | null = null;
  private wss: WebSocketServer | null = null;
  private readonly authed = new Map<WebSocket, Client>();
  private unsubscribeEvents: (() => void) | null = null;
  private nextClientId = 1;
  /** Addresses that sent too many wrong tokens wait before their next try (first frame and uploads alike). */
  private readonly lockout: TokenLockout;
  /** Browser uploads, within their quotas. */
  private readonly uploads: UploadStore;

  constructor(private readonly deps: ControlServerDeps) {
    this.lockout = new TokenLockout(deps.lockoutPolicy);
    this.uploads = new UploadStore(deps.uploadsDir, deps.uploadLimits);
  }

  get clientCount(): number {
    return this.authed.size;
  }

  async start(): Promise<number> {
    const server = http.createServer((req, res) => {
      // A page of another site may read nothing (Host) and post nothing (Origin: uploads).
      const refusal = this.refusal(req, req.method !== 'GET' && req.method !== 'HEAD');
      if (refusal) {
        req.resume();
        res.writeHead(refusal.status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'close' });
        res.end(`${refusal.reason}\n`);
        return;
      }
      this.handleHttp(req, res).catch((error: unknown) => {
        console.error('Control server request failed', error);
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Internal error');
      });
    });
    const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
    // Without these, one failing socket would be an uncaught exception: the whole studio (and its SFU) would exit.
    wss.on('error', (error) => console.error('[control] the producer console WebSocket server failed:', error));
    server.on('upgrade', (req, socket, head) => {
      // Until `ws` takes the socket over (or if we refuse it), a reset by the client must not go unheard.
      socket.on('error', () => undefined);
      // Refused before any WebSocket exists: a page of another site never gets to send a frame.
      const refusal = this.refusal(req, true);
      if (refusal) {
        socket.end(rawHttpRefusal(refusal));
        return;
      }
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname !== CONTROL_API_PATH) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => this.handleSocket(ws, req.socket.remoteAddress ?? 'unknown'));
    });
    this.server = server;
    this.wss = wss;
    this.unsubscribeEvents = this.deps.events.subscribe((channel, payload) => {
      const frame = JSON.stringify({ type: 'event', channel, payload } satisfies ControlServerMessage);
      const event = eventByChannel.get(channel);
      const policy = this.deps.policy();
      for (const [ws, client] of this.authed) {
        // Each role hears only what the roles table gives it (the team links go to the host alone).
        if (ws.readyState === ws.OPEN && event && receivesEvent(client.role, event, policy)) ws.send(frame);
      }
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.deps.port, this.deps.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (error) => console.error('[control] the producer console server failed:', error));
    return (server.address() as AddressInfo).port;
  }

  /** Closes every producer connection (used when the token is replaced). */
  disconnectAll(code: number, reason: string): void {
    for (const ws of [...this.authed.keys()]) ws.close(code, reason);
    this.authed.clear();
    this.deps.onClientsChanged?.(0);
  }

  async stop(): Promise<void> {
    this.unsubscribeEvents?.();
    this.unsubscribeEvents = null;
    for (const ws of this.wss?.clients ?? []) ws.close(1001, 'The studio closed the producer console.');
    this.authed.clear();
    this.wss?.close();
    const server = this.server;
    this.server = null;
    this.wss = null;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  /** Closes the connections that came with this role's link (the host made a new one). */
  linkReplaced(role: Role): void {
    for (const [ws, client] of [...this.authed]) {
      if (client.role === role) ws.close(CLOSE_TOKEN_REPLACED, `The host made a new ${role} link.`);
    }
  }

  /** Why this request is refused (a Host that is not ours; an Origin we do not trust, when `withOrigin`), or null. */
  private refusal(req: http.IncomingMessage, withOrigin: boolean): Extract<AccessDecision, { ok: false }> | null {
    const rules = { names: this.deps.ownNames(), port: req.socket.localPort ?? this.deps.port };
    const host = checkHost(rules, req.headers.host);
    if (!host.ok) return host;
    const origin = withOrigin ? checkOrigin(rules, req.headers.origin) : host;
    return origin.ok ? null : origin;
  }

  private send(ws: WebSocket, message: ControlServerMessage): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  }

  /**
   * Looks the token up (which role it opens) unless `address` is locked out
   * after wrong tokens; counts the outcome. `locked`: refused by the lockout.
   */
  private checkToken(
    address: string,
    token: unknown,
  ): { ok: true; role: Role } | { ok: false; message: string; locked: boolean } {
    const lock = this.lockout.check(address);
    if (lock.locked) return { ok: false, message: lock.message, locked: true };
    const found = this.deps.lookupToken(token);
    if (!found.ok) {
      this.lockout.failed(address);
      return { ok: false, message: found.message, locked: false };
    }
    this.lockout.succeeded(address);
    return found;
  }

  private handleSocket(ws: WebSocket, address: string): void {
    const clientId = `control-${this.nextClientId++}`;
    let authenticated = false;
    const authTimer = setTimeout(() => {
      if (!authenticated) ws.close(CLOSE_UNAUTHORIZED, 'No access token was sent.');
    }, AUTH_TIMEOUT_MS);
    // A frame `ws` refuses (not UTF-8, over maxPayload...) arrives here; `ws` has already closed the socket.
    ws.on('error', (error) => console.warn(`[control] producer connection ${clientId} closed: ${error.message}`));
    ws.on('close', () => {
      clearTimeout(authTimer);
      if (!this.authed.delete(ws)) return;
      this.deps.onClientsChanged?.(this.authed.size);
      this.deps.onClientClosed?.(clientId);
    });
    ws.on('message', (data, isBinary) => {
      let parsedJson: unknown;
      try {
        if (isBinary) throw new Error('binary');
        parsedJson = JSON.parse(data.toString());
      } catch {
        this.send(ws, { type: 'error', message: 'The studio only understands JSON text messages.' });
        return;
      }
      const parsed = controlClientMessageSchema.safeParse(parsedJson);
      if (!parsed.success) {
        this.send(ws, { type: 'error', message: 'Malformed message: expected an auth or request message.' });
        return;
      }
      const message = parsed.data;
      if (message.type === 'auth') {
        if (authenticated) return;
        const check = this.checkToken(address, message.token);
        if (!check.ok) {
          this.send(ws, { type: 'auth-error', message: check.message });
          ws.close(CLOSE_UNAUTHORIZED, 'Wrong access token.');
          return;
        }
        authenticated = true;
        clearTimeout(authTimer);
        this.authed.set(ws, { clientId, token: message.token, role: check.role });
        // The console shows only what this role can use; the dispatcher refuses the rest anyway.
        this.send(ws, { type: 'auth-ok', role: check.role });
        this.deps.onClientsChanged?.(this.authed.size);
        return;
      }
      if (!authenticated) {
        this.send(ws, {
          type: 'response',
          id: message.id,
          result: { ok: false, error: { code: 'unauthorized', message: 'Send the access token before making requests.' } },
        });
        ws.close(CLOSE_UNAUTHORIZED, 'Not authenticated.');
        return;
      }
      const client = this.authed.get(ws);
      // The link may have been replaced or have expired since sign-in.
      const still = client ? this.deps.lookupToken(client.token) : null;
      if (!client || !still?.ok || still.role !== client.role) {
        const why = still && !still.ok ? still.message : 'This link no longer works. Ask the host for the current link.';
        this.send(ws, { type: 'response', id: message.id, result: { ok: false, error: { code: 'unauthorized', message: why } } });
        this.send(ws, { type: 'auth-error', message: why });
        ws.close(CLOSE_TOKEN_REPLACED, 'The link no longer works.');
        return;
      }
      void this.deps
        .dispatch(message.channel, message.input, { transport: 'control', clientId, role: client.role, address })
        .then((result) => this.send(ws, { type: 'response', id: message.id, result }));
    });
  }

  private async handleHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify({ ok: true }));
      return;
    }
    if (url.pathname === `${CONTROL_API_PATH}/upload`) {
      await this.handleUpload(req, res, url);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      res.end();
      return;
    }
    const media = this.deps.mediaDir === undefined ? null : await readMediaFile(this.deps.mediaDir, url.pathname);
    const file = media ?? (await readStaticFile(this.deps.rendererDir, url.pathname));
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
      res.end(
        url.pathname === '/' || url.pathname === '/index.html'
          ? 'The studio UI has not been built. Run "npm run build" (npm run web does this for you).'
          : 'Not found',
      );
      return;
    }
    const headers: Record<string, string> = {
      'Content-Type': file.contentType,
      'Content-Security-Policy': studioContentSecurityPolicy(this.deps.extraConnectSources?.() ?? []),
      ...SECURITY_HEADERS,
      // A picture's name is its content's hash: it never changes.
      'Cache-Control': media ? 'public, max-age=31536000, immutable' : file.filePath.endsWith('.html') ? 'no-store' : 'public, max-age=3600',
    };
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  /**
   * POST /api/upload?name=FILE with `Authorization: Bearer TOKEN`: a browser
   * producer sends a catalog file; the answer names the stored upload.
   */
  private async handleUpload(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST') return reply(405, { ok: false, error: { code: 'invalid-input', message: 'Use POST.' } });
    const check = this.checkToken(req.socket.remoteAddress ?? 'unknown', bearerToken(req));
    if (!check.ok) {
      req.resume();
      return reply(check.locked ? 429 : 401, {
        ok: false,
        error: { code: 'unauthorized', message: check.locked ? check.message : 'Wrong or missing access token.' },
      });
    }
    // An upload is the first step of a catalog import: only who may import may upload.
    const mayImport = mayCall(check.role, 'startImport', this.deps.policy());
    if (!mayImport.ok) {
      req.resume();
      return reply(403, { ok: false, error: { code: 'forbidden', message: mayImport.message } });
    }
    const originalName = (url.searchParams.get('name') ?? 'upload').slice(0, 200);
    try {
      reply(200, { ok: true, value: await this.uploads.save(req, originalName) });
    } catch (error) {
      if (!(error instanceof UploadRefusedError)) throw error;
      req.resume();
      reply(error.status, { ok: false, error: { code: error.code, message: error.message } });
    }
  }
}
