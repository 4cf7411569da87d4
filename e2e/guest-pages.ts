/**
 * The guest page end to end: invites as the studio makes them, the studio's
 * link as a raw host socket, and the guest page opened in its own browser
 * context (fake camera and microphone, playwright.config.ts).
 *
 * And for the studio's guests test (guests.spec.ts): Chromium instances whose
 * fake camera and microphone are files made here (a solid colour, a pure
 * tone), so the viewer's decoded frames and sound say whose picture and
 * voice reached the program; the host's Backstage panel driven as a host
 * would.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Browser, type Page, type PlaywrightWorkerArgs } from '@playwright/test';
import config from '../playwright.config.js';
import type { GuestInviteEntry, GuestPeer } from '../src/shared/sfu/protocol-guests.js';
import type { SignalPush } from '../src/shared/sfu/protocol.js';
import { TestSignalClient } from '../tests/harness/signal-client.js';
import type { Rgb } from './compositor-pages.js';
import type { RunningSfu } from './sfu-fixtures/sfu-process.js';

/** A random token for the link and its entry for `guestInvites` (only the SHA-256 goes to the SFU). */
export function guestInvite(inviteId: string, options: { readonly singleUse?: boolean } = {}): { token: string; entry: GuestInviteEntry } {
  const token = crypto.randomBytes(32).toString('base64url');
  return {
    token,
    entry: {
      inviteId,
      tokenHash: crypto.createHash('sha256').update(token).digest('hex'),
      label: `Guest ${inviteId}`,
      expiresAt: null,
      singleUse: options.singleUse ?? false,
    },
  };
}

/** The studio's own link to the show (the host token, `confirmsChat`): it lists invites and controls guests. */
export async function studioLink(sfu: RunningSfu, show: string, hostToken: string): Promise<TestSignalClient> {
  const link = await TestSignalClient.connect(sfu);
  await link.requests.request({ type: 'join', show, role: 'host', hostToken, confirmsChat: true });
  return link;
}

type GuestsPush = Extract<SignalPush, { type: 'guests' }>;

/** Waits for a `guests` push (already received ones count) in which `match` finds a guest. */
export async function guestSeenByHost(link: TestSignalClient, match: (guest: GuestPeer) => boolean, timeoutMs = 20_000): Promise<GuestPeer> {
  const push = (await link.waitFor(
    (m): m is GuestsPush => m.type === 'guests' && m.guests.some(match),
    timeoutMs,
  )) as GuestsPush;
  return push.guests.find(match)!;
}

/** Opens an invite link in a fresh browser context (a laptop's window). */
export async function openInvite(browser: Browser, sfu: RunningSfu, show: string, token: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${sfu.url}/guest/${show}#invite=${token}`);
  return page;
}

/** Step 1 → step 2: types the name and presses Join backstage once the devices answered. */
export async function joinBackstage(page: Page, name: string): Promise<void> {
  const join = page.getByRole('button', { name: 'Join backstage' });
  await join.waitFor();
  await page.getByLabel('Your name').fill(name);
  await join.click();
}

