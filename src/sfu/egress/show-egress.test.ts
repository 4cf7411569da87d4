import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { probeRtmpStream, rtmpMissingReason } from '../../../tests/harness/rtmp-server.js';
import { egressWorld, ffmpegChildren, isAlive, useEgressWorlds } from '../../../tests/support/egress-world.js';

/**
 * Multistream against real parts: a mediasoup worker and the SFU's Room, a
 * test pattern published into it over RTP, the real encoder and pusher
 * ffmpeg processes, and nginx-rtmp servers that ffprobe reads the stream
 * back from.
 */

const skip = rtmpMissingReason();
useEgressWorlds();
const LONG = 90_000;

describe.skipIf(skip !== null)('multistream (real ffmpeg, real nginx-rtmp)', () => {
  it('one destination receives H.264 + AAC at the program’s size (the top simulcast layer) with frames moving; status has figures and never the key', async () => {
    const world = await egressWorld();
    const server = await world.rtmpServer({ key: 'live_sk_4242' });
    // Three layers as the studio sends them: 96x54, 192x108 and the program, 384x216.
    const publisher = await world.publish({ width: 384, height: 216, simulcast: true });
    await world.room.egressControl().start({ id: 'yt', name: 'YouTube', url: server.url, streamKey: 'live_sk_4242' });

    await world.waitForStatus((s) => s.destinations[0]?.state === 'live', 'the destination to go live');
    const probe = await probeRtmpStream(server.playUrl(), 2);
    expect(probe.video).toEqual({ codec: 'h264', width: 384, height: 216, pixFmt: 'yuv420p' });
    expect(probe.audio).toEqual({ codec: 'aac', sampleRate: 48000, channels: 2 });
    expect(probe.videoFrames).toBeGreaterThan(10);
    expect(probe.lastPts! - probe.firstPts!).toBeGreaterThan(0.3);

    const figures = await world.waitForStatus(
      (s) => (s.destinations[0]?.bitrateKbps ?? 0) > 0 && (s.destinations[0]?.fps ?? 0) > 0,
      'live figures',
    );
    expect(figures.encoder).toMatchObject({ state: 'running', width: 384, height: 216, reason: null });
    expect(figures.destinations[0]).toMatchObject({ id: 'yt', name: 'YouTube', state: 'live', reason: null, reconnects: 0, retryAt: null });
    expect(figures.destinations[0]!.liveSince).toBeLessThanOrEqual(Date.now());
    // While live, fresh figures every 2 s with nothing else changing.
    const next = await world.waitForStatus(() => true, 'the next status', { from: world.statuses.indexOf(figures) + 1 });
    expect(next.serverTime - figures.serverTime).toBeGreaterThanOrEqual(1900);
    expect(next.serverTime - figures.serverTime).toBeLessThan(3500);

    // One encoder and one pusher, both running, none of them the publisher.
    const processes = world.room.egressProcesses();
    expect(processes.map((p) => p.role).sort()).toEqual(['encoder', 'pusher']);
    for (const p of processes) expect(isAlive(p.pid) && !publisher.pids.includes(p.pid)).toBe(true);

    // The key goes to ffmpeg only: never in a status, never in a log line (the command line is logged masked).
    const everything = JSON.stringify(world.statuses) + world.logLines.join('\n');
    expect(everything).not.toContain('live_sk_4242');
    expect(JSON.stringify(world.statuses)).not.toContain(server.url);
    expect(world.logLines.some((l) => l.includes(`${server.url}/****`))).toBe(true);
  }, LONG);

  it('a simulcast publish whose top layer is off (a weak uplink): the stream still has the program’s size', async () => {
    const world = await egressWorld();
    const server = await world.rtmpServer({ key: 'k' });
    await world.publish({ width: 384, height: 216, simulcast: true, topLayerOff: true, audio: false });
    await world.room.egressControl().start({ id: 'yt', name: 'YouTube', url: server.url, streamKey: 'k' });
    const live = await world.waitForStatus((s) => s.destinations[0]?.state === 'live', 'live');
    expect(live.encoder).toMatchObject({ width: 384, height: 216 });
    expect((await probeRtmpStream(server.playUrl(), 1)).video).toMatchObject({ codec: 'h264', width: 384, height: 216 });
    // Started on a half-size layer, the first run was replaced before any destination saw it.
    expect(world.logLines.some((l) => l.includes('the first picture came from a 192x108 layer'))).toBe(true);
  }, LONG);

  it('two destinations at once (a show without audio gets silent AAC); stopping one leaves the other going', async () => {
    const world = await egressWorld();
    const a = await world.rtmpServer({ key: 'key-a' });
    const b = await world.rtmpServer({ key: 'key-b' });
    await world.publish({ width: 320, height: 180, audio: false });
    const egress = world.room.egressControl();
    await egress.start({ id: 'a', name: 'Facebook', url: a.url, streamKey: 'key-a' });
    await egress.start({ id: 'b', name: 'Twitch', url: `${b.url}/`, streamKey: 'key-b' });
    await world.waitForStatus((s) => s.destinations.length === 2 && s.destinations.every((d) => d.state === 'live'), 'both live');

    const pusherOf = (id: string) => world.room.egressProcesses().find((p) => p.destinationId === id)?.pid;
    const pusherA = pusherOf('a')!;
    const pusherB = pusherOf('b')!;
    const bLiveSince = world.destination('b')!.liveSince;
    await egress.stop('a');
    expect(world.destination('a')).toMatchObject({ state: 'stopped', liveSince: null, bitrateKbps: null });
    expect(isAlive(pusherA)).toBe(false);
    // B kept its process and its connection: frames still reach its server, with silent AAC beside them.
    const probe = await probeRtmpStream(b.playUrl(), 1);
    expect(probe.video).toMatchObject({ codec: 'h264', width: 320, height: 180 });
    expect(probe.audio).toEqual({ codec: 'aac', sampleRate: 48000, channels: 2 });
    expect(probe.videoFrames).toBeGreaterThan(0);
    expect(pusherOf('b')).toBe(pusherB);
    expect(world.destination('b')).toMatchObject({ state: 'live', liveSince: bLiveSince });
  }, LONG);

  it('an RTMP server going down: that destination reconnects with backoff and comes back; the other never stops', async () => {
    const world = await egressWorld();
    const a = await world.rtmpServer({ key: 'key-a' });
    const b = await world.rtmpServer({ key: 'key-b' });
    await world.publish({ width: 320, height: 180 });
    const egress = world.room.egressControl();
    await egress.start({ id: 'a', name: 'YouTube', url: a.url, streamKey: 'key-a' });
    await egress.start({ id: 'b', name: 'Twitch', url: b.url, streamKey: 'key-b' });
    await world.waitForStatus((s) => s.destinations.length === 2 && s.destinations.every((d) => d.state === 'live'), 'both live');
    const pusherB = world.room.egressProcesses().find((p) => p.destinationId === 'b')!.pid;
    const bLiveSince = world.destination('b')!.liveSince;
    const from = world.statuses.length;

    await a.kill();
    const dropped = await world.waitForStatus((s) => s.destinations[0]?.state === 'reconnecting', 'A reconnecting', { from });
    expect(dropped.destinations[0]!.retryAt).toBeGreaterThan(dropped.serverTime);
    // Its retries find the server gone: the reason says so, and the next attempt is further away.
    const refused = await world.waitForStatus(
      (s) => s.destinations[0]?.reason === 'Cannot reach 127.0.0.1: the server refused the connection.',
      'A refused',
      { from },
    );
    expect(refused.destinations[0]!.retryAt! - refused.serverTime).toBeGreaterThan(1000);

    const restarted = world.mark();
    await a.restart();
    const back = await world.waitForStatus((s) => s.destinations[0]?.state === 'live', 'A live again', { from: restarted, timeoutMs: 40_000 });
    // Live means its ffmpeg counted frames sent to the new server.
    expect(back.destinations[0]).toMatchObject({ reconnects: 1, reason: null, retryAt: null });

    // B: live in every status since A dropped, same process, same connection.
    for (const status of world.statuses.slice(from)) expect(status.destinations[1]).toMatchObject({ state: 'live', liveSince: bLiveSince });
    expect(world.room.egressProcesses().find((p) => p.destinationId === 'b')!.pid).toBe(pusherB);
  }, LONG);

  it('a wrong key: failed with the reason and not retried; egressReconnect once the server takes it, or a corrected key', async () => {
    const world = await egressWorld();
    const server = await world.rtmpServer({ key: 'right-key' });
    await world.publish({ width: 320, height: 180 });
    const egress = world.room.egressControl();
    await egress.start({ id: 'ig', name: 'Instagram', url: server.url, streamKey: 'wrong-key' });
    const failed = await world.waitForStatus((s) => s.destinations[0]?.state === 'failed', 'failed');
    expect(failed.destinations[0]).toMatchObject({ reason: 'The server refused the stream. Check the stream key.', retryAt: null, droppedFrames: 0 });
    expect(world.room.egressProcesses().some((p) => p.role === 'pusher')).toBe(false);
    // Not retried on its own: longer than the first backoff (1 s) passes without another attempt.
    const seen = world.statuses.length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(world.statuses.slice(seen).every((s) => s.destinations[0]?.state === 'failed')).toBe(true);

    // The platform now accepts that key (the host activated it there): "Reconnect now".
    await server.stop();
    await world.rtmpServer({ key: 'wrong-key', port: server.port });
    egress.reconnect('ig');
    await world.waitForStatus((s) => s.destinations[0]?.state === 'live', 'live after reconnect', { from: seen });

    // A corrected key: egressStart again with the same id replaces it.
    const other = await world.rtmpServer({ key: 'good' });
    await egress.start({ id: 'tt', name: 'TikTok', url: other.url, streamKey: 'bad' });
    await world.waitForStatus((s) => s.destinations.find((d) => d.id === 'tt')?.state === 'failed', 'tt failed');
    const corrected = world.mark();
    await egress.start({ id: 'tt', name: 'TikTok', url: other.url, streamKey: 'good' });
    await world.waitForStatus((s) => s.destinations.find((d) => d.id === 'tt')?.state === 'live', 'tt live', { from: corrected });
    expect(JSON.stringify(world.statuses)).not.toMatch(/wrong-key|right-key|"good"|"bad"/);
  }, LONG);

  it('a new publish (the studio reconnected): the encoder restarts and the destinations come back on the same connection', async () => {
    const world = await egressWorld();
    const server = await world.rtmpServer({ key: 'k' });
    const first = await world.publish({ width: 320, height: 180 });
    await world.room.egressControl().start({ id: 'yt', name: 'YouTube', url: server.url, streamKey: 'k' });
    await world.waitForStatus((s) => s.destinations[0]?.state === 'live', 'live');
    const encoderBefore = world.room.egressProcesses().find((p) => p.role === 'encoder')!.pid;
    const pusherBefore = world.room.egressProcesses().find((p) => p.role === 'pusher')!.pid;
    const from = world.statuses.length;

    const changedAt = Date.now();
    await first.close();
    await world.publish({ width: 320, height: 180, pattern: 'smptebars' });
    await world.waitForStatus((s) => s.encoder.state === 'restarting', 'the encoder restarting', { from });
    await world.waitForStatus((s) => s.destinations[0]?.state === 'waiting', 'the destination waiting', { from });
    await world.waitForStatus((s) => s.destinations[0]?.state === 'live', 'live again', { from: world.mark() });
    const elapsed = Date.now() - changedAt;
    console.info(`multistream: producer change → destination live again in ${elapsed} ms`);
    expect(elapsed).toBeLessThan(8000);

    const encoderAfter = world.room.egressProcesses().find((p) => p.role === 'encoder')!.pid;
    expect(encoderAfter).not.toBe(encoderBefore);
    expect(isAlive(encoderBefore)).toBe(false);
    expect(world.room.egressProcesses().find((p) => p.role === 'pusher')!.pid).toBe(pusherBefore);
    const probe = await probeRtmpStream(server.playUrl(), 1);
    expect(probe.video).toMatchObject({ codec: 'h264', width: 320, height: 180 });
    expect(probe.videoFrames).toBeGreaterThan(0);
  }, LONG);

  it('addresses that do not work say why, a connection that cannot keep up starts again, and the good destination never waits', async () => {
    const world = await egressWorld();
    const good = await world.rtmpServer({ key: 'g' });
    // Not RTMPS: answers a TLS hello with plain text. A black hole: accepts and never answers.
    const notTls = await tcpServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    const blackHole = await tcpServer(() => undefined);
    await world.publish({ width: 320, height: 180 });
    const egress = world.customEgress({ pusherMaxBacklogBytes: 128 * 1024 });
    await egress.start({ id: 'good', name: 'Good', url: good.url, streamKey: 'g' });
    await world.waitForStatus((s) => s.destinations[0]?.state === 'live', 'good live');
    const goodPusher = egress.processes().find((p) => p.destinationId === 'good')!.pid;
    const from = world.mark();
    await egress.start({ id: 'dns', name: 'Typo', url: 'rtmp://nothing-here.invalid/live', streamKey: 'k' });
    await egress.start({ id: 'tls', name: 'Not RTMPS', url: `rtmps://127.0.0.1:${notTls.port}/live`, streamKey: 'k' });
    await egress.start({ id: 'slow', name: 'Black hole', url: `rtmp://127.0.0.1:${blackHole.port}/live`, streamKey: 'k' });

    const reasonOf = (id: string) => (s: { destinations: readonly { id: string; state: string; reason: string | null }[] }) =>
      s.destinations.find((d) => d.id === id && d.state === 'reconnecting')?.reason;
    await world.waitForStatus((s) => reasonOf('dns')(s) === 'Cannot find the server nothing-here.invalid: check the server URL and this machine\'s internet connection.', 'dns', { from });
    await world.waitForStatus((s) => reasonOf('tls')(s)?.startsWith('Could not open a secure (RTMPS) connection to 127.0.0.1.') === true, 'tls', { from });
    await world.waitForStatus((s) => reasonOf('slow')(s) === 'The connection to the server is too slow for the stream; reconnecting.', 'slow', { from });

    for (const status of world.statuses.slice(from)) expect(status.destinations[0]).toMatchObject({ id: 'good', state: 'live' });
    expect(egress.processes().find((p) => p.destinationId === 'good')!.pid).toBe(goodPusher);
    notTls.close();
    blackHole.close();
  }, LONG);

  it('the encoder dying: restarted, and the destination comes back on its connection', async () => {
    const world = await egressWorld();
    const server = await world.rtmpServer({ key: 'k' });
    await world.publish({ width: 320, height: 180 });
    await world.room.egressControl().start({ id: 'yt', name: 'YouTube', url: server.url, streamKey: 'k' });
    await world.waitForStatus((s) => s.destinations[0]?.state === 'live', 'live');
    const encoder = world.room.egressProcesses().find((p) => p.role === 'encoder')!.pid;
    const pusher = world.room.egressProcesses().find((p) => p.role === 'pusher')!.pid;
    const from = world.mark();
    process.kill(encoder, 'SIGKILL');
    const restarting = await world.waitForStatus((s) => s.encoder.state === 'restarting', 'restarting', { from });
    expect(restarting.encoder.reason).toMatch(/^The encoder stopped \(.*\); starting it again\.$/);
    await world.waitForStatus((s) => s.encoder.state === 'running' && s.destinations[0]?.state === 'live', 'live again', { from });
    expect(world.room.egressProcesses().find((p) => p.role === 'pusher')!.pid).toBe(pusher);
    expect(world.room.egressProcesses().find((p) => p.role === 'encoder')!.pid).not.toBe(encoder);
  }, LONG);

  it('the show ending stops every destination and every ffmpeg it started', async () => {
    const world = await egressWorld();
    const a = await world.rtmpServer({ key: 'a' });
    const b = await world.rtmpServer({ key: 'b' });
    const publisher = await world.publish({ width: 320, height: 180 });
    const egress = world.room.egressControl();
    await egress.start({ id: 'a', name: 'A', url: a.url, streamKey: 'a' });
    await egress.start({ id: 'b', name: 'B', url: b.url, streamKey: 'b' });
    await world.waitForStatus((s) => s.destinations.length === 2 && s.destinations.every((d) => d.state === 'live'), 'both live');
    const pids = world.room.egressProcesses().map((p) => p.pid);
    expect(pids).toHaveLength(3);
    expect(ffmpegChildren().filter((pid) => !publisher.pids.includes(pid)).sort()).toEqual([...pids].sort());

    world.room.endShow('host-ended');
    const ended = world.latest()!;
    expect(ended.destinations.map((d) => [d.state, d.reason])).toEqual([
      ['stopped', 'The show ended.'],
      ['stopped', 'The show ended.'],
    ]);
    await world.room.endEgress('again');
    for (const pid of pids) expect(isAlive(pid)).toBe(false);
    expect(ffmpegChildren().filter((pid) => !publisher.pids.includes(pid))).toEqual([]);
    expect(world.room.egressProcesses()).toEqual([]);
    expect(world.room.egressStatus().destinations).toEqual([]);
  }, LONG);
});

/** A TCP server on a free loopback port that does `onConnection` with each client. */
async function tcpServer(onConnection: (socket: net.Socket) => void): Promise<{ port: number; close(): void }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close() {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}
