import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const replaySourceDir = path.resolve(import.meta.dirname, 'replay');

/** The files a published replay folder takes from the build (the studio adds the video, timeline.json and images/). */
export const REPLAY_PAGE_FILES = ['index.html', 'replay.js', 'replay.css'] as const;

/**
 * Builds the replay page (src/sfu/replay) into `outDir`: index.html (a
 * template: the studio puts the show's name in), replay.js (one classic
 * script, no imports, so it runs from any static host) and replay.css. Used
 * by `npm run build` (scripts/build-viewer.ts, into dist/replay) and by the
 * studio from a checkout when dist/replay is missing or older than its
 * sources. Needs esbuild (a dev dependency); the packaged studio ships the
 * built files.
 */
export async function buildReplayBundle(outDir: string): Promise<{ bytes: number; ms: number }> {
  const started = Date.now();
  fs.mkdirSync(outDir, { recursive: true });
  const result = await build({
    entryPoints: [path.join(replaySourceDir, 'main.ts')],
    outfile: path.join(outDir, 'replay.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    // Phones: iOS 15 Safari and Android Chrome of the last few years.
    target: ['es2020', 'safari15', 'chrome100', 'firefox100'],
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'silent',
    metafile: true,
  });
  for (const file of ['index.html', 'replay.css']) {
    fs.copyFileSync(path.join(replaySourceDir, file), path.join(outDir, file));
  }
  const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
  return { bytes, ms: Date.now() - started };
}

/** The page's source files (the studio rebuilds from a checkout when any is newer than the build). */
export function replaySourceFiles(): string[] {
  return fs.existsSync(replaySourceDir) ? fs.readdirSync(replaySourceDir).map((f) => path.join(replaySourceDir, f)) : [];
}
