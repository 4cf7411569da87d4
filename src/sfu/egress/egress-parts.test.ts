import { describe, expect, it } from 'vitest';
import { buildSdp, commandLine, maskKey, publishUrl, pusherArgs, TS_PMT_PID, TS_VIDEO_PID } from './ffmpeg-args.js';
import { ProgressParser, RateWindow, type ProgressReport } from './ffmpeg-progress.js';
import { judgePusherEnd } from './rtmp-errors.js';
import { programSize } from './simulcast-layers.js';
import { countVideoFrames, TsStream } from './ts-stream.js';
import { freeUdpPortPair, isBindFailure } from './udp-ports.js';

/** The multistream engine's pure parts: what ffmpeg is told, what its words mean, and the MPEG-TS it writes. */

describe('why a pusher ended, in a host’s words', () => {
  const url = 'rtmp://live.twitch.tv/app';
  it('a refused publish before any frame is failed, not retried', () => {
    expect(judgePusherEnd(url, 'rtmp://live.twitch.tv/app/****: Input/output error\n', false)).toEqual({
      outcome: 'failed',
      reason: 'The server refused the stream. Check the stream key.',
    });
    expect(judgePusherEnd(url, '[rtmp @ 0x1] Server error: Invalid stream key\n', false)).toEqual({
      outcome: 'failed',
      reason: 'The server refused the stream (Invalid stream key). Check the stream key.',
    });
  });
  it('reaching the server, or a drop after frames went out, is retried', () => {
    expect(judgePusherEnd(url, 'rtmp://live.twitch.tv/app/****: Connection refused', false)).toEqual({
      outcome: 'retry',
      reason: 'Cannot reach live.twitch.tv: the server refused the connection.',
    });
    expect(judgePusherEnd(url, '[tcp @ 0x1] Failed to resolve hostname live.twitch.tv: Temporary failure in name resolution\nInput/output error', false).reason).toBe(
      "Cannot find the server live.twitch.tv: check the server URL and this machine's internet connection.",
    );
    // The same I/O error after frames went out is a drop, not a refusal.
    expect(judgePusherEnd(url, 'av_interleaved_write_frame(): Input/output error', true)).toEqual({ outcome: 'retry', reason: 'The connection to live.twitch.tv dropped.' });
    expect(judgePusherEnd('rtmps://live-api-s.facebook.com:443/rtmp/', '[tls @ 0x1] An unexpected TLS packet was received.\nInput/output error', false)).toMatchObject({
      outcome: 'retry',
      reason: expect.stringContaining('Could not open a secure (RTMPS) connection to live-api-s.facebook.com.'),
    });
  });
});

describe('ffmpeg’s command lines', () => {
  it('joins the server URL and the key with one slash, and masks the key in anything logged', () => {
    expect(publishUrl('rtmp://a.rtmp.youtube.com/live2/', 'abcd-1234')).toBe('rtmp://a.rtmp.youtube.com/live2/abcd-1234');
    const key = 'FB-123?s_bl=1&s_sc=9';
    const line = commandLine('ffmpeg', pusherArgs('rtmps://live-api-s.facebook.com:443/rtmp', key), key);
    expect(line).not.toContain('FB-123');
    expect(line).toContain('rtmps://live-api-s.facebook.com:443/rtmp/****');
    expect(maskKey(`url ${encodeURIComponent(key)} and ${key}`, key)).toBe('url **** and ****');
  });

  it('describes each feed on its own RTP and RTCP ports', () => {
    const sdp = buildSdp([
      { kind: 'video', rtpPort: 40000, rtcpPort: 40001, rtpParameters: { codecs: [{ mimeType: 'video/H264', payloadType: 102, clockRate: 90000, parameters: { 'packetization-mode': 1 } }] } },
      { kind: 'audio', rtpPort: 40002, rtcpPort: 40003, rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }] } },
    ]);
    expect(sdp.split('\r\n')).toEqual(
      expect.arrayContaining(['m=video 40000 RTP/AVP 102', 'a=rtcp:40001', 'a=rtpmap:102 H264/90000', 'a=fmtp:102 packetization-mode=1', 'm=audio 40002 RTP/AVP 100', 'a=rtpmap:100 opus/48000/2']),
    );
  });

  it('finds two free neighbouring UDP ports, and knows ffmpeg’s words when one was taken meanwhile', async () => {
    const { rtp, rtcp } = await freeUdpPortPair();
    expect(rtcp).toBe(rtp + 1);
    expect(isBindFailure('[udp @ 0x5561] bind failed: Address already in use\ninput.sdp: Invalid data found when processing input')).toBe(true);
    expect(isBindFailure('input.sdp: Invalid data found when processing input')).toBe(false);
  });

  it('scales a lower layer’s size to the program’s, in even numbers', () => {
    expect(programSize({ width: 320, height: 180 }, 4)).toEqual({ width: 1280, height: 720 });
    expect(programSize({ width: 427, height: 241 }, 1.5)).toEqual({ width: 640, height: 362 });
  });
});

