/**
 * Builds the SFU's watch page into dist/viewer (part of `npm run build`).
 * Run alone with `npx tsx scripts/build-viewer.ts`.
 */
import path from 'node:path';
import { buildViewerBundle } from '../src/sfu/viewer-bundle.js';

const outDir = path.resolve(import.meta.dirname, '../dist/viewer');
const { bytes, ms } = await buildViewerBundle(outDir);
process.stdout.write(`viewer page: ${path.relative(process.cwd(), outDir)} (${Math.round(bytes / 1024)} KiB of JS, ${ms} ms)\n`);
