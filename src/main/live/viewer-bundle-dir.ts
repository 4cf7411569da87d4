import fs from 'node:fs';
import path from 'node:path';

const viewerSourceDir = path.resolve(import.meta.dirname, '../../sfu/viewer');
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
  const built = mtime(path.join(outDir, 'watch.js'));
  const sources = fs.existsSync(viewerSourceDir) ? fs.readdirSync(viewerSourceDir).map((f) => path.join(viewerSourceDir, f)) : [];
  if (built > 0 && sources.every((f) => mtime(f) <= built)) return null;
  try {
    const { buildViewerBundle } = await import('../../sfu/viewer-bundle.js');
    const { ms } = await buildViewerBundle(outDir);
    return `watch page built in ${ms} ms`;
  } catch (error) {
    return `the watch page could not be built (${(error as Error).message}); run "npm run build"`;
  }
}
