/**
 * Builds the SFU's watch page and guest page into dist/viewer and the replay page into
 * dist/replay (part of `npm run build`). Run alone with
 * `npx tsx scripts/build-viewer.ts`.
 */
import path from 'node:path';
import { buildReplayBundle } from '../src/sfu/replay-bundle.js';
import { buildViewerBundle } from '../src/sfu/viewer-bundle.js';

const outDir = path.resolve(import.meta.dirname, '../dist/viewer');
const { bytes, ms } = await buildViewerBundle(outDir);
process.stdout.write(`watch + guest pages: ${path.relative(process.cwd(), outDir)} (${Math.round(bytes / 1024)} KiB of JS, ${ms} ms)\n`);
const replayDir = path.resolve(import.meta.dirname, '../dist/replay');
const replay = await buildReplayBundle(replayDir);
process.stdout.write(`replay page: ${path.relative(process.cwd(), replayDir)} (${Math.round(replay.bytes / 1024)} KiB of JS, ${replay.ms} ms)\n`);
