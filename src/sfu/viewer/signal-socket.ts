import type { SignalPush } from '../../shared/sfu/protocol.js';
import { SignalRequests } from '../../shared/sfu/signal-requests.js';

/** Runs in the viewer's browser. */

export interface SignalSocketHandlers {
  readonly onPush: (push: SignalPush) => void;
  /** Called once, however the socket ends (never after `close()`). */
  readonly onClose: (code: number) => void;
}

/**
 * One WebSocket to the SFU plus request/reply matching. A dropped socket is
 * not reopened here: the watch session decides when to try again.
 */
export class SignalSocket {
  readonly requests: SignalRequests;
  readonly opened: Promise<void>;
  private readonly ws: WebSocket;
  private closedByUs = false;

  constructor(url: string, handlers: SignalSocketHandlers) {
    this.ws = new WebSocket(url);
    this.requests = new SignalRequests({
      send: (text) => {
        if (this.ws.readyState !== WebSocket.OPEN) throw new Error('socket not open');
        this.ws.send(text);
      },
      schedule: (callback, ms) => {
        const timer = setTimeout(callback, ms);
        return () => clearTimeout(timer);
      },
    });
    this.opened = new Promise<void>((resolve, reject) => {
      this.ws.addEventListener('open', () => resolve(), { once: true });
      this.ws.addEventListener('close', () => reject(new Error('The connection to the show could not be opened.')), {
        once: true,
      });
    });
    // Callers await `opened`; an unobserved rejection here would only be noise.
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
    this.closedByUs = true;
    this.requests.failAll();
    this.ws.close(1000);
  }
}
