import { describe, expect, it } from 'vitest';
import { probeRtmpStream, rtmpMissingReason } from '../../../tests/harness/rtmp-server.js';
import { egressWorld, ffmpegChildren, isAlive, useEgressWorlds } from '../../../tests/support/egress-world.js';
import { NO_VERTICAL_VIDEO } from './feed-egress.js';

/**
 * Multistream in both orientations against real parts (a mediasoup worker
 * and the SFU's Room, test patterns published over RTP as the host's main
 * 16:9 feed and its 9:16 `vertical` feed, real encoder and pusher ffmpeg,
 * nginx-rtmp read back with ffprobe): each orientation has its own encoder,
 * and nothing that happens to one stops the other.
 */

const skip = rtmpMissingReason();
useEgressWorlds();
const LONG = 120_000;

describe.skipIf(skip !== null)('multistream, horizontal and vertical (real ffmpeg, real nginx-rtmp)', () => {
  it('a vertical destination waits for the vertical feed with a reason the host understands, then gets 720x1280 while the horizontal one gets 16:9', async () => {
    const world = await egressWorld();
    const wide = await world.rtmpServer({ key: 'yt' });
    const tall = await world.rtmpServer({ key: 'tt' });
    await world.publish({ width: 480, height: 270 });
    const egress = world.room.egressControl();
    await egress.start({ id: 'yt', name: 'YouTube', url: wide.url, streamKey: 'yt', orientation: 'horizontal' });
    await egress.start({ id: 'tt', name: 'TikTok', url: tall.url, streamKey: 'tt', orientation: 'vertical' });

    // No vertical feed from the studio: the vertical destination says how to turn it on; the horizontal one goes live.
    const waiting = await world.waitForStatus(
      (s) => s.destinations.find((d) => d.id === 'yt')?.state === 'live' && s.destinations.find((d) => d.id === 'tt')?.state === 'waiting',
      'YouTube live, TikTok waiting',
    );
    expect(waiting.destinations.find((d) => d.id === 'tt')).toMatchObject({ orientation: 'vertical', reason: NO_VERTICAL_VIDEO });
    expect(waiting.verticalEncoder).toMatchObject({ state: 'idle', reason: NO_VERTICAL_VIDEO });
    expect(NO_VERTICAL_VIDEO).toMatch(/^Vertical output is off in the studio — turn it on in Settings/);

    // The host turns vertical output on: that destination starts by itself.
    await world.publish({ width: 720, height: 1280, fps: 15, audio: false, feed: 'vertical' });
    const both = await world.waitForStatus((s) => s.destinations.every((d) => d.state === 'live'), 'both live', { timeoutMs: 40_000 });
    expect(both.encoder).toMatchObject({ state: 'running', width: 480, height: 270 });
    expect(both.verticalEncoder).toMatchObject({ state: 'running', width: 720, height: 1280 });

    const tallProbe = await probeRtmpStream(tall.playUrl(), 1);
    expect(tallProbe.video).toEqual({ codec: 'h264', width: 720, height: 1280, pixFmt: 'yuv420p' });
    // The main audio goes with the vertical picture.
    expect(tallProbe.audio).toEqual({ codec: 'aac', sampleRate: 48000, channels: 2 });
    expect(tallProbe.videoFrames).toBeGreaterThan(0);
    const wideProbe = await probeRtmpStream(wide.playUrl(), 1);
    expect(wideProbe.video).toMatchObject({ codec: 'h264', width: 480, height: 270 });

    // Two encoders, one per orientation, each with its pusher.
    const processes = world.room.egressProcesses();
    expect(processes.map((p) => `${p.orientation} ${p.role} ${p.destinationId ?? '-'}`).sort()).toEqual([
      'horizontal encoder -',
      'horizontal pusher yt',
      'vertical encoder -',
      'vertical pusher tt',
    ]);
  }, LONG);

  it('one orientation’s encoder dying, its feed going, or its destination reconnecting never stops the other; End show stops both', async () => {
    const world = await egressWorld();
    const wide = await world.rtmpServer({ key: 'yt' });
    const tall = await world.rtmpServer({ key: 'tt' });
    const main = await world.publish({ width: 320, height: 180 });
    const vertical = await world.publish({ width: 360, height: 640, fps: 15, audio: false, feed: 'vertical' });
    const egress = world.room.egressControl();
    await egress.start({ id: 'yt', name: 'YouTube', url: wide.url, streamKey: 'yt' });
    await egress.start({ id: 'tt', name: 'TikTok', url: tall.url, streamKey: 'tt', orientation: 'vertical' });
    await world.waitForStatus((s) => s.destinations.length === 2 && s.destinations.every((d) => d.state === 'live'), 'both live', { timeoutMs: 40_000 });
    const pid = (orientation: string, role: string) => world.room.egressProcesses().find((p) => p.orientation === orientation && p.role === role)!.pid;
    const ytSince = world.destination('yt')!.liveSince;
    const ytPusher = pid('horizontal', 'pusher');
    const ytEncoder = pid('horizontal', 'encoder');
    const ytLiveThroughout = (from: number) => {
      for (const status of world.statuses.slice(from)) expect(status.destinations.find((d) => d.id === 'yt')).toMatchObject({ state: 'live', liveSince: ytSince });
    };

    // The vertical encoder is killed: it restarts and its destination comes back; YouTube never notices.
    let from = world.mark();
    process.kill(pid('vertical', 'encoder'), 'SIGKILL');
    await world.waitForStatus((s) => s.verticalEncoder?.state === 'restarting', 'the vertical encoder restarting', { from });
    await world.waitForStatus((s) => s.verticalEncoder?.state === 'running' && s.destinations.find((d) => d.id === 'tt')?.state === 'live', 'TikTok live again', { from, timeoutMs: 40_000 });
    ytLiveThroughout(from);
    expect(pid('horizontal', 'pusher')).toBe(ytPusher);
    expect(pid('horizontal', 'encoder')).toBe(ytEncoder);

    // The vertical RTMP server goes down and comes back: TikTok reconnects; YouTube never notices.
    from = world.mark();
    await tall.kill();
    await world.waitForStatus((s) => s.destinations.find((d) => d.id === 'tt')?.state === 'reconnecting', 'TikTok reconnecting', { from });
    await tall.restart();
    await world.waitForStatus((s) => s.destinations.find((d) => d.id === 'tt')?.state === 'live', 'TikTok back', { from, timeoutMs: 40_000 });
    ytLiveThroughout(from);

    // The horizontal encoder is killed: TikTok keeps its encoder, its pusher and its live state.
    const ttSince = world.destination('tt')!.liveSince;
    const ttEncoder = pid('vertical', 'encoder');
    const ttPusher = pid('vertical', 'pusher');
    from = world.mark();
    process.kill(ytEncoder, 'SIGKILL');
    await world.waitForStatus((s) => s.encoder.state === 'restarting', 'the horizontal encoder restarting', { from });
    await world.waitForStatus((s) => s.encoder.state === 'running' && s.destinations.find((d) => d.id === 'yt')?.state === 'live', 'YouTube live again', { from, timeoutMs: 40_000 });
    for (const status of world.statuses.slice(from)) expect(status.destinations.find((d) => d.id === 'tt')).toMatchObject({ state: 'live', liveSince: ttSince });
    expect(pid('vertical', 'encoder')).toBe(ttEncoder);
    expect(pid('vertical', 'pusher')).toBe(ttPusher);
    expect((await probeRtmpStream(tall.playUrl(), 1)).video).toMatchObject({ width: 360, height: 640 });

    // Vertical output turned off in the studio: TikTok waits and says why; YouTube goes on.
    from = world.mark();
    await vertical.close();
    const off = await world.waitForStatus((s) => s.destinations.find((d) => d.id === 'tt')?.reason === NO_VERTICAL_VIDEO, 'TikTok waiting for vertical', { from });
    expect(off.destinations.find((d) => d.id === 'yt')).toMatchObject({ state: 'live' });

    // End show: both orientations stop, every ffmpeg ends.
    const pids = world.room.egressProcesses().map((p) => p.pid);
    world.room.endShow('host-ended');
    expect(world.latest()!.destinations.map((d) => [d.id, d.state])).toEqual([
      ['yt', 'stopped'],
      ['tt', 'stopped'],
    ]);
    await world.room.endEgress('again');
    for (const p of pids) expect(isAlive(p)).toBe(false);
    expect(ffmpegChildren().filter((p) => !main.pids.includes(p))).toEqual([]);
  }, 180_000);
});
