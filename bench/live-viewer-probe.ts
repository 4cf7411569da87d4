/**
 * Benchmark probe (browser code, bundled by bench/live.ts and added as an
 * init script to the real watch page): reads the clock code of every video
 * frame the page presents, and timestamps every product card the page
 * renders, and when the SFU's pin push for it reached the page's socket
 * (the WebSocket constructor is wrapped before the page's own code runs, so
 * the product code carries no benchmark hooks).
 */
import { ClockCodeReader, clockOffsetMs, msSinceCode, wallClockMs } from './live-clock-code.js';

export interface FrameSample {
  /** Drawn on the publisher → shown on this page (ms). */
  readonly glassToGlassMs: number;
  /** Last packet of the frame received → shown (ms): the receiver's share (jitter buffer, decode, render). */
  readonly receiveToDisplayMs: number | null;
  readonly width: number;
}

export interface CardSample {
  readonly title: string;
  /** Epoch ms (system clock, whole ms) when the SFU sent the pin push (its `serverTime`); null if not seen. */
  readonly serverSentAt: number | null;
  /** Epoch ms on this page's high-resolution clock: the push reached the page's socket; null if not seen. */
  readonly socketAt: number | null;
  /** Epoch ms on this page's high-resolution clock: the card's DOM changed. */
  readonly domAt: number;
  /** …and the frame that shows it was produced (the next animation frame, after its paint work). */
  readonly renderedAt: number;
}

declare global {
  interface Window {
    benchViewer: {
      clockOffsetMs(): number;
      /** `publisherMinusViewerMs`: the publisher's clock offset minus this page's (from clockOffsetMs on both). */
      startFrames(publisherMinusViewerMs: number): void;
      stopFrames(): void;
      takeFrames(): { samples: FrameSample[]; unreadable: number };
      startCards(): void;
      takeCards(): CardSample[];
    };
  }
}

/** The pin pushes that reached the page, by card title (the last one per title). */
const pinPushes = new Map<string, { serverSentAt: number; socketAt: number }>();
const NativeWebSocket = window.WebSocket;
window.WebSocket = class extends NativeWebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    // Added in the constructor: runs before the page's own onmessage, in the same task.
    this.addEventListener('message', (event: MessageEvent) => {
      if (typeof event.data !== 'string' || !event.data.includes('"type":"pin"')) return;
      const socketAt = wallClockMs();
      const push = JSON.parse(event.data) as { type?: string; card?: { title?: string } | null; serverTime?: number };
      if (push.type === 'pin' && push.card?.title && typeof push.serverTime === 'number') pinPushes.set(push.card.title, { serverSentAt: push.serverTime, socketAt });
    });
  }
};

const reader = new ClockCodeReader();
let frames: FrameSample[] = [];
let unreadable = 0;
/** Reading frames costs the page a canvas read per frame: off while pins are measured. */
let readingFrames = false;
let cards: CardSample[] = [];

function watchFrames(publisherMinusViewerMs: number): void {
  const video = document.querySelector('video')!;
  readingFrames = true;
  const onFrame = (now: number, meta: VideoFrameCallbackMetadata) => {
    if (!readingFrames) return;
    const code = reader.read(video);
    // expectedDisplayTime: when the compositor puts this frame on screen (the "glass").
    const shownAt = performance.timeOrigin + (meta.expectedDisplayTime ?? now);
    if (code === null) unreadable++;
    else {
      frames.push({
        glassToGlassMs: msSinceCode(code, shownAt + publisherMinusViewerMs),
        receiveToDisplayMs: meta.receiveTime === undefined ? null : (meta.expectedDisplayTime ?? now) - meta.receiveTime,
        width: meta.width,
      });
    }
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
}

function watchCards(): void {
  const root = document.getElementById('product-card')!;
  let shown = root.querySelector('[data-testid="pin-title"]')?.textContent ?? null;
  new MutationObserver(() => {
    const title = root.hidden ? null : (root.querySelector('[data-testid="pin-title"]')?.textContent ?? null);
    if (title === null || title === shown) return;
    shown = title;
    const domAt = wallClockMs();
    const push = pinPushes.get(title);
    // rAF runs just before the frame's style, layout and paint; a message posted from it runs after them.
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => cards.push({ title, serverSentAt: push?.serverSentAt ?? null, socketAt: push?.socketAt ?? null, domAt, renderedAt: wallClockMs() });
      channel.port2.postMessage(null);
    });
  }).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
}

window.benchViewer = {
  clockOffsetMs: () => clockOffsetMs(),
  startFrames: watchFrames,
  stopFrames: () => {
    readingFrames = false;
  },
  takeFrames: () => {
    const taken = { samples: frames, unreadable };
    frames = [];
    unreadable = 0;
    return taken;
  },
  startCards: watchCards,
  takeCards: () => {
    const taken = cards;
    cards = [];
    return taken;
  },
};
