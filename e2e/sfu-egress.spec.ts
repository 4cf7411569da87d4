import fs from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import type { EgressStatus } from '../src/shared/sfu/protocol-egress.js';
import { probeRtmpStream, rtmpMissingReason, startRtmpServer, type RtmpServer } from '../tests/harness/rtmp-server.js';
import { TestSignalClient } from '../tests/harness/signal-client.js';
import { startPublisherSite, startSfuProcess, type RunningSfu } from './sfu-fixtures/sfu-process.js';
import { expect, test } from './studio-fixture.js';

/**
 * Multistream end to end through the real `studio sfu` process: Chromium
 * publishes its fake camera (three simulcast layers) and microphone over
 * WebRTC, the studio's link (a Node client, as main's) starts two
 * destinations, and ffprobe reads both streams back from real nginx-rtmp
 * servers. The host's screens for it are the studio's (Settings →
 * Destinations); this is the SFU's part on its own.
 */

const HOST_TOKEN = 'e2e-egress-host-token';
const SHOW = 'egress-e2e';

let publisherSite: Awaited<ReturnType<typeof startPublisherSite>>;
test.beforeAll(async () => {
  publisherSite = await startPublisherSite();
});
test.afterAll(async () => {
  await publisherSite.close();
});
test.describe.configure({ timeout: 180_000 });
test.skip(rtmpMissingReason() !== null, rtmpMissingReason() ?? '');

async function publish(browser: Browser, sfu: RunningSfu): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  const query = new URLSearchParams({ signal: sfu.signalUrl, show: SHOW, token: HOST_TOKEN, size: '640x360' });
  await page.goto(`${publisherSite.origin}/?${query}`);
  await page.waitForFunction(() => window.testPublisher.state !== 'starting', null, { timeout: 30_000 });
  expect(await page.evaluate(() => window.testPublisher.error ?? window.testPublisher.state)).toBe('live');
  return page;
}

/** The latest `egressStatus` the studio's link heard that passes `check`, from `from` on. */
async function status(link: TestSignalClient, check: (s: EgressStatus) => boolean, from = 0, timeoutMs = 40_000): Promise<EgressStatus> {
  const message = await link.waitFor((m) => m.type === 'egressStatus' && link.received.indexOf(m) >= from && check(m.status), timeoutMs);
  return (message as { status: EgressStatus }).status;
}

/** ffmpeg processes whose parent is `pid` (Linux). */
function ffmpegChildrenOf(pid: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => {
      try {
        const match = /^\d+ \((.*)\) \S+ (\d+)/.exec(fs.readFileSync(`/proc/${entry}/stat`, 'utf8'));
        return match && match[1] === 'ffmpeg' && Number(match[2]) === pid ? [Number(entry)] : [];
      } catch {
        return [];
      }
    });
}

test('the show goes to two RTMP servers at the program’s size; a new publish comes back; leaving stops every ffmpeg', async ({ browser }) => {
  const servers: RtmpServer[] = [];
  const sfu = await startSfuProcess(['--port', '0', '--listen-ip', '127.0.0.1', '--workers', '1', '--host-token', HOST_TOKEN, '--ffmpeg', '/usr/bin/ffmpeg']);
  const link = await TestSignalClient.connect(sfu);
  try {
    expect(sfu.output()).toContain('Multistream: ffmpeg "/usr/bin/ffmpeg"');
    await link.requests.request({ type: 'join', show: SHOW, role: 'host', hostToken: HOST_TOKEN, confirmsChat: true });
    const host = await publish(browser, sfu);
    const youtube = await startRtmpServer({ key: 'yt-key-123' });
    const twitch = await startRtmpServer({ key: 'live_twitch_456' });
    servers.push(youtube, twitch);

    await link.requests.request({ type: 'egressStart', destination: { id: 'yt', name: 'YouTube', url: youtube.url, streamKey: 'yt-key-123' } });
    await link.requests.request({ type: 'egressStart', destination: { id: 'tw', name: 'Twitch', url: twitch.url, streamKey: 'live_twitch_456' } });
    const live = await status(link, (s) => s.destinations.length === 2 && s.destinations.every((d) => d.state === 'live'));
    expect(live.encoder).toMatchObject({ state: 'running', width: 640, height: 360 });
    for (const server of servers) {
      const probe = await probeRtmpStream(server.playUrl(), 1);
      expect(probe.video).toEqual({ codec: 'h264', width: 640, height: 360, pixFmt: 'yuv420p' });
      expect(probe.audio).toEqual({ codec: 'aac', sampleRate: 48000, channels: 2 });
      expect(probe.videoFrames).toBeGreaterThan(0);
    }

    // The studio reconnects (its page reloads): a new publish; the destinations come back.
    const mark = link.received.length;
    const changedAt = Date.now();
    await host.reload();
    await host.waitForFunction(() => window.testPublisher.state === 'live', null, { timeout: 30_000 });
    await status(link, (s) => s.encoder.state === 'restarting', mark);
    await status(link, (s) => s.encoder.state === 'running' && s.destinations.every((d) => d.state === 'live'), mark);
    console.log(`multistream (Chromium publisher): new publish → both destinations live again in ${Date.now() - changedAt} ms`);
    // Frames move again: a player that joins right at the new run's first keyframe may read none yet, so read until it does.
    await expect.poll(async () => (await probeRtmpStream(youtube.playUrl(), 3)).videoFrames, { timeout: 45_000 }).toBeGreaterThan(0);

    // The host ends the show: every destination stops and no ffmpeg is left.
    expect(ffmpegChildrenOf(sfu.pid)).toHaveLength(3);
    await host.evaluate(() => window.testPublisher.leave());
    const ended = await status(link, (s) => s.destinations.every((d) => d.state === 'stopped'), mark);
    expect(ended.destinations.map((d) => d.reason)).toEqual(['The show ended.', 'The show ended.']);
    await expect.poll(() => ffmpegChildrenOf(sfu.pid)).toEqual([]);
    expect(JSON.stringify(link.received)).not.toMatch(/yt-key-123|live_twitch_456/);
  } finally {
    link.close();
    await sfu.stop();
    for (const server of servers) await server.stop();
  }
});
