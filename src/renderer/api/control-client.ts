import { createStudioClient, type StudioApi } from '../../shared/api/client.js';
import {
  CLOSE_TOKEN_REPLACED,
  CLOSE_UNAUTHORIZED,
  CONTROL_API_PATH,
  type ControlServerMessage,
} from '../../shared/api/control-protocol.js';
import type { Role } from '../../shared/api/contract/roles.js';
import type { Result } from '../../shared/api/result.js';
import { Backoff, type BackoffPolicy } from '../../shared/time/backoff.js';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'unauthorized';

export interface ConnectionStatus {
  readonly state: ConnectionState;
  readonly message: string | null;
}

interface Pending {
  resolve(result: Result<unknown>): void;
}

interface Queued {
  readonly frame: string;
  readonly id: number;
  readonly timer: ReturnType<typeof setTimeout>;
}

/** How long a request made while (re)connecting waits for the connection. */
const QUEUE_TIMEOUT_MS = 15_000;

const TOKEN_STORAGE_KEY = 'studio.controlToken';

/**
 * Reconnecting to the studio: 0.5 s, 1 s, then every 2 s. The studio is on
 * this computer or this network, so a knock costs nothing; a longer cap kept
 * a show off air for up to 10 s after a crashed studio was back (the page's
 * publisher waits for this socket).
 */
export const RECONNECT: BackoffPolicy = { firstMs: 500, maxMs: 2_000 };

/** Reads the token from `?token=` (then removes it from the address bar) or this tab's storage. */
export function takeTokenFromLocation(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_STORAGE_KEY);
}

export function rememberToken(token: string): void {
  sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
}

/** This tab's control token, for the few plain HTTP calls (catalog upload) beside the WebSocket. */
export function storedToken(): string | null {
  return sessionStorage.getItem(TOKEN_STORAGE_KEY);
}

/**
 * `window.studio` for a browser: the same API as the desktop app, carried
 * over the control server's WebSocket. Reconnects by itself with backoff;
 * requests made while disconnected fail with an `unavailable` error the UI
 * can show, rather than hanging.
 */
export class ControlClient {
  readonly api: StudioApi;
  private socket: WebSocket | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Requests made before the connection was ready; sent once it is. */
  private readonly queued: Queued[] = [];
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();
  private statusValue: ConnectionStatus = { state: 'connecting', message: null };
  private readonly retry = new Backoff(RECONNECT);
  private closed = false;
  private roleValue: Role | null = null;

  constructor(
    private readonly token: string,
    private readonly url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${CONTROL_API_PATH}`,
  ) {
    this.api = createStudioClient({
      invoke: (channel, input) => this.invoke(channel, input),
      subscribe: (channel, listener) => {
        const set = this.listeners.get(channel) ?? new Set();
        set.add(listener);
        this.listeners.set(channel, set);
        return () => set.delete(listener);
      },
    });
    this.connect();
  }

  get status(): ConnectionStatus {
    return this.statusValue;
  }

  /** What this tab's link opens (host, producer, moderator); null until the studio said. */
  get role(): Role | null {
    return this.roleValue;
  }

  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    this.socket?.close();
  }

  private setStatus(state: ConnectionState, message: string | null): void {
    this.statusValue = { state, message };
    for (const l of this.statusListeners) l(this.statusValue);
  }

  private connect(): void {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => socket.send(JSON.stringify({ type: 'auth', token: this.token }));
    socket.onmessage = (event) => this.handleMessage(JSON.parse(String(event.data)) as ControlServerMessage);
    socket.onclose = (event) => {
      this.socket = null;
      this.failPending('The connection to the studio was lost. Reconnecting…');
      if (this.closed) return;
      if (event.code === CLOSE_UNAUTHORIZED || event.code === CLOSE_TOKEN_REPLACED) {
        for (const q of this.queued.splice(0)) {
          clearTimeout(q.timer);
          this.settle(q.id, { ok: false, error: { code: 'unauthorized', message: 'This producer link is not valid.' } });
        }
        this.setStatus(
          'unauthorized',
          // An expired link is told why (auth-error) before the close; a replaced one is not.
          event.code === CLOSE_TOKEN_REPLACED && this.statusValue.state !== 'unauthorized'
            ? `The host made a new ${this.roleValue ?? 'producer'} link, so this one no longer works. Ask the host for the new link.`
            : (this.statusValue.message ??
                'This producer link is not valid (wrong or old access token). Ask the host for the current link.'),
        );
        return;
      }
      const delay = this.retry.next();
      this.setStatus('reconnecting', 'Lost the connection to the studio. Reconnecting…');
      setTimeout(() => this.connect(), delay);
    };
  }

  private handleMessage(message: ControlServerMessage): void {
    switch (message.type) {
      case 'auth-ok':
        this.roleValue = message.role;
        this.retry.reset();
        this.setStatus('open', null);
        this.flushQueue();
        return;
      case 'auth-error':
        this.statusValue = { state: 'unauthorized', message: message.message };
        return;
      case 'response':
        this.settle(message.id, message.result);
        return;
      case 'event':
        for (const l of this.listeners.get(message.channel) ?? []) l(message.payload);
        return;
      case 'error':
        console.warn('Studio control server:', message.message);
        return;
    }
  }

  private invoke(channel: string, input: unknown): Promise<Result<unknown>> {
    if (this.statusValue.state === 'unauthorized') {
      return Promise.resolve({
        ok: false,
        error: { code: 'unauthorized', message: this.statusValue.message ?? 'This producer link is not valid.' },
      });
    }
    const id = this.nextId++;
    const frame = JSON.stringify({ type: 'request', id, channel, input });
    return new Promise((resolve) => {
      this.pending.set(id, { resolve });
      const socket = this.socket;
      if (socket && socket.readyState === WebSocket.OPEN && this.statusValue.state === 'open') {
        socket.send(frame);
        return;
      }
      // Still connecting: wait for the connection instead of failing at once.
      const timer = setTimeout(() => {
        const index = this.queued.findIndex((q) => q.id === id);
        if (index >= 0) this.queued.splice(index, 1);
        this.settle(id, {
          ok: false,
          error: { code: 'unavailable', message: 'Not connected to the studio right now. Try again in a moment.' },
        });
      }, QUEUE_TIMEOUT_MS);
      this.queued.push({ frame, id, timer });
    });
  }

  private settle(id: number, result: Result<unknown>): void {
    const pending = this.pending.get(id);
    this.pending.delete(id);
    pending?.resolve(result);
  }

  private flushQueue(): void {
    const socket = this.socket;
    while (socket && this.queued.length > 0) {
      const next = this.queued.shift()!;
      clearTimeout(next.timer);
      socket.send(next.frame);
    }
  }

  /** Requests already sent when the connection dropped cannot be answered any more. */
  private failPending(message: string): void {
    const waiting = new Set(this.queued.map((q) => q.id));
    for (const [id, p] of this.pending) {
      if (!waiting.has(id)) {
        p.resolve({ ok: false, error: { code: 'unavailable', message } });
        this.pending.delete(id);
      }
    }
  }
}