describe('ffmpeg’s -progress', () => {
  it('reads reports that arrive in pieces, and rates over the last seconds', () => {
    const reports: ProgressReport[] = [];
    const parser = new ProgressParser((r) => reports.push(r));
    parser.push('frame=30\nfps=30.0\ntotal_size=125000\nout_time_us=1000000\ndup_fr');
    parser.push('ames=1\ndrop_frames=2\nprogress=continue\nframe=60\ntotal_size=250000\nprogress=end\n');
    expect(reports).toEqual([
      { frame: 30, totalSize: 125000, dupFrames: 1, dropFrames: 2, outTimeUs: 1000000, end: false },
      { frame: 60, totalSize: 250000, dupFrames: 0, dropFrames: 0, outTimeUs: 0, end: true },
    ]);
    let now = 0;
    const window = new RateWindow(4000, () => now);
    window.add({ frame: 0, totalSize: 0 });
    expect(window.rates()).toBeNull();
    now = 2000;
    window.add({ frame: 60, totalSize: 500_000 });
    expect(window.rates()).toEqual({ kbps: 2000, fps: 30 });
    expect(window.movedWithin(3000)).toBe(true);
  });
});

/** One 188-byte TS packet. */
function packet(pid: number, { start = false, randomAccess = false } = {}): Buffer {
  const p = Buffer.alloc(188, 0xff);
  p[0] = 0x47;
  p[1] = (start ? 0x40 : 0) | ((pid >> 8) & 0x1f);
  p[2] = pid & 0xff;
  if (randomAccess) {
    p[3] = 0x30; // adaptation field + payload
    p[4] = 7;
    p[5] = 0x40; // random access indicator
  } else p[3] = 0x10;
  return p;
}

describe('the encoder’s MPEG-TS', () => {
  const pat = () => packet(0, { start: true });
  const pmt = () => packet(TS_PMT_PID, { start: true });
  const key = () => packet(TS_VIDEO_PID, { start: true, randomAccess: true });
  const frame = () => packet(TS_VIDEO_PID, { start: true });
  const more = () => packet(TS_VIDEO_PID);

  it('hands on whole packets only, counts frames, and keeps the stream from the last keyframe with its tables', () => {
    const ts = new TsStream();
    const bytes = Buffer.concat([frame(), pat(), pmt(), key(), more(), frame(), more()]);
    // Cut anywhere, as a pipe does.
    expect(ts.push(bytes.subarray(0, 100))).toBeNull();
    const first = ts.push(bytes.subarray(100, 900))!;
    expect(first.data.length).toBe(4 * 188);
    expect(first.videoFrames).toBe(2);
    expect(Buffer.concat(ts.fromLastKeyframe())).toEqual(Buffer.concat([pat(), pmt(), key()]));
    ts.push(bytes.subarray(900));
    expect(Buffer.concat(ts.fromLastKeyframe())).toEqual(Buffer.concat([pat(), pmt(), key(), more(), frame(), more()]));
    expect(countVideoFrames(ts.fromLastKeyframe())).toBe(2);
  });

  it('puts the tables back before a keyframe whose own tables came in an earlier chunk', () => {
    const ts = new TsStream();
    expect(ts.fromLastKeyframe()).toEqual([]);
    ts.push(Buffer.concat([pat(), pmt()]));
    ts.push(Buffer.concat([key(), more()]));
    expect(Buffer.concat(ts.fromLastKeyframe())).toEqual(Buffer.concat([pat(), pmt(), key(), more()]));
    ts.reset();
    expect(ts.fromLastKeyframe()).toEqual([]);
  });
});
