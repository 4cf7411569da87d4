import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { checkFfmpeg, ffprobePathFor, parseToolVersion, ToolRunner } from './ffmpeg-tools.js';

const runners: ToolRunner[] = [];
afterEach(() => {
  while (runners.length) runners.pop()!.close();
});
const runner = () => {
  const made = new ToolRunner();
  runners.push(made);
  return made;
};

describe('ffmpeg tools', () => {
  it('finds ffprobe beside ffmpeg', () => {
    expect(ffprobePathFor('ffmpeg')).toBe('ffprobe');
    expect(ffprobePathFor('/opt/ffmpeg/bin/ffmpeg')).toBe('/opt/ffmpeg/bin/ffprobe');
    expect(ffprobePathFor('C:\\Tools\\ffmpeg\\bin\\ffmpeg.exe')).toBe('C:\\Tools\\ffmpeg\\bin\\ffprobe.exe');
    expect(ffprobePathFor('./ffmpeg')).toBe('ffprobe');
  });

  it('reads the version line', () => {
    expect(parseToolVersion('ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2026 the FFmpeg developers')).toBe('5.1.9');
    expect(parseToolVersion('ffprobe version n7.1 Copyright')).toBe('7.1');
    expect(parseToolVersion('Usage: something else')).toBeNull();
  });

  it('finds the real ffmpeg on the PATH, and says how to get one when the path is wrong', async () => {
    const found = await checkFfmpeg(runner(), 'ffmpeg');
    expect(found).toMatchObject({ ok: true, path: 'ffmpeg', message: null });
    expect(found.version).toMatch(/^ffmpeg \d/);
    const wrong = path.join(tempDir(), 'ffmpeg');
    const missing = await checkFfmpeg(runner(), wrong);
    expect(missing).toEqual({
      ok: false,
      path: wrong,
      version: null,
      message: `ffmpeg was not found (“${wrong}”). Install ffmpeg (Debian/Ubuntu: sudo apt install ffmpeg; macOS: brew install ffmpeg; Windows: an ffmpeg build from ffmpeg.org) or type the full path to the program in Settings → Recording.`,
    });
    // A program that is not ffmpeg.
    expect((await checkFfmpeg(runner(), '/bin/true')).message).toMatch(/^“\/bin\/true” did not answer like ffmpeg does\./);
  });

  it('kills what it runs when closed', async () => {
    const tools = runner();
    const started = Date.now();
    const running = tools.run('sleep', ['30']);
    tools.close();
    expect((await running).code).toBeNull();
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
