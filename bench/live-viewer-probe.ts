/**
 * Benchmark probe (browser code, bundled by bench/live.ts and evaluated in
 * the real watch page): reads the clock code of every video frame the page
 * presents, and timestamps every product card the page renders.
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

const video = document.querySelector('video')!;
const reader = new ClockCodeReader();
let frames: FrameSample[] = [];
let unreadable = 0;
/** Reading frames costs the page a canvas read per frame: off while pins are measured. */
let readingFrames = false;
let cards: CardSample[] = [];

function watchFrames(publisherMinusViewerMs: number): void {
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
    // rAF runs just before the frame's style, layout and paint; a message posted from it runs after them.
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => cards.push({ title, domAt, renderedAt: wallClockMs() });
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
