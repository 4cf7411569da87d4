import type { Page } from '@playwright/test';

/**
 * Reading the composed picture back, for the compositor's end-to-end
 * tests: the studio's output canvas (`?lss-test-hooks` exposes the
 * compositor) and the viewer's received video. Points are fractions of the
 * frame, so they hold at 720p and 1080p.
 */

export type Rgb = [number, number, number];

/** Reads pixels of the compositor's output (x, y as fractions of the frame). */
export function outputPixels(page: Page, points: readonly (readonly [number, number])[]): Promise<Rgb[]> {
  return page.evaluate((pts) => {
    const canvas = (window as unknown as { __lssCompositor: { canvas: HTMLCanvasElement } }).__lssCompositor.canvas;
    const ctx = canvas.getContext('2d')!;
    return pts.map(([fx, fy]) => {
      const data = ctx.getImageData(Math.round(fx * canvas.width), Math.round(fy * canvas.height), 1, 1).data;
      return [data[0]!, data[1]!, data[2]!] as Rgb;
    });
  }, points);
}

export async function outputPixel(page: Page, x: number, y: number): Promise<Rgb> {
  return (await outputPixels(page, [[x, y]]))[0]!;
}

/**
 * A fingerprint of a strip inside the pinned card on the output (x 0.645–0.94,
 * y 0.8–0.88: on the card with or without a picture, away from its edges):
 * the same card gives the same string, another product another one.
 */
export function outputCardStrip(page: Page): Promise<string> {
  return page.evaluate(() => {
    const canvas = (window as unknown as { __lssCompositor: { canvas: HTMLCanvasElement } }).__lssCompositor.canvas;
    const [x, y] = [Math.round(0.645 * canvas.width), Math.round(0.8 * canvas.height)];
    const data = canvas.getContext('2d')!.getImageData(x, y, Math.round(0.94 * canvas.width) - x, Math.round(0.88 * canvas.height) - y).data;
    let hash = 0x811c9dc5;
    for (const byte of data) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
    return hash.toString(16);
  });
}

/** Reads one pixel of the viewer's video. */
export function viewerPixel(page: Page, x: number, y: number): Promise<Rgb> {
  return page.evaluate(
    ([fx, fy]) => {
      const video = document.querySelector('video')!;
      const canvas = document.createElement('canvas');
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(video, 0, 0);
      const data = ctx.getImageData(Math.round(fx! * canvas.width), Math.round(fy! * canvas.height), 1, 1).data;
      return [data[0]!, data[1]!, data[2]!] as Rgb;
    },
    [x, y],
  );
}

export const isWhite = ([r, g, b]: Rgb, tolerance = 0) => r >= 255 - tolerance && g >= 255 - tolerance && b >= 255 - tolerance;
export const isNear = (p: Rgb, [r, g, b]: Rgb, tolerance: number) => Math.abs(p[0] - r) <= tolerance && Math.abs(p[1] - g) <= tolerance && Math.abs(p[2] - b) <= tolerance;
export const isDark = ([r, g, b]: Rgb) => r < 80 && g < 80 && b < 80;

/**
 * In the pinned card's left padding, near its bottom. The card's layer spans
 * x 0.63–0.96, y 0.1–0.9 in the first-run scenes; a card without a picture
 * is only as tall as its text and sits at the bottom of that, so this point
 * is on the card with or without a picture.
 */
export const CARD_POINT = [0.64, 0.85] as const;

/** Blurs whatever has focus, so Space reaches the Take shortcut (a focused button would take it). */
export async function takeWithSpace(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Space');
}

/** Scene keys go to the page, not to a field: nothing focused. */
export async function pressSceneKey(page: Page, key: string): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press(key);
}

/** Reads one pixel of the preview monitor (the scene picked next, drawn at 15 fps). */
export function previewPixel(page: Page, x: number, y: number): Promise<Rgb> {
  return page.getByTestId('preview-canvas').evaluate(
    (canvas: HTMLCanvasElement, [fx, fy]) => {
      const data = canvas.getContext('2d')!.getImageData(Math.round(fx! * canvas.width), Math.round(fy! * canvas.height), 1, 1).data;
      return [data[0]!, data[1]!, data[2]!] as Rgb;
    },
    [x, y],
  );
}

/** Whether a row of the output, between two x fractions, has near-white pixels (drawn text). */
export function outputRowHasLight(page: Page, y: number, x0: number, x1: number): Promise<boolean> {
  return page.evaluate(
    ([fy, fx0, fx1]) => {
      const canvas = (window as unknown as { __lssCompositor: { canvas: HTMLCanvasElement } }).__lssCompositor.canvas;
      const left = Math.round(fx0! * canvas.width);
      const data = canvas.getContext('2d')!.getImageData(left, Math.round(fy! * canvas.height), Math.round(fx1! * canvas.width) - left, 1).data;
      for (let i = 0; i < data.length; i += 4) if (data[i]! > 200 && data[i + 1]! > 200 && data[i + 2]! > 200) return true;
      return false;
    },
    [y, x0, x1],
  );
}

/** Whether a row of the preview monitor, between two x fractions, has near-white pixels (drawn text). */
export function previewRowHasLight(page: Page, y: number, x0: number, x1: number): Promise<boolean> {
  return page.getByTestId('preview-canvas').evaluate(
    (canvas: HTMLCanvasElement, [fy, fx0, fx1]) => {
      const left = Math.round(fx0! * canvas.width);
      const data = canvas.getContext('2d')!.getImageData(left, Math.round(fy! * canvas.height), Math.round(fx1! * canvas.width) - left, 1).data;
      for (let i = 0; i < data.length; i += 4) if (data[i]! > 200 && data[i + 1]! > 200 && data[i + 2]! > 200) return true;
      return false;
    },
    [y, x0, x1],
  );
}

/** What the compositor drew on the last program frame: the viewers' slate for a screen layer with nothing shared. */
export function programShowsScreenSlate(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __lssCompositor: { programShowsScreenSlate: boolean } }).__lssCompositor.programShowsScreenSlate);
}
