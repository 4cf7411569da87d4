/**
 * A real RTMP ingest (Debian's nginx with its RTMP module) for the
 * multistream tests and the benchmark, started by scripts/rtmp-server-start.sh
 * in its own temp dir on a free loopback port: what YouTube or Twitch are to
 * a real show. Plus ffprobe/ffmpeg readers that check what the server really
 * received.
 * A harness: no vitest here, so `npm run bench` can use it.
 *
 *   const server = await startRtmpServer({ key: 'abc' });
 *   // publish to server.url + '/abc' (only that key is accepted)
 *   const probe = await probeRtmpStream(server.playUrl());
 *   await server.kill();     // as a crash looks to a publisher; same port
 *   await server.restart();  // back on the same port, same key
 *   await server.stop();     // in afterEach: stops it and removes its dir
 *
 * Every server still running when the Node process exits is killed then too
 * (nginx runs as a daemon and would otherwise outlive a crashed test run).
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const scripts = path.resolve(import.meta.dirname, '../../scripts');

export interface RtmpServerOptions {
  /** Only this stream key may publish (a wrong one is refused as a platform refuses it); omitted: any key. */
  readonly key?: string;
  /** A fixed port; omitted: a free one. */
  readonly port?: number;
}

export interface RtmpServer {
  readonly dir: string;
  readonly port: number;
  /** The key it accepts (null: any). */
  readonly key: string | null;
  /** The server URL a destination is given: rtmp://127.0.0.1:PORT/live (the key goes after a slash). */
  readonly url: string;
  /** The nginx master's process id while running (changes on restart), null when stopped or killed. */
  readonly pid: number | null;
  /** rtmp://127.0.0.1:PORT/live/<key> (default: the accepted key) — where ffprobe plays the stream back. */
  playUrl(key?: string): string;
  /** Stops nginx at once, as a crash or a network cut looks to a publisher; `restart` brings it back. */
  kill(): Promise<void>;
  /** Starts it again on the same port with the same key. */
  restart(): Promise<void>;
  /** Stops it and removes its dir. Safe to call twice. */
  stop(): Promise<void>;
}

/** Why RTMP tests cannot run here, or null when nginx's RTMP module and ffmpeg are installed. */
export function rtmpMissingReason(): string | null {
  // CI installs them (`npm run setup`): there a missing one is a failure to see, never a quiet skip.
  if (process.env.CI) return null;
  try {
    execFileSync('sh', ['-c', 'command -v ffmpeg && command -v ffprobe && test -f /usr/lib/nginx/modules/ngx_rtmp_module.so'], {
      stdio: 'ignore',
    });
    return null;
  } catch {
    return 'RTMP tests skipped: ffmpeg and nginx with libnginx-mod-rtmp are not installed (run scripts/install-system-deps.sh).';
  }
}

const running = new Set<string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const dir of running) {
      try {
        execFileSync('bash', [path.join(scripts, 'rtmp-server-stop.sh'), '--dir', dir], { stdio: 'ignore', timeout: 5000 });
      } catch {
        // Best effort on the way out.
      }
    }
  });
}

