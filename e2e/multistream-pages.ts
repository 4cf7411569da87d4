import { execFileSync } from 'node:child_process';
import { expect, type Page } from '@playwright/test';

/**
 * Settings → Destinations and the Stream panel's Destinations block, driven
 * as a host does (e2e/multistream.spec.ts).
 */

export interface DestinationInput {
  readonly platform: 'YouTube' | 'Facebook' | 'Twitch' | 'Instagram' | 'TikTok' | 'Custom';
  readonly name: string;
  readonly serverUrl: string;
  readonly streamKey: string;
}

/** Opens Settings from the top bar. */
export async function openSettings(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Destinations' })).toBeVisible();
}

export const destinationDialog = (page: Page) => page.getByRole('dialog', { name: /^(Add a destination|Edit )/ });

/** Add destination… → platform, name, server URL, key → Add destination; waits for the row. */
export async function addDestination(page: Page, input: DestinationInput): Promise<void> {
  await page.getByRole('button', { name: 'Add destination…' }).click();
  const dialog = destinationDialog(page);
  await dialog.getByRole('radio', { name: input.platform }).check();
  await dialog.getByRole('textbox', { name: 'Name' }).fill(input.name);
  await dialog.getByRole('textbox', { name: 'Server URL' }).fill(input.serverUrl);
  await dialog.getByLabel('Stream key').fill(input.streamKey);
  await dialog.getByRole('button', { name: 'Add destination' }).click();
  await expect(dialog).toBeHidden();
  await expect(settingsRow(page, input.name)).toBeVisible();
}

export const settingsRow = (page: Page, name: string) => page.getByTestId('destination-row').filter({ has: page.getByText(name, { exact: true }) });

/** A destination's row in the Stream panel. */
export const streamRow = (page: Page, name: string) =>
  page.getByRole('region', { name: 'Stream' }).getByTestId('destination-status').and(page.locator(`[data-name="${name}"]`));

/** The command lines of every ffmpeg the process `pid` started (its descendants): multistream's encoder and pushers. */
export function ffmpegUnder(pid: number): string[] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! }));
  const family = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const row of rows) {
      if (!family.has(row.pid) && family.has(row.ppid)) {
        family.add(row.pid);
        grew = true;
      }
    }
  }
  return rows.filter((row) => row.pid !== pid && family.has(row.pid) && /(^|\/)ffmpeg\s/.test(row.args)).map((row) => row.args);
}

/** Whether one of the studio's ffmpeg processes pushes to the RTMP server on this port. */
export const pushesTo = (pid: number, port: number): boolean => ffmpegUnder(pid).some((args) => args.includes(`127.0.0.1:${port}/`));
