import type { SignalPush } from './protocol.js';
import { SignalRequests } from './signal-requests.js';

/**
 * The part of a browser WebSocket this module uses, typed here so that
 * src/shared needs no DOM typings. The viewer page and the studio's
 * publisher pass `(url) => new WebSocket(url)`.
 */
export interface SignalSocketTransport {
  readonly readyState: number;
  send(text: string): void;
  close(code?: number): void;
  addEventListener(type: 'open', listener: () => void, options?: { once?: boolean }): void;
  addEventListener(type: 'close', listener: (event: { readonly code: number }) => void, options?: { once?: boolean }): void;
  addEventListener(type: 'message', listener: (event: { readonly data: unknown }) => void): void;
}

/** WebSocket.OPEN: the same number in every implementation. */
const OPEN = 1;

export interface SignalSocketOptions {
  readonly connect: (url: string) => SignalSocketTransport;
  /** `setTimeout` without DOM or Node typings; returns a cancel function. */
  readonly schedule: (callback: () => void, ms: number) => () => void;
  readonly onPush: (push: SignalPush) => void;
  /** Called once when the socket ends by itself (never after `close()`). */
  readonly onClose: (code: number) => void;
  /** A black-holed server never answers: give up opening after this long. */
  readonly openTimeoutMs?: number;
}

/**
 * One WebSocket to the SFU with request/reply matching, for both browser
 * clients (the viewer page and the studio's publisher). It never reopens
 * itself: a new socket is a new session on the SFU (new transports, new
 * producers or consumers), so the owner decides when and how to rejoin.
 */
export class SignalSocket {
  readonly requests: SignalRequests;
  /** Resolves when the socket is open; rejects if it closes or times out first. */
  readonly opened: Promise<void>;
  private readonly ws: SignalSocketTransport;
  private closedByUs = false;

  constructor(url: string, options: SignalSocketOptions) {
    const ws = options.connect(url);
    this.ws = ws;
    this.requests = new SignalRequests({
      send: (text) => {
        if (ws.readyState !== OPEN) throw new Error('The connection to the streaming server is not open.');
        ws.send(text);
      },
      schedule: options.schedule,
    });
    this.opened = new Promise<void>((resolve, reject) => {
      const cancelTimeout = options.schedule(() => {
        reject(new Error('timeout'));
        ws.close();
      }, options.openTimeoutMs ?? 8_000);
      ws.addEventListener('open', () => (cancelTimeout(), resolve()), { once: true });
      ws.addEventListener('close', () => (cancelTimeout(), reject(new Error('closed'))), { once: true });
    });
    // The owner awaits `opened`; an unobserved rejection would only be console noise.
    this.opened.catch(() => undefined);
    ws.addEventListener('message', (event) => {
      if (typeof event.data !== 'string') return;
      const push = this.requests.receive(event.data);
      if (push) options.onPush(push);
    });
    ws.addEventListener('close', (event) => {
      this.requests.failAll();
      if (!this.closedByUs) options.onClose(event.code);
    });
  }

  close(): void {
    if (this.closedByUs) return;
    this.closedByUs = true;
    this.requests.failAll();
    this.ws.close(1000);
  }
}

/** The globals a browser provides, typed without the DOM library. */
interface BrowserGlobals {
  readonly WebSocket: new (url: string) => SignalSocketTransport;
  setTimeout(callback: () => void, ms: number): number;
  clearTimeout(id: number): void;
}

/** A SignalSocket over the browser's own WebSocket and timers (viewer page, studio renderer). */
export function openBrowserSignalSocket(
  url: string,
  handlers: Pick<SignalSocketOptions, 'onPush' | 'onClose' | 'openTimeoutMs'>,
): SignalSocket {
  const browser = globalThis as unknown as BrowserGlobals;
  return new SignalSocket(url, {
    ...handlers,
    connect: (target) => new browser.WebSocket(target),
    schedule: (callback, ms) => {
      const timer = browser.setTimeout(callback, ms);
      return () => browser.clearTimeout(timer);
    },
  });
}
