/**
 * A real media feed for a show without a browser: ffmpeg encodes a test
 * pattern (VP8) and a tone (Opus) in real time and sends them as RTP into
 * mediasoup PlainTransport producers on the show's router. What the SFU's
 * multistream tests and benchmark give the encoder in place of a studio.
 * A harness: no vitest here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { types } from 'mediasoup';

export interface RtpPublisherOptions {
  readonly width?: number;
  readonly height?: number;
  readonly fps?: number;
  /** Send audio too (default true). */
  readonly audio?: boolean;
  /** The test pattern to draw (an ffmpeg lavfi source), default testsrc. */
  readonly pattern?: 'testsrc' | 'testsrc2' | 'smptebars';
}

export interface RtpPublisher {
  readonly video: types.Producer;
  readonly audio: types.Producer | null;
  /** The sending ffmpeg's process id. */
  readonly pid: number;
  /** Stops ffmpeg and closes the producers (the room hears of it as a host's feed going). */
  close(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function startRtpPublisher(router: types.Router, options: RtpPublisherOptions = {}): Promise<RtpPublisher> {
  const { width = 480, height = 270, fps = 30, audio = true, pattern = 'testsrc' } = options;
  const videoIn = await router.createPlainTransport({ listenIp: { ip: '127.0.0.1' }, rtcpMux: false, comedia: true });
  const audioIn = audio ? await router.createPlainTransport({ listenIp: { ip: '127.0.0.1' }, rtcpMux: false, comedia: true }) : null;
  const videoSsrc = 20_000_000 + Math.floor(Math.random() * 1_000_000);
  const audioSsrc = videoSsrc + 1;
  const video = await videoIn.produce({
    kind: 'video',
    rtpParameters: { codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 }], encodings: [{ ssrc: videoSsrc }] },
  });
  const audioProducer = audioIn
    ? await audioIn.produce({
        kind: 'audio',
        rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }], encodings: [{ ssrc: audioSsrc }] },
      })
    : null;
  const rtpUrl = (t: types.PlainTransport) => `rtp://127.0.0.1:${t.tuple.localPort}?rtcpport=${t.rtcpTuple!.localPort}&pkt_size=1200`;
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', `${pattern}=size=${width}x${height}:rate=${fps}`];
  if (audioIn) args.push('-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000');
  args.push(
    '-map', '0:v', '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '600k', '-g', String(fps),
    '-ssrc', String(videoSsrc), '-payload_type', '101', '-f', 'rtp', rtpUrl(videoIn),
  );
  if (audioIn) {
    args.push('-map', '1:a', '-c:a', 'libopus', '-ac', '2', '-b:a', '64k', '-ssrc', String(audioSsrc), '-payload_type', '100', '-f', 'rtp', rtpUrl(audioIn));
  }
  const child = spawn('ffmpeg', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  running.add(child);
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-2000)));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  void exited.then(() => running.delete(child));
  if (child.pid === undefined) throw new Error(`The test publisher (ffmpeg) did not start: ${errors}`);
  return {
    video,
    audio: audioProducer,
    pid: child.pid,
    async close() {
      child.kill('SIGKILL');
      await exited;
      videoIn.close();
      audioIn?.close();
    },
  };
}
