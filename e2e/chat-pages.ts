import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import { openViewer, viewerUrlOf } from './go-live-pages.js';

/**
 * Pieces for the chat end-to-end tests: the studio's chat console driven
 * like a host would, and real watch pages chatting through the real SFU.
 */

/** The watch page as a phone, without waiting for video (chat works before the show goes live). */
/** `clockOffsetMs`: the viewer's clock is this far off. */
export async function openChatViewer(browser: Browser, host: Page, clockOffsetMs = 0): Promise<Page> {
  let url = '';
  await expect.poll(async () => (url = await viewerUrlOf(host).catch(() => '')), { timeout: 15_000 }).not.toBe('');
  const viewer = await openViewer(browser, url, false, clockOffsetMs);
  await expect(viewer.locator('#watch')).not.toHaveAttribute('data-phase', 'connecting', { timeout: 15_000 });
  return viewer;
}

/** Sends a line from the watch page; the first time, answers the name prompt. */
export async function sendFromViewer(viewer: Page, text: string, name?: string): Promise<void> {
  await viewer.getByRole('textbox', { name: 'Message' }).fill(text);
  await viewer.getByRole('button', { name: 'Send' }).click();
  const nameInput = viewer.getByRole('textbox', { name: 'Pick a name to chat' });
  if (name && (await nameInput.isVisible())) {
    await nameInput.fill(name);
    await viewer.getByRole('button', { name: 'Join chat' }).click();
  }
  // The SFU forwarded it: the input empties. Over its rate limit (3 quick messages) the text stays and the page says
  // "Slow down": press Send again until it goes, as a person would.
  const input = viewer.getByRole('textbox', { name: 'Message' });
  if (await expect(input).toHaveValue('', { timeout: 2_000 }).then(() => true, () => false)) return;
  await expect(viewer.getByTestId('chat-notice')).toContainText('Slow down');
  await expect(async () => {
    if ((await input.inputValue()) !== '') await viewer.getByRole('button', { name: 'Send' }).click();
    await expect(input).toHaveValue('', { timeout: 500 });
  }).toPass({ timeout: 10_000, intervals: [1_100] });
}

/** Messages on a watch page. */
export const viewerChat = (viewer: Page): Locator => viewer.locator('#chat-list [data-testid="chat-item"]');

export const viewerLine = (viewer: Page, text: string): Locator => viewerChat(viewer).filter({ hasText: text });

/** The studio's live chat list. */
export const consoleList = (host: Page): Locator => host.getByRole('listbox', { name: 'Chat messages' });

export const consoleRow = (host: Page, text: string): Locator => consoleList(host).getByRole('option').filter({ hasText: text });

export const reviewQueue = (host: Page): Locator => host.getByRole('list', { name: 'Held messages' });

/**
 * Test-only: remembers the page's WebSocket to the studio so a test can play
 * chat events into the console at a chosen rate (a busy show without 500 phones).
 */
export async function captureControlSocket(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Native = window.WebSocket;
    class Captured extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        (window as unknown as { __controlSocket?: WebSocket }).__controlSocket = this;
      }
    }
    window.WebSocket = Captured;
  });
}

export interface FloodResult {
  readonly sent: number;
  readonly frames: number;
  /** Worst gap between painted frames while the flood ran (ms). */
  readonly worstFrameGapMs: number;
  readonly p95FrameGapMs: number;
  /** Message rows in the DOM at the end (virtualized: a screenful, not thousands). */
  readonly rowsInDom: number;
}

/**
 * Plays exactly `perSecond × seconds` chat messages as batched events, one
 * batch every 50 ms (the nominal rate; a loaded machine takes longer, it
 * never sends fewer), measuring the gaps between painted frames meanwhile.
 */
export function floodConsole(page: Page, perSecond: number, seconds: number, idPrefix = 'flood'): Promise<FloodResult> {
  return page.evaluate(
    async ({ perSecond, seconds, idPrefix }) => {
      const socket = (window as unknown as { __controlSocket: WebSocket }).__controlSocket;
      const deliver = (payload: unknown) =>
        socket.onmessage?.(new MessageEvent('message', { data: JSON.stringify({ type: 'event', channel: 'studio:event:chat-messages', payload }) }));
      const gaps: number[] = [];
      let last = performance.now();
      let running = true;
      const onFrame = (now: number) => {
        gaps.push(now - last);
        last = now;
        if (running) requestAnimationFrame(onFrame);
      };
      requestAnimationFrame(onFrame);
      let sent = 0;
      const perBatch = Math.round(perSecond / 20);
      const total = perBatch * Math.round(seconds * 20);
      while (sent < total) {
        const batch = Array.from({ length: perBatch }, () => {
          const n = sent++;
          return {
            id: `${idPrefix}-${n}`,
            showId: null,
            viewerId: `v_flood_${n % 300}`,
            name: `Viewer ${n % 300}`,
            role: 'viewer',
            text: n % 17 === 0 ? `What size is the jacket? (${n})` : `message number ${n} — loving this show`,
            ts: Date.now(),
            status: n % 41 === 0 ? 'held' : 'approved',
            reasons: n % 41 === 0 ? ['link'] : [],
            question: n % 17 === 0,
            decidedBy: 'auto',
            decidedAt: Date.now(),
          };
        });
        deliver(batch);
        await new Promise((r) => setTimeout(r, 50));
      }
      await new Promise((r) => setTimeout(r, 200));
      running = false;
      const sorted = [...gaps].sort((a, b) => a - b);
      return {
        sent,
        frames: gaps.length,
        worstFrameGapMs: Math.round(sorted[sorted.length - 1] ?? 0),
        p95FrameGapMs: Math.round(sorted[Math.floor(sorted.length * 0.95)] ?? 0),
        rowsInDom: document.querySelectorAll('[data-testid="chat-message"]').length,
      };
    },
    { perSecond, seconds, idPrefix },
  );
}
