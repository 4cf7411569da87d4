/**
 * The studio UI and the watch page set up for the pin benchmarks
 * (bench/pin-fanout.ts): a show with a two-product rundown, the studio live
 * with its compositor's output, the watch page playing, OBS syncing.
 */
import type { Browser, Page } from '@playwright/test';
import type { HeadlessObs } from '../tests/harness/headless-obs.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `read` until it gives a value; the error names `what`. */
export async function waitUntil<T>(read: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 5_000, stepMs = 5): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(stepMs);
  }
}

/** Two demo products whose titles are not prefixes of each other, as a two-item rundown in a new active show. */
export async function prepareRundown(studio: Page): Promise<{ showId: number; items: { id: number; title: string }[] }> {
  // No named helpers inside: tsx would wrap them in a `__name` call the page does not have.
  return studio.evaluate(async () => {
    const api = window.studio!;
    const page = await api.searchCatalog({ query: '', offset: 0, limit: 100 });
    if (!page.ok) throw new Error(page.error.message);
    const first = page.value.rows[0];
    const second = page.value.rows.find((r) => r.productId !== first?.productId && !r.title.startsWith(first!.title) && !first!.title.startsWith(r.title));
    if (!first || !second) throw new Error('The demo catalog needs two products.');
    const show = await api.createShow({ name: 'Pin fan-out bench', scheduledStart: null });
    if (!show.ok) throw new Error(show.error.message);
    const active = await api.setActiveShow({ showId: show.value.id });
    if (!active.ok) throw new Error(active.error.message);
    const state = await api.addRundownItems({
      showId: show.value.id,
      items: [first, second].map((r) => ({ kind: 'product' as const, productId: r.productId, variantId: null })),
    });
    if (!state.ok) throw new Error(state.error.message);
    return { showId: show.value.id, items: state.value.items.map((i) => ({ id: i.id, title: i.product?.title ?? i.title })) };
  });
}

/** Turns on the fake camera, puts "Camera + product card" on air and goes live with the compositor's output. */
export async function goLive(studio: Page): Promise<void> {
  await studio.getByRole('button', { name: 'Turn on camera and microphone' }).click();
  for (const check of ['camera', 'microphone', 'server']) {
    await studio.locator(`[data-testid="check-${check}"][data-state="ok"]`).waitFor({ timeout: 20_000 });
  }
  await studio.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await studio.keyboard.press('F2');
  await studio.getByRole('button', { name: 'Take' }).click();
  await studio.locator('[data-scene="camera-card"].scene-program').waitFor();
  await studio.getByRole('button', { name: 'Go live' }).click();
  await studio.locator('[data-testid="live-pill"][data-phase="live"]').waitFor({ timeout: 30_000 });
}

export async function openViewer(browser: Browser, studio: Page, probes: readonly string[]): Promise<Page> {
  const url = await studio.evaluate(async () => {
    const status = await window.studio!.getSfuStatus();
    if (!status.ok || !status.value.viewerUrls[0]) throw new Error('The studio has no viewer link.');
    return status.value.viewerUrls[0];
  });
  const viewer = await (await browser.newContext({ viewport: { width: 1300, height: 900 } })).newPage();
  await viewer.goto(url);
  await viewer.locator('#watch[data-phase="live"]').waitFor({ timeout: 30_000 });
  await viewer.waitForFunction(() => performance.getEntriesByName('lss:first-frame').length > 0, null, { timeout: 30_000 });
  for (const probe of probes) await viewer.evaluate(probe);
  return viewer;
}

/** Connects the studio to OBS and turns on "Sync overlays" into Scene A; returns OBS's version. */
export async function connectStudioToObs(studio: Page, obs: HeadlessObs): Promise<string | null> {
  await studio.evaluate(
    async ({ address, password }) => {
      const connected = await window.studio!.connectObs({ address, password });
      if (!connected.ok) throw new Error(connected.error.message);
    },
    { address: obs.address, password: obs.password },
  );
  const version = await waitUntil(
    () =>
      studio.evaluate(async () => {
        const status = await window.studio!.getObsStatus();
        return status.ok && status.value.state === 'connected' ? (status.value.obsVersion ?? 'unknown') : null;
      }),
    'the studio to connect to OBS',
    15_000,
    100,
  );
  await studio.evaluate(async () => {
    const synced = await window.studio!.setObsOverlayScene({ sceneName: 'Scene A' });
    if (!synced.ok) throw new Error(synced.error.message);
  });
  return version;
}
