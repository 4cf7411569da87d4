import fs from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './studio-fixture.js';

/**
 * The chat rules dialog against the real studio (`studio web`, SQLite):
 * edit and save, reload, export the JSON settings file, import one, and a
 * broken file that changes nothing.
 */

const openRules = async (page: Page): Promise<Locator> => {
  await page.getByRole('region', { name: 'Chat' }).getByRole('button', { name: 'Rules' }).click();
  const dialog = page.getByRole('dialog', { name: 'Chat rules' });
  await expect(dialog.getByLabel('Your blocked terms (one word or phrase per line)')).toBeFocused();
  return dialog;
};

const savedRules = async (page: Page) => {
  const result = await page.evaluate(() => window.studio!.getModerationRules());
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

const importFile = (dialog: Locator, name: string, text: string) =>
  dialog.locator('input[type="file"]').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });

const XSS = '<img src=x onerror=window.__xss=1>';

test('chat rules: save, reload, export, import, refuse a broken file', async ({ page, studio }) => {
  await page.goto(studio.url);

  // Edit: a blocked term and links blocked; Save reaches the studio.
  let dialog = await openRules(page);
  await dialog.getByLabel('Your blocked terms (one word or phrase per line)').fill('scam\nfake giveaway\n');
  await dialog.getByRole('group', { name: 'Links' }).getByLabel('Block').check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('status')).toContainText('Saved');
  const saved = await savedRules(page);
  expect(saved).toMatchObject({ blockedTerms: ['scam', 'fake giveaway'], links: 'block', maxCapsRatio: 0.7, starterList: true, starterListAction: 'hold' });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // Reload: the dialog shows what was saved.
  await page.reload();
  dialog = await openRules(page);
  await expect(dialog.getByLabel('Your blocked terms (one word or phrase per line)')).toHaveValue('scam\nfake giveaway');
  await expect(dialog.getByRole('group', { name: 'Links' }).getByLabel('Block')).toBeChecked();
  await expect(dialog.getByLabel('Max capitals (%)')).toHaveValue('70');

  // Export: a pretty JSON file with exactly the schema's fields.
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export…' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('chat-rules.json');
  const exported = fs.readFileSync(await download.path(), 'utf8');
  expect(JSON.parse(exported)).toEqual(saved);
  expect(exported).toContain('\n  "blockedTerms": [');

  // Import: fills the form, saves nothing until Save.
  const file = {
    blockedTerms: ['knockoff'],
    blockedTermsAction: 'hold',
    starterList: true,
    starterListAction: 'block',
    starterListRemoved: ['temu'],
    links: 'allow',
    allowedDomains: ['myshop.com'],
    maxCapsRatio: 0.5,
    maxLength: 200,
    duplicateWindowSeconds: 60,
    slowModeSeconds: 3,
    maxMessagesPer10s: 4,
    holdFirstMessage: true,
  };
  await importFile(dialog, 'show-rules.json', JSON.stringify(file));
  await expect(dialog.getByRole('status')).toContainText('Not saved yet');
  await expect(dialog.getByLabel('Your blocked terms (one word or phrase per line)')).toHaveValue('knockoff');
  await expect(dialog.getByRole('group', { name: 'Messages with one of your terms' }).getByLabel('Hold for review')).toBeChecked();
  const starter = dialog.getByRole('group', { name: 'Starter list' });
  await expect(starter.getByRole('group', { name: 'Messages with a starter term' }).getByLabel('Block')).toBeChecked();
  await expect(starter.getByRole('list', { name: 'Removed from the starter list' })).toHaveText('temu↺');
  await expect(starter.getByTestId('starter-spared')).toHaveText('Not applied, as they name your allowed domains: my shop (myshop.com).');
  await expect(dialog.getByRole('group', { name: 'Links' }).getByLabel('Allow')).toBeChecked();
  await expect(dialog.getByLabel('Allowed domains (one per line)')).toHaveValue('myshop.com');
  await expect(dialog.getByLabel('Max capitals (%)')).toHaveValue('50');
  await expect(dialog.getByLabel('Max length (characters)')).toHaveValue('200');
  await expect(dialog.getByLabel('Duplicate window (seconds)')).toHaveValue('60');
  await expect(dialog.getByLabel('Slow mode (seconds, 0 = off)')).toHaveValue('3');
  await expect(dialog.getByLabel('Max messages per 10 s')).toHaveValue('4');
  await expect(dialog.getByLabel("Hold a viewer's first message for review")).toBeChecked();
  expect(await savedRules(page)).toEqual(saved);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('status')).toContainText('Saved');
  expect(await savedRules(page)).toEqual(file);

  // A broken file: the problem in host words, form and saved rules unchanged, nothing rendered as HTML.
  await importFile(dialog, 'notes.json', '{ this is not json');
  await expect(dialog.getByRole('alert')).toContainText('This file is not a rules file (it is not JSON).');
  await importFile(dialog, 'bad.json', JSON.stringify({ maxCapsRatio: 2, [XSS]: true }));
  await expect(dialog.getByRole('alert')).toContainText('maxCapsRatio: must be between 0 and 1');
  await expect(dialog.getByRole('alert')).toContainText(XSS);
  await expect(dialog.getByLabel('Your blocked terms (one word or phrase per line)')).toHaveValue('knockoff');
  await expect(dialog.getByLabel('Max capitals (%)')).toHaveValue('50');
  expect(await savedRules(page)).toEqual(file);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();

  // A refused value from the form shows before anything is sent.
  await dialog.getByLabel('Max capitals (%)').fill('150');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Max capitals (%): must be between 0 and 100.');
  expect(await savedRules(page)).toEqual(file);
});
