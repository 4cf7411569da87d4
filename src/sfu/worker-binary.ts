import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type * as MediasoupModule from 'mediasoup';

/** The mediasoup version whose worker scripts/build-mediasoup-worker.sh builds. */
export const MEDIASOUP_VERSION = '3.12.16';

/**
 * Where scripts/build-mediasoup-worker.sh caches the worker it builds
 * (keep in sync with that script).
 */
export function cachedWorkerPath(): string {
  const cacheRoot =
    process.env.LSS_CACHE_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'live-seller-studio');
  return path.join(cacheRoot, `mediasoup-worker-${MEDIASOUP_VERSION}`, 'mediasoup-worker');
}

const isExecutable = (file: string): boolean => {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * Picks the worker binary before mediasoup is first loaded (mediasoup reads
 * MEDIASOUP_WORKER_BIN once, at import). In order: MEDIASOUP_WORKER_BIN if
 * set; mediasoup's own binary (downloaded by its install on machines with
 * internet); the one our build script cached. Returns the path in use, or
 * null when none exists (createWorker then fails with mediasoup's message).
 */
export function chooseWorkerBinary(): string | null {
  const fromEnv = process.env.MEDIASOUP_WORKER_BIN;
  if (fromEnv) return fromEnv;
  let packaged: string | null = null;
  try {
    const mediasoupDir = path.dirname(createRequire(import.meta.url).resolve('mediasoup/package.json'));
    packaged = path.join(mediasoupDir, 'worker', 'out', 'Release', 'mediasoup-worker');
  } catch {
    // mediasoup not installed: loading it fails later with a clear message.
  }
  if (packaged && isExecutable(packaged)) return packaged;
  const cached = cachedWorkerPath();
  if (isExecutable(cached)) {
    process.env.MEDIASOUP_WORKER_BIN = cached;
    return cached;
  }
  return null;
}

/** Loads mediasoup after choosing its worker binary. */
export async function loadMediasoup(): Promise<typeof MediasoupModule> {
  chooseWorkerBinary();
  return import('mediasoup');
}
