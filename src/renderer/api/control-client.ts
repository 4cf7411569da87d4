import { createStudioClient, type StudioApi } from '../../shared/api/client.js';
import {
  CLOSE_TOKEN_REPLACED,
  CLOSE_UNAUTHORIZED,
  CONTROL_API_PATH,
  type ControlServerMessage,
} from '../../shared/api/control-protocol.js';
import type { Result } from '../../shared/api/result.js';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'unauthorized';

export interface ConnectionStatus {
  readonly state: ConnectionState;
  readonly message: string | null;
}

interface Pending {
  resolve(result: Result<unknown>): void;
}

const TOKEN_STORAGE_KEY = 'studio.controlToken';

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
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();
  private statusValue: ConnectionStatus = { state: 'connecting', message: null };
  private retry = 0;
  private closed = false;

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
        this.setStatus(
          'unauthorized',
          event.code === CLOSE_TOKEN_REPLACED
            ? 'The host made a new producer link, so this one no longer works. Ask the host for the new link.'
            : (this.statusValue.message ??
                'This producer link is not valid (wrong or old access token). Ask the host for the current link.'),
        );
        return;
      }
      this.retry += 1;
      const delay = Math.min(10_000, 250 * 2 ** Math.min(this.retry, 6));
      this.setStatus('reconnecting', 'Lost the connection to the studio. Reconnecting…');
      setTimeout(() => this.connect(), delay);
    };
  }

  private handleMessage(message: ControlServerMessage): void {
    switch (message.type) {
      case 'auth-ok':
        this.retry = 0;
        this.setStatus('open', null);
        return;
      case 'auth-error':
        this.statusValue = { state: 'unauthorized', message: message.message };
        return;
      case 'response': {
        const pending = this.pending.get(message.id);
        this.pending.delete(message.id);
        pending?.resolve(message.result);
        return;
      }
      case 'event':
        for (const l of this.listeners.get(message.channel) ?? []) l(message.payload);
        return;
      case 'error':
        console.warn('Studio control server:', message.message);
        return;
    }
  }

  private invoke(channel: string, input: unknown): Promise<Result<unknown>> {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN || this.statusValue.state !== 'open') {
      return Promise.resolve({
        ok: false,
        error: { code: 'unavailable', message: 'Not connected to the studio right now. Try again in a moment.' },
      });
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve });
      socket.send(JSON.stringify({ type: 'request', id, channel, input }));
    });
  }

  private failPending(message: string): void {
    for (const [, p] of this.pending) p.resolve({ ok: false, error: { code: 'unavailable', message } });
    this.pending.clear();
  }
}
