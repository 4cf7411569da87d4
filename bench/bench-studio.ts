/**
 * A whole studio core for the Node-side live benchmarks: a fresh data
 * folder, the built-in SFU on a free port, main's host link connected.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStudioCore, type StudioCore } from '../src/main/core/studio-core.js';

export interface BenchStudio {
  readonly core: StudioCore;
  readonly dataDir: string;
  readonly signalUrl: string;
  readonly room: string;
}

export async function startBenchStudio(prefix: string): Promise<BenchStudio> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `lss-bench-${prefix}-`));
  const core = await startStudioCore({
    dataDir,
    rendererDir: path.join(dataDir, 'no-renderer'),
    platform: { runtime: 'web', openExternal: () => Promise.resolve(false) },
    pinnedControlServer: { port: 0 },
    embeddedSfu: { port: 0 },
  });
  await core.live.ready();
  const { signalUrl, room, state, error } = core.live.status();
  if (!signalUrl) {
    await core.close();
    throw new Error(`The built-in SFU is not running (${state}): ${error ?? ''}`);
  }
  while (core.live.status().state !== 'connected') await new Promise((r) => setTimeout(r, 10));
  return { core, dataDir, signalUrl, room };
}
