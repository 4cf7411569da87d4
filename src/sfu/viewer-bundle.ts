import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { build } from 'esbuild';
import { buildEmbedBundle } from './embed-bundle.js';
import { buildGuestBundle } from './guest-bundle.js';

const viewerSourceDir = path.resolve(import.meta.dirname, 'viewer');

/**
 * Builds the watch page into `outDir`: index.html, watch.js (one ES module
 * with mediasoup-client inside) and watch.css; the guest page
 * (guest-bundle.ts) and the embed loader embed.js (embed-bundle.ts) go beside it, so all are served from one folder. Used by `npm run build`
 * (scripts/build-viewer.ts) and by `studio sfu` at start, so a server run
 * from a checkout always serves the page that matches its code.
 * Needs esbuild (a dev dependency); the packaged studio ships the built files.
 */
export async function buildViewerBundle(outDir: string): Promise<{ bytes: number; ms: number }> {
  const started = Date.now();
  fs.mkdirSync(outDir, { recursive: true });
  const result = await build({
    entryPoints: [path.join(viewerSourceDir, 'main.ts')],
    outfile: path.join(outDir, 'watch.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    // Phones: iOS 15 Safari and Android Chrome of the last few years.
    target: ['es2020', 'safari15', 'chrome100', 'firefox100'],
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
    metafile: true,
  });
  for (const file of ['index.html', 'watch.css']) {
    fs.copyFileSync(path.join(viewerSourceDir, file), path.join(outDir, file));
  }
  // Precompressed copies: phones on mobile data fetch about a fifth of the bytes.
  for (const file of ['watch.js', 'watch.css']) {
    const raw = fs.readFileSync(path.join(outDir, file));
    fs.writeFileSync(path.join(outDir, `${file}.gz`), zlib.gzipSync(raw, { level: 9 }));
  }
  const guest = await buildGuestBundle(outDir);
  const embed = await buildEmbedBundle(outDir);
  const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0) + guest.bytes + embed.bytes;
  return { bytes, ms: Date.now() - started };
}
