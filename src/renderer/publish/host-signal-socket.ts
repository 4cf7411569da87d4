import type { SignalPush } from '../../shared/sfu/protocol.js';
import { SignalRequests } from '../../shared/sfu/signal-requests.js';

/** Runs in the renderer: the studio's one signaling socket to the SFU while publishing. */

export interface HostSignalHandlers {
  readonly onPush: (push: SignalPush) => void;
  /** Called once when the socket ends by itself (never after `close()`). */
  readonly onClose: (code: number) => void;
}

/** How long a WebSocket may take to open before the attempt counts as failed (a black-holed server never answers). */
const OPEN_TIMEOUT_MS = 8_000;

/**
 * A WebSocket to the SFU with request/reply matching. It never reopens
 * itself: PublishClient decides when and how to rejoin, because a new
 * socket means a new session on the SFU (new transport, new producers).
 */
export class HostSignalSocket {
  readonly requests: SignalRequests;
  /** Resolves when the socket is open; rejects if it closes or times out first. */
  readonly opened: Promise<void>;
  private readonly ws: WebSocket;
  private closedByUs = false;

  constructor(url: string, handlers: HostSignalHandlers) {
    this.ws = new WebSocket(url);
    this.requests = new SignalRequests({
      send: (text) => {
        if (this.ws.readyState !== WebSocket.OPEN) throw new Error('The signaling socket is not open.');
        this.ws.send(text);
      },
      schedule: (callback, ms) => {
        const timer = setTimeout(callback, ms);
        return () => clearTimeout(timer);
      },
    });
    this.opened = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error('timeout'));
        this.ws.close();
      }, OPEN_TIMEOUT_MS);
      this.ws.addEventListener('open', () => (clearTimeout(timer), resolve()), { once: true });
      this.ws.addEventListener('close', () => (clearTimeout(timer), reject(new Error('closed'))), { once: true });
    });
    // The caller awaits `opened`; an unobserved rejection would only be console noise.
    this.opened.catch(() => undefined);
    this.ws.addEventListener('message', (event) => {
      if (typeof event.data !== 'string') return;
      const push = this.requests.receive(event.data);
      if (push) handlers.onPush(push);
    });
    this.ws.addEventListener('close', (event) => {
      this.requests.failAll();
      if (!this.closedByUs) handlers.onClose(event.code);
    });
  }

  close(): void {
    if (this.closedByUs) return;
    this.closedByUs = true;
    this.requests.failAll();
    this.ws.close(1000);
  }
}
