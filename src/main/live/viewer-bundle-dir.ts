import fs from 'node:fs';
import path from 'node:path';

/** The watch page's and the guest page's sources (both built into dist/viewer by buildViewerBundle). */
const pageSourceDirs = ['viewer', 'guest'].map((dir) => path.resolve(import.meta.dirname, '../../sfu', dir));
/** dist/viewer of this checkout (where `npm run build` puts the watch page). */
export const checkoutViewerDir = (): string => path.resolve(import.meta.dirname, '../../../dist/viewer');

const mtime = (file: string): number => {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
};

/**
 * From a checkout (`npm run web`), the built-in SFU serves dist/viewer. That
 * script does not run the viewer build, so build it here when it is missing
 * or older than its sources; otherwise reuse it (building takes a second).
 * Returns a note for the start-up message, or null when nothing was done.
 */
export async function ensureViewerBundle(outDir = checkoutViewerDir()): Promise<string | null> {
  const built = Math.min(mtime(path.join(outDir, 'watch.js')), mtime(path.join(outDir, 'guest.js')));
  const sources = pageSourceDirs.flatMap((dir) => (fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => path.join(dir, f)) : []));
  if (built > 0 && sources.every((f) => mtime(f) <= built)) return null;
  try {
    const { buildViewerBundle } = await import('../../sfu/viewer-bundle.js');
    const { ms } = await buildViewerBundle(outDir);
    return `watch page built in ${ms} ms`;
  } catch (error) {
    return `the watch page could not be built (${(error as Error).message}); run "npm run build"`;
  }
}
