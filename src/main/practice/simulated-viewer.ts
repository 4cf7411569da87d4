/**
 * One simulated viewer: a REAL viewer connection to the show's SFU (the
 * built-in one or a remote one), speaking the signaling protocol as the
 * watch page does (docs/sfu-protocol.md) — it joins as a viewer with a name
 * and a viewerKey, sends chat (`chatSend`) and selling actions
 * (`sellAction`), and hears the pin and the selling state like every other
 * viewer. No media: it never creates a transport.
 */
import WebSocket from 'ws';
import type { ProductCard } from '../../shared/sfu/product-card.js';
import type { SignalPush } from '../../shared/sfu/protocol.js';
import type { SellAction, ShowSellState } from '../../shared/sfu/protocol-selling.js';
import { AUDIENCE_KEY_HEADER } from '../../shared/sfu/protocol-constants.js';
import { SignalRequests } from '../../shared/sfu/signal-requests.js';

export interface SimulatedViewerOptions {
  readonly signalUrl: string;
  readonly room: string;
  readonly name: string;
  /** Kept for the viewer's life (the watch page keeps one in localStorage): a stable viewer id on the SFU. */
  readonly viewerKey: string;
  /** The connection went away (the SFU closed, the show ended); not called after close(). */
  readonly onGone?: (reason: string) => void;
  /** How long the connection and each request may take (the join as a whole gets this long too). */
  readonly timeoutMs?: number;
  /** The built-in SFU's per-run secret (skips its per-address limits); null or absent: a remote SFU, limited like anyone. */
  readonly audienceKey?: string | null;
  /** The audience stopped: a join still connecting gives up at once, its socket closed. */
  readonly signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 10_000;

export class SimulatedViewer {
  /** The SFU's id for this viewer (what the studio's chat and claims know them by). */
  viewerId = '';
  /** The name the SFU gave (a taken one gets a suffix). */
  name: string;
  /** What this viewer sees: the pinned card and the selling state, as pushed by the SFU. */
  pin: ProductCard | null = null;
  sell: ShowSellState | null = null;
  private closed = false;
  /** Why the SFU closed the connection (its close reason), if it did. */
  private closeReason: string | null = null;
  private readonly requests: SignalRequests;

  private constructor(
    private readonly ws: WebSocket,
    private readonly options: SimulatedViewerOptions,
  ) {
    this.name = options.name;
    this.requests = new SignalRequests({
      send: (text) => ws.send(text),
      schedule: (callback, ms) => {
        const timer = setTimeout(callback, ms);
        return () => clearTimeout(timer);
      },
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    });
    ws.on('message', (data) => {
      const push = this.requests.receive(data.toString());
      if (push) this.heard(push);
    });
    ws.on('close', (code, reason) => {
      this.closeReason = reason.toString() || null;
      this.requests.failAll();
      if (!this.closed) {
        this.closed = true;
        options.onGone?.(reason.toString() || `closed (${code})`);
      }
    });
    ws.on('error', () => undefined);
  }

  /**
   * Connects and joins the room as a viewer; rejects with the SFU's words
   * when it cannot, when the whole join takes longer than timeoutMs (an SFU
   * that accepts the TCP connection and then stalls), or when `signal` aborts.
   * The socket is closed whenever the join does not succeed.
   */
  static async join(options: SimulatedViewerOptions): Promise<SimulatedViewer> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (options.signal?.aborted) throw new Error('The simulated audience stopped.');
    const headers = options.audienceKey ? { [AUDIENCE_KEY_HEADER]: options.audienceKey } : {};
    const ws = new WebSocket(options.signalUrl, { handshakeTimeout: timeoutMs, headers });
    ws.on('error', () => undefined);
    const made: { viewer: SimulatedViewer | null } = { viewer: null };
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort = (): void => undefined;
    const giveUp = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`The SFU did not answer within ${Math.round(timeoutMs / 1000)} s.`)), timeoutMs);
      onAbort = () => reject(new Error('The simulated audience stopped.'));
      options.signal?.addEventListener('abort', onAbort, { once: true });
    });
    const joining = async (): Promise<SimulatedViewer> => {
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', (error) => reject(error));
        ws.once('close', (_code, reason) => reject(new Error(reason.toString() || 'The SFU closed the connection.')));
        ws.once('unexpected-response', (_req, res) => reject(new Error(`The SFU refused the connection (HTTP ${res.statusCode}).`)));
      });
      ws.removeAllListeners('close');
      const viewer = new SimulatedViewer(ws, options);
      made.viewer = viewer;
      try {
        const joined = await viewer.requests.request({ type: 'join', show: options.room, role: 'viewer', name: options.name, viewerKey: options.viewerKey });
        viewer.viewerId = joined.chat?.viewerId ?? '';
        viewer.name = joined.chat?.name ?? options.name;
        viewer.pin = joined.room.pin;
        // The selling state a late joiner gets (room.sell, from SFUs that speak the selling protocol).
        viewer.sell = (joined.room as { sell?: ShowSellState }).sell ?? null;
        return viewer;
      } catch (error) {
        // Closed by the SFU (too many connections from this address, the show ended): its words say why.
        throw viewer.closeReason === null ? error : new Error(viewer.closeReason);
      }
    };
    const attempt = joining();
    // Lost the race (timed out, stopped): its own failure, later, is already answered below.
    attempt.catch(() => undefined);
    try {
      return await Promise.race([attempt, giveUp]);
    } catch (error) {
      // Mid-handshake or mid-join: nothing is left open behind a failed join.
      made.viewer?.close();
      ws.terminate();
      throw error;
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  get open(): boolean {
    return !this.closed;
  }

  /** A chat message, as typed on the watch page; resolves when the SFU accepted it. */
  async chat(text: string): Promise<void> {
    await this.requests.request({ type: 'chatSend', text });
  }

  /** A bid, a maximum or a giveaway entry, as the watch page's buttons send them. */
  async act(action: SellAction): Promise<void> {
    await this.requests.request({ type: 'sellAction', action });
  }

  /** Leaves (a goodbye, then the socket closes); onGone is not called. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify({ type: 'leave', requestId: 0 }));
    } catch {
      // Closing anyway.
    }
    this.ws.close();
    this.requests.failAll();
  }

  private heard(push: SignalPush): void {
    if (push.type === 'pin') this.pin = push.card;
    else if (push.type === 'sellState') this.sell = push.state;
    else if (push.type === 'showEnded' || push.type === 'rejoin') {
      // The host ended the show (or the SFU restarts its media): this viewer is done.
      this.closed = true;
      this.options.onGone?.(push.type === 'showEnded' ? 'The show ended.' : 'The SFU restarted.');
      this.ws.close();
    }
  }
}
