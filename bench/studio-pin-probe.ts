/**
 * Benchmark probe (browser code, bundled by bench/pin-fanout.ts and added
 * as an init script to the studio UI opened with `?lss-test-hooks`).
 * Timestamps, on this page's clock: the host's P key press (the event's own
 * time: when the input happened), the pinProduct request leaving the page
 * and its reply arriving, the pinChanged event arriving on the control
 * server's socket, the compositor being handed the new card, and the end of
 * the first output frame drawn with it.
 *
 * The WebSocket constructor is wrapped before the app starts; the studio
 * API object and the compositor are wrapped on their instances once the UI
 * is up (`attach`), so the product code carries no benchmark hooks.
 */
import type { Compositor, OverlayState } from '../src/renderer/compositor/compositor.js';
import { wallClockMs } from './live-clock-code.js';

export interface StudioPinSample {
  readonly title: string;
  /** Epoch ms on this page's high-resolution clock. */
  readonly overlayAt: number;
  readonly drawnAt: number;
}

export interface PinRequestSample {
  /** Epoch ms on this page's high-resolution clock: the renderer called pinProduct, and got its reply. */
  readonly sentAt: number;
  readonly repliedAt: number;
}

declare global {
  interface Window {
    benchStudio: {
      /** Wraps the studio API and the compositor (call once the UI is up). */
      attach(): void;
      /** Forgets everything recorded so far (before a press). */
      reset(): void;
      /** The last P key press (epoch ms on this page's clock), or null; clears it. */
      takeKeyPress(): number | null;
      /** When the first pinChanged event naming `title` arrived since the last call, or null. */
      takePinEvent(title: string): number | null;
      takeCards(): StudioPinSample[];
      takeRequests(): PinRequestSample[];
    };
  }
}

const PIN_CHANGED = 'studio:event:pin-changed';

let keyAt: number | null = null;
window.addEventListener(
  'keydown',
  (event) => {
    if (event.key === 'p' || event.key === 'P') keyAt = performance.timeOrigin + event.timeStamp;
  },
  { capture: true },
);

// Listeners added in the constructor run before the app's onmessage, in the same task: the arrival, before any app work.
let pinEvents: { at: number; data: string }[] = [];
const NativeWebSocket = window.WebSocket;
window.WebSocket = class extends NativeWebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    this.addEventListener('message', (event: MessageEvent) => {
      if (typeof event.data === 'string' && event.data.includes(PIN_CHANGED)) pinEvents.push({ at: wallClockMs(), data: event.data });
    });
  }
};

let requests: PinRequestSample[] = [];
let cards: StudioPinSample[] = [];

function attach(): void {
  // The UI calls the same object as window.studio (main.tsx), so a wrapper there sees the hotkey's request.
  const api = window.studio as unknown as Record<string, (input?: unknown) => Promise<unknown>>;
  const pinProduct = api.pinProduct!;
  api.pinProduct = async (input?: unknown) => {
    const sentAt = wallClockMs();
    const result = await pinProduct(input);
    requests.push({ sentAt, repliedAt: wallClockMs() });
    return result;
  };

  // `renderFrame` is private to the compositor; the frame clock calls it through the instance, so a wrapper there sees every frame.
  type Hooked = { setOverlay: Compositor['setOverlay']; renderFrame(): void };
  const compositor = (window as unknown as { __lssCompositor?: Hooked }).__lssCompositor;
  if (!compositor) throw new Error('Open the studio with ?lss-test-hooks: the compositor is not exposed.');
  let shownTitle: string | null = null;
  let pending: { title: string; overlayAt: number } | null = null;
  const setOverlay = compositor.setOverlay.bind(compositor);
  const renderFrame = compositor.renderFrame.bind(compositor);
  compositor.setOverlay = (patch: Partial<OverlayState>) => {
    setOverlay(patch);
    if (!('card' in patch)) return;
    const title = patch.card?.title ?? null;
    if (title !== null && title !== shownTitle) pending = { title, overlayAt: wallClockMs() };
    shownTitle = title;
  };
  compositor.renderFrame = () => {
    renderFrame();
    if (!pending) return;
    cards.push({ ...pending, drawnAt: wallClockMs() });
    pending = null;
  };
}

window.benchStudio = {
  attach,
  reset: () => {
    keyAt = null;
    pinEvents = [];
    cards = [];
    requests = [];
  },
  takeKeyPress: () => {
    const taken = keyAt;
    keyAt = null;
    return taken;
  },
  takePinEvent: (title) => {
    const first = pinEvents.find((e) => e.data.includes(JSON.stringify(title)));
    pinEvents = [];
    return first?.at ?? null;
  },
  takeCards: () => {
    const taken = cards;
    cards = [];
    return taken;
  },
  takeRequests: () => {
    const taken = requests;
    requests = [];
    return taken;
  },
};