export async function startRtmpServer(options: RtmpServerOptions = {}): Promise<RtmpServer> {
  installExitHook();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-rtmp-'));
  const key = options.key ?? null;
  let pid: number | null = null;

  const startOn = async (port: number): Promise<number> => {
    const args = [path.join(scripts, 'rtmp-server-start.sh'), '--dir', dir, '--port', String(port)];
    if (key !== null) args.push('--key', key);
    const { stdout } = await run('bash', args);
    const started = Number(/^RTMP_PID=(\d+)$/m.exec(stdout)?.[1]);
    if (!started) throw new Error(`rtmp-server-start.sh printed no RTMP_PID: ${stdout}`);
    running.add(dir);
    return started;
  };

  // A free port can be taken between finding it and nginx binding it: try a few.
  let port = options.port ?? 0;
  for (let attempt = 0; pid === null; attempt++) {
    const candidate = options.port ?? (await freePort());
    try {
      pid = await startOn(candidate);
      port = candidate;
    } catch (error) {
      if (options.port !== undefined || attempt >= 4) {
        fs.rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }

  const url = `rtmp://127.0.0.1:${port}/live`;
  const stopScript = async () => {
    await run('bash', [path.join(scripts, 'rtmp-server-stop.sh'), '--dir', dir]);
    running.delete(dir);
    pid = null;
  };
  return {
    dir,
    port,
    key,
    url,
    get pid() {
      return pid;
    },
    playUrl: (playKey = key ?? 'stream') => `${url}/${playKey}`,
    kill: stopScript,
    async restart() {
      if (pid !== null) await stopScript();
      pid = await startOn(port);
    },
    async stop() {
      if (pid !== null || running.has(dir)) await stopScript();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Longest wait for the first keyframe a player gets (the egress encoder makes one every 2 s). */
const KEYFRAME_WAIT_S = 2.5;

export interface RtmpProbe {
  readonly video: { codec: string; width: number; height: number; pixFmt: string | null } | null;
  readonly audio: { codec: string; sampleRate: number; channels: number } | null;
  /** Video frames decoded in the read window (frames moving: > 0). */
  readonly videoFrames: number;
  /** Presentation times (s) of the first and last decoded video frame in the window. */
  readonly firstPts: number | null;
  readonly lastPts: number | null;
}

interface FfprobeJson {
  streams?: { codec_type?: string; codec_name?: string; width?: number; height?: number; pix_fmt?: string; sample_rate?: string; channels?: number }[];
  frames?: { media_type?: string; pts_time?: string; best_effort_timestamp_time?: string }[];
}

/**
 * Plays the stream back from the server and reports its codecs, size and
 * the video frames that arrived in about `seconds` of video. The server
 * starts a player's video at a keyframe (every 2 s) and its audio at once,
 * so the window read is `seconds` plus one keyframe interval. Rejects when
 * nothing is being published there (ffprobe gives up after `timeoutMs`).
 */
export async function probeRtmpStream(playUrl: string, seconds = 2, timeoutMs = 20_000): Promise<RtmpProbe> {
  const { stdout } = await run(
    'ffprobe',
    [
      '-v', 'error',
      '-rw_timeout', String(timeoutMs * 1000),
      '-read_intervals', `%+${seconds + KEYFRAME_WAIT_S}`,
      '-show_entries',
      'stream=codec_type,codec_name,width,height,pix_fmt,sample_rate,channels:frame=media_type,pts_time,best_effort_timestamp_time',
      '-show_frames',
      '-of', 'json',
      playUrl,
    ],
    { timeout: timeoutMs + (seconds + KEYFRAME_WAIT_S) * 1000 + 5000, maxBuffer: 64 * 1024 * 1024 },
  );
  const json = JSON.parse(stdout) as FfprobeJson;
  const streams = json.streams ?? [];
  const v = streams.find((s) => s.codec_type === 'video');
  const a = streams.find((s) => s.codec_type === 'audio');
  const times = (json.frames ?? [])
    .filter((f) => f.media_type === 'video')
    .map((f) => Number(f.pts_time ?? f.best_effort_timestamp_time))
    .filter((t) => Number.isFinite(t));
  return {
    video: v ? { codec: v.codec_name ?? '', width: v.width ?? 0, height: v.height ?? 0, pixFmt: v.pix_fmt ?? null } : null,
    audio: a ? { codec: a.codec_name ?? '', sampleRate: Number(a.sample_rate ?? 0), channels: a.channels ?? 0 } : null,
    videoFrames: times.length,
    firstPts: times.length ? Math.min(...times) : null,
    lastPts: times.length ? Math.max(...times) : null,
  };
}

/** One decoded video frame from the server, as RGB24 pixels (e.g. to look for the product card). */
export async function readRtmpFrame(playUrl: string, timeoutMs = 20_000): Promise<{ width: number; height: number; rgb: Buffer }> {
  const probe = await probeRtmpStream(playUrl, 1, timeoutMs);
  if (!probe.video) throw new Error(`No video at ${playUrl}`);
  const { width, height } = probe.video;
  const { stdout } = await run(
    'ffmpeg',
    ['-v', 'error', '-rw_timeout', String(timeoutMs * 1000), '-i', playUrl, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'],
    { encoding: 'buffer', timeout: timeoutMs + 5000, maxBuffer: width * height * 3 + 1024 },
  );
  return { width, height, rgb: stdout };
}
