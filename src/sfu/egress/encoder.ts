import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { types } from 'mediasoup';
import { buildSdp, commandLine, encoderArgs, type RtpInput } from './ffmpeg-args.js';
import { FfmpegProcess, spawnFailure } from './ffmpeg-process.js';
import { ProgressParser, type ProgressReport } from './ffmpeg-progress.js';
import { layerDownscale, waitForTopLayer } from './simulcast-layers.js';
import { freeUdpPortPair, isBindFailure } from './udp-ports.js';
import type { SfuLog } from '../sfu-log.js';

/** Keyframe requests while the encoder has no picture yet: ffmpeg cannot start without one. */
const KEYFRAME_RETRY_MS = 1000;
/** At most one keyframe request per this when ffmpeg reports a damaged picture. */
const KEYFRAME_REPAIR_MS = 1000;

/** The show's feeds the encoder pulls (the host's newest video and audio). */
export interface EncoderFeed {
  readonly router: types.Router;
  readonly video: types.Producer;
  readonly audio: types.Producer | null;
}

export interface EncoderRunOptions {
  readonly ffmpegPath: string;
  readonly show: string;
  readonly size: { readonly width: number; readonly height: number } | null;
  readonly tsOffsetSeconds: number;
  readonly log: SfuLog;
}

export type EncoderEnd =
  /** ffmpeg is not there or cannot run: retrying will not help. */
  | { readonly kind: 'not-started'; readonly reason: string }
  /** A port it was given was taken in between: start again on new ones. */
  | { readonly kind: 'ports' }
  | { readonly kind: 'crashed'; readonly reason: string };

export interface EncoderEvents {
  onData(bytes: Buffer): void;
  onProgress(report: ProgressReport): void;
  /**
   * The size it encodes at, once ffmpeg said it, and how much smaller than
   * the program the simulcast layer it started from is (1: the program's own).
   */
  onSize(size: { width: number; height: number }, downscale: number): void;
  /** ffmpeg ended on its own (not by `stop`). */
  onEnd(end: EncoderEnd): void;
}

/**
 * One run of the show's encoder: a PlainTransport and a paused consumer per
 * feed (comedia off, RTCP on its own port, as the SDP says), one ffmpeg
 * reading them, and the keyframe requests it needs to start. The owner
 * (ShowEgress) starts a new run for a new feed; a run never changes feeds.
 */
export class EncoderRun {
  private readonly transports: types.PlainTransport[] = [];
  private readonly consumers: types.Consumer[] = [];
  private process: FfmpegProcess | null = null;
  private dir: string | null = null;
  private keyframeTimer: ReturnType<typeof setInterval> | null = null;
  private lastRepair = 0;
  private pictures = false;
  private stopped = false;

  private constructor(
    private readonly options: EncoderRunOptions,
    private readonly events: EncoderEvents,
  ) {}

  static async start(feed: EncoderFeed, options: EncoderRunOptions, events: EncoderEvents): Promise<EncoderRun> {
    const run = new EncoderRun(options, events);
    try {
      await run.open(feed);
    } catch (error) {
      await run.stop();
      throw error;
    }
    return run;
  }

  get pid(): number | null {
    return this.process?.pid ?? null;
  }

  /** The encoder has output pictures (its progress counts frames). */
  get hasPictures(): boolean {
    return this.pictures;
  }

