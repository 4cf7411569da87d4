import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { framePixel, probeMedia, RECORDING_FIXTURES, type Rgb } from '../../../tests/harness/media-probe.js';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { ToolRunner } from './ffmpeg-tools.js';
import { CAPTURE_FILE, FinalizeError, finalizeCapture, RECORDING_FILE } from './finalize-capture.js';

/** Debian's ffmpeg and ffprobe on the PATH (`npm run setup` installs them). */
const TOOLS = { ffmpeg: 'ffmpeg', ffprobe: 'ffprobe' };
const runners: ToolRunner[] = [];
const runner = () => {
  const made = new ToolRunner();
  runners.push(made);
  return made;
};
afterEach(() => {
  while (runners.length) runners.pop()!.close();
});

/** A recording folder holding (part of) a real capture. */
function folderWith(fixture: string, bytes?: number): string {
  const folder = tempDir('lss-finalize-');
  const whole = fs.readFileSync(path.join(RECORDING_FIXTURES, fixture));
  fs.writeFileSync(path.join(folder, CAPTURE_FILE), bytes === undefined ? whole : whole.subarray(0, bytes));
  return folder;
}

const isRed = ([r, g, b]: Rgb) => r > 150 && g < 60 && b < 60;
const isBlue = ([r, g, b]: Rgb) => b > 150 && r < 60 && g < 60;

describe('finalizeCapture (real ffmpeg)', () => {
  it('copies H.264 into an MP4 with AAC sound and the index first, and removes the capture', async () => {
    const folder = folderWith('capture-h264.webm');
    const made = await finalizeCapture(runner(), TOOLS, folder);
    expect(made.file).toBe(path.join(folder, RECORDING_FILE));
    const info = await probeMedia(made.file);
    expect(info).toMatchObject({ brand: 'isom', video: { codec: 'h264', width: 640, height: 360 }, audio: { codec: 'aac' }, indexFirst: true });
    expect(made.durationMs).toBe(info.durationMs);
    expect(made.durationMs).toBeGreaterThan(3500);
    expect(made.durationMs).toBeLessThan(4600);
    expect(made.bytes).toBe(fs.statSync(made.file).size);
    expect(fs.readdirSync(folder)).toEqual([RECORDING_FILE]);
    // The picture is the capture's: red first, blue after two seconds.
    expect(isRed(await framePixel(made.file, 1, 0.1, 0.1))).toBe(true);
    expect(isBlue(await framePixel(made.file, 3, 0.1, 0.1))).toBe(true);
  });

  it('encodes a VP8 capture to H.264', async () => {
    const made = await finalizeCapture(runner(), TOOLS, folderWith('capture-vp8.webm'));
    expect(await probeMedia(made.file)).toMatchObject({ video: { codec: 'h264', width: 640, height: 360 }, audio: { codec: 'aac' }, indexFirst: true });
    expect(made.durationMs).toBeGreaterThan(3500);
    expect(isBlue(await framePixel(made.file, 3, 0.1, 0.1))).toBe(true);
  });

  it('makes an MP4 of what a capture cut short by a crash holds', async () => {
    const whole = fs.statSync(path.join(RECORDING_FIXTURES, 'capture-h264.webm')).size;
    // Cut in the middle of the third chunk, as a power cut leaves a half-written file.
    const folder = folderWith('capture-h264.webm', Math.round(whole * 0.6));
    const made = await finalizeCapture(runner(), TOOLS, folder);
    const info = await probeMedia(made.file);
    expect(info).toMatchObject({ video: { codec: 'h264' }, audio: { codec: 'aac' } });
    expect(made.durationMs).toBeGreaterThan(1500);
    expect(made.durationMs).toBeLessThan(3200);
    expect(isRed(await framePixel(made.file, 1, 0.1, 0.1))).toBe(true);
  });

  it('says nothing was captured for an empty capture, and that no picture can be read from a header alone', async () => {
    const empty = folderWith('capture-h264.webm', 0);
    await expect(finalizeCapture(runner(), TOOLS, empty)).rejects.toThrow(new FinalizeError('Nothing was captured: the recording stopped before its first second reached the studio.'));
    const headerOnly = folderWith('capture-h264.webm', 200);
    await expect(finalizeCapture(runner(), TOOLS, headerOnly)).rejects.toThrow(/no picture that can be read/);
    // What there was stays for a look.
    expect(fs.readdirSync(headerOnly)).toEqual([CAPTURE_FILE]);
  });

  it('keeps the capture and says how to get ffmpeg when it is not where Settings says', async () => {
    const folder = folderWith('capture-h264.webm');
    const missing = { ffmpeg: path.join(folder, 'bin', 'ffmpeg'), ffprobe: path.join(folder, 'bin', 'ffprobe') };
    const error = await finalizeCapture(runner(), missing, folder).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FinalizeError);
    expect((error as Error).message).toMatch(/^The capture is kept, but it could not be turned into an MP4: ffprobe was not found/);
    expect((error as Error).message).toMatch(/Settings → Recording/);
    expect(fs.readdirSync(folder)).toEqual([CAPTURE_FILE]);
  });

  it('reads back an MP4 made before the studio stopped, instead of failing on the missing capture', async () => {
    const folder = folderWith('capture-h264.webm');
    const first = await finalizeCapture(runner(), TOOLS, folder);
    const again = await finalizeCapture(runner(), TOOLS, folder);
    expect(again).toEqual(first);
  });
});
