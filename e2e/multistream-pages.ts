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
