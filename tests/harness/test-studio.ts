/**
 * A whole studio core on a real SQLite file with its built-in SFU on a free
 * port, API calls through the dispatcher (validation included), and
 * protocol-speaking viewers: for the live, pin and OBS tests and for
 * bench/obs-pin.ts. A harness: no vitest here (the per-test cleanup is in
 * tests/support/live-world.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CallContext } from '../../src/main/api/dispatcher.js';
import { startStudioCore, type StudioCore } from '../../src/main/core/studio-core.js';
import type { Result } from '../../src/shared/api/result.js';
import type { CatalogRow } from '../../src/shared/domain/catalog.js';
import type { SfuStatus } from '../../src/shared/domain/live.js';
import type { SfuServer } from '../../src/sfu/index.js';
import { buildReplayBundle } from '../../src/sfu/replay-bundle.js';
import { buildViewerBundle } from '../../src/sfu/viewer-bundle.js';
import { importedProduct } from './imported-products.js';
import { TestSignalClient } from './signal-client.js';

const desktop: CallContext = { transport: 'ipc', clientId: 'window' };

export interface TestStudio {
  readonly core: StudioCore;
  readonly events: { channel: string; payload: unknown }[];
  call<T>(channel: string, input?: unknown): Promise<T>;
  /** Adds products to the catalog; returns one catalog row per product (its first variant). */
  addProducts(...products: Parameters<typeof importedProduct>[0][]): CatalogRow[];
  waitForStatus(check: (s: SfuStatus) => boolean, what: string): Promise<SfuStatus>;
  close(): Promise<void>;
}

/**
 * The watch page, built once per test process into a temporary folder, so
 * the tests never depend on (or race over) the checkout's dist/viewer.
 */
let viewerBundle: Promise<string> | null = null;
function testViewerDir(): Promise<string> {
  viewerBundle ??= (async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-test-viewer-'));
    await buildViewerBundle(dir);
    return dir;
  })();
  return viewerBundle;
}

/** The replay page, built once per test process into a temporary folder (like the watch page). */
let replayBundle: Promise<string> | null = null;
export function testReplayPageDir(): Promise<string> {
  replayBundle ??= (async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-test-replay-page-'));
    await buildReplayBundle(dir);
    return dir;
  })();
  return replayBundle;
}

export async function startTestStudio(
  dataDir: string,
  embeddedSfu: { port?: number } = { port: 0 },
  /** What the platform does when the core asks to be restarted (a restore from Settings); absent: it cannot. */
  restart?: () => void,
): Promise<TestStudio> {
  const viewerDir = await testViewerDir();
  const replayPageDir = await testReplayPageDir();
  const core = await startStudioCore({
    replayPageDir,
    ...(restart ? { restart } : {}),
    dataDir,
    rendererDir: path.join(dataDir, 'no-renderer'),
    platform: { runtime: 'web', openExternal: () => Promise.resolve(false) },
    pinnedControlServer: { port: 0 },
    embeddedSfu: { viewerDir, ...embeddedSfu },
  });
  const events: { channel: string; payload: unknown }[] = [];
  core.events.subscribe((channel, payload) => events.push({ channel, payload }));
  let closed = false;
  const studio: TestStudio = {
    core,
    events,
    async call<T>(channel: string, input?: unknown): Promise<T> {
      const result = (await core.dispatch(channel, input, desktop)) as Result<T>;
      if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
      return result.value;
    },
    addProducts(...products) {
      const imported = products.map((p) => importedProduct(p));
      core.catalog.applyImport(imported, 'shopify', { dryRun: false });
      const rows = core.catalog.search({ query: '', offset: 0, limit: 1000 }).rows;
      return imported.map((p) => rows.find((r) => r.title === p.title)!);
    },
    waitForStatus: (check, what) => until(() => core.live.status(), check, what),
    async close() {
      if (closed) return;
      closed = true;
      await core.close();
    },
  };
  return studio;
}

export async function until<T>(read: () => T, check: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A viewer as the watch page is one: connects to the signal URL and joins the room. */
export async function joinAsViewer(signalUrl: string, room: string) {
  const client = await TestSignalClient.connect({ signalUrl } as SfuServer);
  const joined = await client.requests.request({ type: 'join', show: room, role: 'viewer' });
  return { client, room: joined.room };
}