  private async open(feed: EncoderFeed): Promise<void> {
    const inputs: RtpInput[] = [];
    const caps = plainConsumerCapabilities(feed.router);
    // A consumer made while only the low layers flow stays on them: wait (a little) for the program's own size.
    await waitForTopLayer(feed.video);
    if (this.stopped) return;
    for (const producer of [feed.video, feed.audio]) {
      if (!producer) continue;
      const transport = await feed.router.createPlainTransport({ listenIp: { ip: '127.0.0.1' }, rtcpMux: false, comedia: false });
      this.transports.push(transport);
      const consumer = await transport.consume({ producerId: producer.id, rtpCapabilities: caps, paused: true });
      this.consumers.push(consumer);
      const ports = await freeUdpPortPair();
      await transport.connect({ ip: '127.0.0.1', port: ports.rtp, rtcpPort: ports.rtcp });
      inputs.push({ kind: producer.kind, rtpPort: ports.rtp, rtcpPort: ports.rtcp, rtpParameters: consumer.rtpParameters });
    }
    if (this.stopped) return;
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-egress-'));
    const sdpFile = path.join(this.dir, 'input.sdp');
    fs.writeFileSync(sdpFile, buildSdp(inputs));
    const args = encoderArgs({ sdpFile, hasAudio: feed.audio !== null, size: this.options.size, tsOffsetSeconds: this.options.tsOffsetSeconds });
    this.options.log.info(`multistream show ${this.options.show}: encoder ${commandLine(this.options.ffmpegPath, args)}`);
    const ffmpeg = new FfmpegProcess(this.options.ffmpegPath, args, 1);
    this.process = ffmpeg;
    ffmpeg.child.stdout?.on('data', (bytes: Buffer) => this.events.onData(bytes));
    const parser = new ProgressParser((report) => {
      if (report.frame > 0) this.gotPictures();
      this.events.onProgress(report);
    });
    ffmpeg.child.stdio[3]?.on('data', (chunk: Buffer) => parser.push(chunk));
    this.watchMessages(ffmpeg, feed.video);
    void ffmpeg.exited.then((exit) => {
      if (this.stopped) return;
      const notStarted = spawnFailure(this.options.ffmpegPath, exit);
      const messages = ffmpeg.messages;
      if (notStarted) this.events.onEnd({ kind: 'not-started', reason: notStarted });
      else if (isBindFailure(messages)) this.events.onEnd({ kind: 'ports' });
      else this.events.onEnd({ kind: 'crashed', reason: lastLines(messages) });
    });
    // ffmpeg is listening (or about to): let the media flow, and ask for a picture it can start from.
    for (const consumer of this.consumers) await consumer.resume();
    this.requestKeyFrame();
    this.keyframeTimer = setInterval(() => this.requestKeyFrame(), KEYFRAME_RETRY_MS);
  }

  /** Reads ffmpeg's messages for the output size and for damaged pictures (answered with a keyframe request). */
  private watchMessages(ffmpeg: FfmpegProcess, video: types.Producer): void {
    let head = '';
    let sized = false;
    ffmpeg.child.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      if (!sized) {
        head = (head + text).slice(-65_536);
        const match = /Output #0[\s\S]*?Video: h264[^\n]*?(\d{2,5})x(\d{2,5})/.exec(head);
        if (match) {
          sized = true;
          const consumer = this.consumers.find((c) => c.kind === 'video');
          const downscale = consumer ? layerDownscale(video, consumer) : 1;
          this.events.onSize({ width: Number(match[1]), height: Number(match[2]) }, downscale);
        }
      }
      if (this.pictures && /missed \d+ packets|keyframe missing|corrupt|concealing|error while decoding/i.test(text)) {
        const now = Date.now();
        if (now - this.lastRepair >= KEYFRAME_REPAIR_MS) {
          this.lastRepair = now;
          void this.consumers.find((c) => c.kind === 'video')?.requestKeyFrame().catch(() => undefined);
        }
      }
    });
  }

  private gotPictures(): void {
    if (this.pictures) return;
    this.pictures = true;
    if (this.keyframeTimer) clearInterval(this.keyframeTimer);
    this.keyframeTimer = null;
  }

  private requestKeyFrame(): void {
    const video = this.consumers.find((c) => c.kind === 'video');
    if (video && !video.closed) void video.requestKeyFrame().catch(() => undefined);
  }

  /** Stops ffmpeg and closes the transports; resolves when ffmpeg is gone. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.keyframeTimer) clearInterval(this.keyframeTimer);
    this.keyframeTimer = null;
    // ffmpeg first, while RTP still flows: it then sees the signal between packets and ends at once.
    await this.process?.stop();
    for (const transport of this.transports) transport.close();
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
  }
}

/**
 * What the encoder's consumers accept: the router's codecs without RTX and
 * without RTCP feedback or header extensions. No transport-wide congestion
 * control means mediasoup sends no probation packets (which ffmpeg would
 * take for the stream), and for a simulcast feed the best layer.
 */
function plainConsumerCapabilities(router: types.Router): types.RtpCapabilities {
  return {
    codecs: (router.rtpCapabilities.codecs ?? []).filter((c) => !/\/rtx$/i.test(c.mimeType)).map((c) => ({ ...c, rtcpFeedback: [] })),
    headerExtensions: [],
  };
}

function lastLines(messages: string): string {
  const lines = messages
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !/^(frame=|video:|\[libx264|\[aac|Exiting)/.test(l));
  return lines.slice(-2).join(' ') || 'ffmpeg stopped.';
}
