/**
 * A real media feed for a show without a browser: ffmpeg encodes a test
 * pattern (VP8) and a tone (Opus) in real time and sends them as RTP into
 * mediasoup PlainTransport producers on the show's router. What the SFU's
 * multistream tests and benchmark give the encoder in place of a studio.
 * A harness: no vitest here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import type { types } from 'mediasoup';

export interface RtpPublisherOptions {
  readonly width?: number;
  readonly height?: number;
  readonly fps?: number;
  /** Send audio too (default true). */
  readonly audio?: boolean;
  /** The test pattern to draw (an ffmpeg lavfi source), default testsrc. */
  readonly pattern?: 'testsrc' | 'testsrc2' | 'smptebars';
  /**
   * Three simulcast layers (a quarter, half and the full size) in one
   * producer, as the studio publishes.
   */
  readonly simulcast?: boolean;
  /** Simulcast with the top layer announced but never sent (what a browser does on a weak uplink). */
  readonly topLayerOff?: boolean;
  /** The host's feed the video producer carries (its appData, as peer-media.ts sets it): `vertical` is the 9:16 program, e.g. 720x1280 with `audio: false`. Default main. */
  readonly feed?: 'main' | 'vertical';
}

export interface RtpPublisher {
  readonly video: types.Producer;
  readonly audio: types.Producer | null;
  /** The sending ffmpeg processes' ids (video, and audio when sent). */
  readonly pids: readonly number[];
  /** Stops ffmpeg and closes the producers (the room hears of it as a host's feed going). */
  close(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** An ffmpeg that exits when killed or when the test process does. */
function startFfmpeg(args: string[]): { child: ChildProcess; pid: number; exited: Promise<void> } {
  const child = spawn('ffmpeg', ['-hide_banner', '-nostdin', '-loglevel', 'error', ...args], { stdio: ['ignore', 'ignore', 'ignore'] });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  void exited.then(() => running.delete(child));
  if (child.pid === undefined) throw new Error('The test publisher (ffmpeg) did not start.');
  return { child, pid: child.pid, exited };
}

const randomSsrc = () => 10_000_000 + Math.floor(Math.random() * 100_000_000);

export async function startRtpPublisher(router: types.Router, options: RtpPublisherOptions = {}): Promise<RtpPublisher> {
  const { width = 480, height = 270, fps = 30, audio = true, pattern = 'testsrc', simulcast = false, topLayerOff = false, feed = 'main' } = options;
  // mediasoup takes a transport's RTP from one address; the layers leave ffmpeg from one socket each, so a relay joins them.
  const videoIn = await router.createPlainTransport({ listenIp: { ip: '127.0.0.1' }, rtcpMux: true, comedia: true });
  const relay = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => relay.bind(0, '127.0.0.1', resolve));
  relay.on('message', (packet) => relay.send(packet, videoIn.tuple.localPort, '127.0.0.1'));
  const layers = simulcast ? [4, 2, 1] : [1];
  const ssrcs = layers.map(() => randomSsrc());
  const video = await videoIn.produce({
    kind: 'video',
    rtpParameters: {
      codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 }],
      encodings: ssrcs.map((ssrc, i) => ({ ssrc, ...(simulcast ? { scaleResolutionDownBy: layers[i] } : {}) })),
    },
    appData: { feed },
  });
  const to = `rtp://127.0.0.1:${relay.address().port}?rtcpport=${relay.address().port}&pkt_size=1200`;
  const sent = simulcast && topLayerOff ? layers.slice(0, -1) : layers;
  const args = ['-re', '-f', 'lavfi', '-i', `${pattern}=size=${width}x${height}:rate=${fps}`];
  const split = sent.map((_, i) => `[s${i}]`).join('');
  const scaled = sent.map((down, i) => (down === 1 ? `[s${i}]null[l${i}]` : `[s${i}]scale=iw/${down}:ih/${down}[l${i}]`)).join(';');
  args.push('-filter_complex', `[0:v]split=${sent.length}${split};${scaled}`);
  sent.forEach((down, i) => {
    args.push('-map', `[l${i}]`, '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', `${Math.round(600 / down)}k`, '-g', String(fps));
    args.push('-ssrc', String(ssrcs[i]), '-payload_type', '101', '-f', 'rtp', to);
  });
  const sender = startFfmpeg(args);
  const audioFeed = audio ? await publishTone(router) : null;
  let closing: Promise<void> | null = null;
  return {
    video,
    audio: audioFeed?.producer ?? null,
    pids: audioFeed ? [sender.pid, audioFeed.pid] : [sender.pid],
    close() {
      closing ??= (async () => {
        sender.child.kill('SIGKILL');
        await sender.exited;
        relay.close();
        videoIn.close();
        await audioFeed?.close();
      })();
      return closing;
    },
  };
}

/** A 440 Hz tone as Opus RTP into its own producer. */
async function publishTone(router: types.Router): Promise<{ producer: types.Producer; pid: number; close(): Promise<void> }> {
  const audioIn = await router.createPlainTransport({ listenIp: { ip: '127.0.0.1' }, rtcpMux: false, comedia: true });
  const ssrc = randomSsrc();
  const producer = await audioIn.produce({
    kind: 'audio',
    rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }], encodings: [{ ssrc }] },
  });
  const sender = startFfmpeg([
    '-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
    '-c:a', 'libopus', '-ac', '2', '-b:a', '64k', '-ssrc', String(ssrc), '-payload_type', '100', '-f', 'rtp',
    `rtp://127.0.0.1:${audioIn.tuple.localPort}?rtcpport=${audioIn.rtcpTuple!.localPort}`,
  ]);
  return {
    producer,
    pid: sender.pid,
    async close() {
      sender.child.kill('SIGKILL');
      await sender.exited;
      audioIn.close();
    },
  };
}