/** A solid-colour camera: a Y4M file Chromium's fake capture loops. */
export function solidColourY4m(file: string, [r, g, b]: Rgb, width = 320, height = 180): string {
  // Full-range BT.601 (C420jpeg), as Chromium reads it.
  const y = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
  const u = Math.round(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
  const v = Math.round(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
  const clamp = (n: number) => Math.max(0, Math.min(255, n));
  const frame = Buffer.concat([
    Buffer.from('FRAME\n'),
    Buffer.alloc(width * height, clamp(y)),
    Buffer.alloc((width / 2) * (height / 2), clamp(u)),
    Buffer.alloc((width / 2) * (height / 2), clamp(v)),
  ]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\n`);
  fs.writeFileSync(file, Buffer.concat([header, ...Array.from({ length: 10 }, () => frame)]));
  return file;
}

/** A microphone that hums one pure tone: a 16-bit mono WAV Chromium's fake capture loops. */
export function toneWav(file: string, hz: number, seconds = 2, rate = 48_000): string {
  const samples = seconds * rate;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * hz * i) / rate) * 12_000), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  fs.writeFileSync(file, Buffer.concat([header, data]));
  return file;
}

export interface FakeDevices {
  readonly colour?: Rgb;
  /** The fake camera's size (default 320x180; a host's camera under 960 wide makes the Go live checklist warn). */
  readonly size?: readonly [number, number];
  readonly toneHz?: number;
}

/**
 * Chromium as the config launches it, with its own fake devices, and
 * sound that plays without a tap (the viewer's page is measured, not heard).
 */
export async function launchWithDevices(playwright: PlaywrightWorkerArgs['playwright'], devices: FakeDevices): Promise<Browser> {
  const base = config.use!.launchOptions!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-guest-devices-'));
  const args = [...(base.args ?? []), '--autoplay-policy=no-user-gesture-required'];
  if (devices.colour) args.push(`--use-file-for-fake-video-capture=${solidColourY4m(path.join(dir, 'camera.y4m'), devices.colour, ...(devices.size ?? []))}`);
  if (devices.toneHz) args.push(`--use-file-for-fake-audio-capture=${toneWav(path.join(dir, 'mic.wav'), devices.toneHz)}`);
  return playwright.chromium.launch({ ...base, args });
}

/** The watch page on a phone-sized window, once its first frame is painted (its `load` is not waited for). */
export async function openWatchPage(browser: Browser, url: string, timeoutMs = 20_000): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await expect(page.locator('#watch')).toHaveAttribute('data-phase', 'live', { timeout: timeoutMs });
  await page.waitForFunction(() => performance.getEntriesByName('lss:first-frame').length > 0, null, { timeout: timeoutMs });
  return page;
}

/** The host's Backstage panel. */
export const backstage = (host: Page) => host.getByRole('region', { name: 'Backstage' });

/** Makes an invite in the Backstage panel as the host does; returns its link (the newest invite is listed first). */
export async function createInvite(host: Page, label: string, use: 'single' | 'reusable' = 'single'): Promise<string> {
  const panel = backstage(host);
  const before = await panel.getByTestId('invite').count();
  // Every action with its own time limit: a control that never becomes ready fails here, by name.
  const within = { timeout: 30_000 };
  await panel.getByTestId('invite-label').fill(label, within);
  await panel.getByTestId('invite-use').selectOption(use, within);
  await panel.getByTestId('invite-expiry').selectOption('1h', within);
  await panel.getByTestId('invite-create').click(within);
  await expect(panel.getByTestId('invite')).toHaveCount(before + 1);
  const newest = panel.getByTestId('invite').first();
  await expect(newest).toContainText(label);
  const url = await newest.getByTestId('invite-url').inputValue(within);
  expect(url).toMatch(/\/guest\/[^/#]+#invite=[A-Za-z0-9_-]{43}$/);
  return url;
}

/** The invite row with this label. */
export const inviteRow = (host: Page, label: string) => backstage(host).getByTestId('invite').filter({ hasText: label });

/** A guest's row in the host's backstage, by the name they typed. */
export const guestRow = (host: Page, name: string) =>
  backstage(host).getByTestId('guest').filter({ has: host.getByTestId('guest-name').getByText(name, { exact: true }) });

/** The guest page's status line (data-phase: connecting, backstage, on-air, reconnecting…). */
export const guestStatus = (guest: Page) => guest.getByTestId('guest-status');

/** Opens an invite link in a new context of `browser`, passes the device check with `name`, and waits to be backstage. */
export async function joinAsGuest(browser: Browser, url: string, name: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1024, height: 700 } })).newPage();
  // The guest page's `load` may never come (its media elements keep loading): its DOM is what counts.
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await expect(page.getByTestId('device-check')).toBeVisible();
  await page.getByLabel('Your name').fill(name, { timeout: 15_000 });
  await page.getByRole('button', { name: /^Join backstage/ }).click({ timeout: 15_000 });
  await expect(guestStatus(page)).toHaveAttribute('data-phase', 'backstage', { timeout: 20_000 });
  return page;
}

/** Opens an invite link that should no longer admit anyone: the page says so, finally. */
export async function expectInviteRefused(browser: Browser, url: string, name: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.getByLabel('Your name').fill(name, { timeout: 15_000 });
  await page.getByRole('button', { name: /^Join backstage/ }).click({ timeout: 15_000 });
  await expect(page.getByTestId('guest-final')).toContainText('This invite link no longer works. Ask the host for a new one.', { timeout: 15_000 });
  return page;
}

/** The mean colour of a small square of the viewer's decoded video around (x, y), as fractions of the frame. */
/**
 * Whose picture a sampled colour is: the nearest of the known camera colours
 * (and black: nobody), when it is near enough. Decoding a solid-colour fake
 * camera through the compositor, VP8 and the viewer's decoder shifts the
 * colour by a few tens (Chromium reads the Y4M's range its own way), so the
 * test asks which known colour it is, not whether it is exactly one.
 */
export function whoseColour<Name extends string>(colour: Rgb, palette: Readonly<Record<Name, Rgb>>): Name | 'unknown' {
  const distance = (a: Rgb, b: Rgb) => Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]), Math.abs(a[2] - b[2]));
  let best: Name | 'unknown' = 'unknown';
  let bestDistance = 80;
  for (const name of Object.keys(palette) as Name[]) {
    const d = distance(colour, palette[name]);
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return best;
}

export function viewerColourAt(viewer: Page, x: number, y: number): Promise<Rgb> {
  return viewer.evaluate(
    ([fx, fy]) => {
      const video = document.querySelector('video')!;
      const canvas = document.createElement('canvas');
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(video, 0, 0);
      const size = 8;
      const data = ctx.getImageData(Math.round(fx! * canvas.width) - size / 2, Math.round(fy! * canvas.height) - size / 2, size, size).data;
      const sum = [0, 0, 0];
      for (let i = 0; i < data.length; i += 4) for (let c = 0; c < 3; c++) sum[c]! += data[i + c]!;
      const n = data.length / 4;
      return [Math.round(sum[0]! / n), Math.round(sum[1]! / n), Math.round(sum[2]! / n)] as Rgb;
    },
    [x, y],
  );
}

/**
 * How loud each tone is in the viewer's program sound, in dB over the level
 * at frequencies nobody sings (the median of a few): the decoded audio is read
 * frame by frame (MediaStreamTrackProcessor: no sound card needed) for `ms`
 * and each frequency measured with the Goertzel filter. A tone that is mixed in
 * stands tens of dB above the reference; one that is not, near 0.
 */
export function viewerTonesDb(viewer: Page, hz: readonly number[], ms = 1500): Promise<number[]> {
  return viewer.evaluate(
    async ({ hz, ms }) => {
      const video = document.querySelector('video')!;
      const track = (video.srcObject as MediaStream | null)?.getAudioTracks()[0];
      if (!track) return hz.map(() => -Infinity);
      type Processor = { readable: ReadableStream<AudioData> };
      const Ctor = (globalThis as unknown as { MediaStreamTrackProcessor: new (init: { track: MediaStreamTrack }) => Processor }).MediaStreamTrackProcessor;
      const reader = new Ctor({ track: track.clone() }).readable.getReader();
      const chunks: Float32Array[] = [];
      let rate = 48_000;
      const end = performance.now() + ms;
      while (performance.now() < end) {
        const next = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), Math.max(0, end - performance.now())))]);
        if (!next || next.done) break;
        const data = next.value;
        rate = data.sampleRate;
        const samples = new Float32Array(data.numberOfFrames);
        data.copyTo(samples, { planeIndex: 0, format: 'f32-planar' });
        data.close();
        chunks.push(samples);
      }
      void reader.cancel();
      const all = new Float32Array(chunks.reduce((n, c) => n + c.length, 0));
      let at = 0;
      for (const c of chunks) {
        all.set(c, at);
        at += c.length;
      }
      if (all.length < rate / 10) return hz.map(() => -Infinity);
      const amplitude = (f: number) => {
        const w = (2 * Math.PI * f) / rate;
        const coeff = 2 * Math.cos(w);
        let s1 = 0;
        let s2 = 0;
        for (const x of all) {
          const s0 = x + coeff * s1 - s2;
          s2 = s1;
          s1 = s0;
        }
        return (2 * Math.sqrt(Math.max(0, s1 * s1 + s2 * s2 - coeff * s1 * s2))) / all.length;
      };
      const reference = [730, 1130, 2270, 3730, 4410].map(amplitude).sort((a, b) => a - b)[2]!;
      return hz.map((f) => 20 * Math.log10(amplitude(f) / Math.max(reference, 1e-9)));
    },
    { hz, ms },
  );
}
