import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { build } from 'esbuild';

const guestSourceDir = path.resolve(import.meta.dirname, 'guest');

/**
 * Builds the guest page (src/sfu/guest) into `outDir`, next to the watch
 * page: guest.html, guest.js (one ES module with mediasoup-client inside)
 * and guest.css, with gzip copies. Called by buildViewerBundle, so every
 * place that builds the watch page builds this one too.
 */
export async function buildGuestBundle(outDir: string): Promise<{ bytes: number; ms: number }> {
  const started = Date.now();
  fs.mkdirSync(outDir, { recursive: true });
  const result = await build({
    entryPoints: [path.join(guestSourceDir, 'main.ts')],
    outfile: path.join(outDir, 'guest.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    // Laptops and phones: Safari 15 and the Chromium and Firefox of the last few years.
    target: ['es2020', 'safari15', 'chrome100', 'firefox100'],
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
    metafile: true,
  });
  for (const file of ['guest.html', 'guest.css']) {
    fs.copyFileSync(path.join(guestSourceDir, file), path.join(outDir, file));
  }
  for (const file of ['guest.js', 'guest.css']) {
    const raw = fs.readFileSync(path.join(outDir, file));
    fs.writeFileSync(path.join(outDir, `${file}.gz`), zlib.gzipSync(raw, { level: 9 }));
  }
  const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
  return { bytes, ms: Date.now() - started };
}
