import fs from 'node:fs';
import path from 'node:path';

/** dist/replay of this checkout (where `npm run build` puts the replay page). */
export const checkoutReplayPageDir = (): string => path.resolve(import.meta.dirname, '../../../dist/replay');

const mtime = (file: string): number => {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
};

/**
 * From a checkout (`npm run web`), publishing copies dist/replay into each
 * replay folder. Like the watch page (live/viewer-bundle-dir.ts), it is
 * built here when missing or older than its sources. Not for the desktop
 * app's bundle (it ships dist/replay; esbuild is not there). Returns a note
 * for the start-up message, or null when nothing was done.
 */
export async function ensureReplayPage(outDir = checkoutReplayPageDir()): Promise<string | null> {
  try {
    const { buildReplayBundle, replaySourceFiles } = await import('../../sfu/replay-bundle.js');
    const built = mtime(path.join(outDir, 'replay.js'));
    if (built > 0 && replaySourceFiles().every((f) => mtime(f) <= built)) return null;
    const { ms } = await buildReplayBundle(outDir);
    return `replay page built in ${ms} ms`;
  } catch (error) {
    return `the replay page could not be built (${(error as Error).message}); run "npm run build"`;
  }
}
