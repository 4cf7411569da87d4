/**
 * A short real MP4 for recording and replay tests (a harness: no vitest):
 * ffmpeg's test pattern and a sine tone, H.264 + AAC, the index at the front
 * (faststart) as a finished recording has it.
 */
import { spawn } from 'node:child_process';

export async function makeTestMp4(file: string, options: { seconds?: number; width?: number; height?: number; fps?: number } = {}): Promise<void> {
  const { seconds = 4, width = 320, height = 180, fps = 15 } = options;
  // A keyframe every second: seeking lands close to where it was asked.
  const args = [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc=size=${width}x${height}:rate=${fps}:duration=${seconds}`,
    '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', String(fps),
    '-c:a', 'aac', '-b:a', '64k', '-shortest', '-movflags', '+faststart', file,
  ];
  const ffmpeg = spawn('ffmpeg', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  ffmpeg.stderr.on('data', (d: Buffer) => (errors += d.toString()));
  // Never outlives its caller: a stuck encode is killed with the process.
  const killOnExit = () => ffmpeg.kill('SIGKILL');
  process.once('exit', killOnExit);
  const timer = setTimeout(() => ffmpeg.kill('SIGKILL'), 60_000);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      ffmpeg.once('error', reject);
      ffmpeg.once('exit', (c) => resolve(c));
    });
    if (code !== 0) throw new Error(`ffmpeg could not make the test video (exit ${code}): ${errors}`);
  } finally {
    clearTimeout(timer);
    process.off('exit', killOnExit);
  }
}
