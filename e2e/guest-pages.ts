/**
 * The guest page end to end: invites as the studio makes them, the studio's
 * link as a raw host socket, and the guest page opened in its own browser
 * context (fake camera and microphone, playwright.config.ts).
 */
import crypto from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import type { GuestInviteEntry, GuestPeer } from '../src/shared/sfu/protocol-guests.js';
import type { SignalPush } from '../src/shared/sfu/protocol.js';
import { TestSignalClient } from '../tests/harness/signal-client.js';
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
