import type { types } from 'mediasoup';

/**
 * The command lines of the two kinds of ffmpeg processes multistream runs
 * (README.md in this folder has them written out):
 *
 * - the encoder, one per show: RTP from the show's producers (through
 *   mediasoup PlainTransports, described by an SDP file on loopback UDP) →
 *   H.264 + AAC in MPEG-TS on its stdout;
 * - a pusher per destination: that MPEG-TS on its stdin, copied (no
 *   re-encode) into FLV over RTMP/RTMPS.
 */

/** The frame rate every destination gets (platforms want a constant one). */
export const EGRESS_FPS = 30;
/** A keyframe every this many seconds (what YouTube, Facebook and Twitch ask for). */
export const KEYFRAME_INTERVAL_S = 2;
/** The encoder's MPEG-TS stream ids (ffmpeg's defaults, said out loud: ts-stream.ts looks for them). */
export const TS_VIDEO_PID = 0x100;
export const TS_PMT_PID = 0x1000;

/** One RTP stream ffmpeg receives: where it listens and what the consumer sends. */
export interface RtpInput {
  readonly kind: types.MediaKind;
  /** ffmpeg's RTP port; its RTCP port is given apart (mediasoup sends Sender Reports there: they sync audio with video). */
  readonly rtpPort: number;
  readonly rtcpPort: number;
  readonly rtpParameters: types.RtpParameters;
}

/** The SDP that tells ffmpeg what arrives on which loopback port. */
export function buildSdp(inputs: readonly RtpInput[]): string {
  const lines = ['v=0', 'o=- 0 0 IN IP4 127.0.0.1', 's=Live Seller Studio multistream', 'c=IN IP4 127.0.0.1', 't=0 0'];
  for (const input of inputs) {
    const codec = input.rtpParameters.codecs[0];
    if (!codec) throw new Error(`The ${input.kind} consumer has no codec.`);
    const [, name = ''] = codec.mimeType.split('/');
    const pt = codec.payloadType;
    lines.push(`m=${input.kind} ${input.rtpPort} RTP/AVP ${pt}`, `a=rtcp:${input.rtcpPort}`);
    lines.push(`a=rtpmap:${pt} ${name}/${codec.clockRate}${codec.channels && codec.channels > 1 ? `/${codec.channels}` : ''}`);
    const fmtp = Object.entries(codec.parameters ?? {})
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(';');
    if (fmtp) lines.push(`a=fmtp:${pt} ${fmtp}`);
    lines.push('a=recvonly');
  }
  return `${lines.join('\r\n')}\r\n`;
}

export interface EncoderArgsInput {
  readonly sdpFile: string;
  readonly hasAudio: boolean;
  /**
   * The size to keep. Null for a new stream: ffmpeg takes the first frame's
   * size (rounded to even) and scales anything later to it. A restart while
   * destinations stay connected passes the size they already have, so the
   * stream they receive never changes its parameters.
   */
  readonly size: { readonly width: number; readonly height: number } | null;
  /** Seconds added to every timestamp: a restarted encoder continues the timeline the pushers already have. */
  readonly tsOffsetSeconds: number;
}

/** The encoder: `-progress pipe:3`, MPEG-TS on stdout (pipe:1). */
export function encoderArgs(input: EncoderArgsInput): string[] {
  const scale = input.size
    ? `scale=${input.size.width}:${input.size.height}:force_original_aspect_ratio=decrease,pad=${input.size.width}:${input.size.height}:(ow-iw)/2:(oh-ih)/2`
    : 'scale=trunc(iw/2)*2:trunc(ih/2)*2';
  const args = [
    '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info',
    '-progress', 'pipe:3', '-stats_period', '0.5',
    // The SDP file, then RTP and RTCP on loopback UDP: nothing else may be opened from it.
    '-protocol_whitelist', 'file,udp,rtp',
    '-analyzeduration', '1000000', '-probesize', '1000000',
    '-reorder_queue_size', '100',
    '-f', 'sdp', '-i', input.sdpFile,
  ];
  if (!input.hasAudio) {
    // Platforms refuse (or mark as broken) a stream with no audio track: silence, at its own pace.
    args.push('-re', '-f', 'lavfi', '-i', 'anullsrc=channel_layout=stereo:sample_rate=48000');
  }
  args.push('-map', '0:v:0', '-map', input.hasAudio ? '0:a:0' : '1:a:0');
  args.push(
    '-vf', `${scale},format=yuv420p`,
    '-fps_mode', 'cfr', '-r', String(EGRESS_FPS),
    '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-profile:v', 'main', '-pix_fmt', 'yuv420p',
    // Quality-driven with a ceiling every platform accepts for 1080p30 and below.
    '-crf', '23', '-maxrate', '4500k', '-bufsize', '9000k',
    '-g', String(EGRESS_FPS * KEYFRAME_INTERVAL_S), '-keyint_min', String(EGRESS_FPS * KEYFRAME_INTERVAL_S), '-sc_threshold', '0',
    '-force_key_frames', `expr:gte(t,n_forced*${KEYFRAME_INTERVAL_S})`,
    '-c:a', 'aac', '-b:a', '128k', '-ar', '48000', '-ac', '2',
  );
  // Fills gaps in the host's audio (muted, DTX) with silence so audio and video stay together.
  if (input.hasAudio) args.push('-af', 'aresample=async=1000');
  if (input.tsOffsetSeconds > 0) args.push('-output_ts_offset', input.tsOffsetSeconds.toFixed(3));
  args.push(
    '-max_muxing_queue_size', '1024',
    '-f', 'mpegts', '-mpegts_start_pid', String(TS_VIDEO_PID), '-mpegts_pmt_start_pid', String(TS_PMT_PID),
    '-muxdelay', '0.2', '-flush_packets', '1',
    'pipe:1',
  );
  return args;
}

/** Where a destination's stream goes: its server URL and key joined with one slash. */
export function publishUrl(url: string, streamKey: string): string {
  return `${url.replace(/\/+$/, '')}/${streamKey}`;
}

/** A pusher: MPEG-TS on stdin (pipe:0), `-progress pipe:1`, FLV to the destination. */
export function pusherArgs(url: string, streamKey: string): string[] {
  return [
    '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'warning',
    '-progress', 'pipe:1', '-stats_period', '0.5',
    '-f', 'mpegts', '-analyzeduration', '1500000', '-probesize', '2000000',
    '-i', 'pipe:0',
    '-map', '0:v:0', '-map', '0:a:0?', '-c', 'copy',
    // A stalled connection (no byte accepted for 10 s) is an error, not a hang: the pusher exits and is retried.
    '-rw_timeout', '10000000',
    '-f', 'flv', '-flvflags', 'no_duration_filesize',
    publishUrl(url, streamKey),
  ];
}

/** Hides a stream key wherever it appears (command lines, ffmpeg's messages). */
export function maskKey(text: string, streamKey: string): string {
  if (!streamKey) return text;
  let masked = text.split(streamKey).join('****');
  const encoded = encodeURIComponent(streamKey);
  if (encoded !== streamKey) masked = masked.split(encoded).join('****');
  return masked;
}

/** A command line for a log: arguments quoted where needed, the key masked. */
export function commandLine(ffmpegPath: string, args: readonly string[], streamKey = ''): string {
  const quoted = [ffmpegPath, ...args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`));
  return maskKey(quoted.join(' '), streamKey);
}

/** The host name of an rtmp(s):// URL, for messages ("Cannot reach live.twitch.tv"). */
export function hostOf(url: string): string {
  return /^rtmps?:\/\/([^/:]+)/i.exec(url)?.[1] ?? url;
}
