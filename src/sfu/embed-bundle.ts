import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { build } from 'esbuild';

const loaderEntry = path.resolve(import.meta.dirname, 'embed', 'embed-loader.ts');

/**
 * Builds embed.js, the loader sellers paste into their pages (src/sfu/embed,
 * docs/embed.md), into `outDir` beside the watch page: one classic script
 * (an IIFE: it runs in pages we do not control, next to their own globals),
 * with a gzip copy. Called by buildViewerBundle.
 */
export async function buildEmbedBundle(outDir: string): Promise<{ bytes: number }> {
  fs.mkdirSync(outDir, { recursive: true });
  const result = await build({
    entryPoints: [loaderEntry],
    outfile: path.join(outDir, 'embed.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020', 'safari15', 'chrome100', 'firefox100'],
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'silent',
    metafile: true,
  });
  const raw = fs.readFileSync(path.join(outDir, 'embed.js'));
  fs.writeFileSync(path.join(outDir, 'embed.js.gz'), zlib.gzipSync(raw, { level: 9 }));
  return { bytes: Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0) };
}
