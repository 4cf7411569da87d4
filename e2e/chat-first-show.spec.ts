import type { Locator, Page } from '@playwright/test';
import { consoleList, consoleRow, openChatViewer, sendFromViewer, viewerLine } from './chat-pages.js';
import { openStudio, startLiveStudio } from './go-live-pages.js';
import { expect, test } from './studio-fixture.js';

/**
 * A new host's first show, chat side (issue 15): the moderation a brand-new
 * show starts with, and which messages the console calls questions. Real
 * parts: `studio web` with its built-in SFU, the studio in Chromium, phones
 * on the real watch page; nothing is set up through the API first.
 */

test.describe.configure({ timeout: 120_000 });

const openRules = async (host: Page): Promise<Locator> => {
  await host.getByRole('region', { name: 'Chat' }).getByRole('button', { name: 'Rules' }).click();
  const dialog = host.getByRole('dialog', { name: 'Chat rules' });
  await expect(dialog.getByRole('group', { name: 'Starter list' })).toBeVisible();
  return dialog;
};

const save = async (dialog: Locator): Promise<void> => {
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('status')).toContainText('Saved');
};

test('a new show holds scams, slurs and other shops from its starter list; the host removes a term, then turns the list off', async ({ browser }) => {
  const { studio, stop } = await startLiveStudio();
  try {
    const host = await openStudio(browser, studio);
    const rita = await openChatViewer(browser, host);
    const sam = await openChatViewer(browser, host);

    // A brand-new show, rules never touched: the starter list holds these for review.
    const scam = 'this is a s c a m';
    const slur = 'you are a r3tard';
    const otherShop = 'way cheaper on temu, search bag 123';
    await sendFromViewer(rita, scam, 'Rita');
    await sendFromViewer(rita, slur);
    await sendFromViewer(rita, otherShop);
    for (const text of [scam, slur, otherShop]) {
      await expect(consoleRow(host, text)).toHaveAttribute('data-status', 'held');
      await expect(consoleRow(host, text)).toContainText('Held · starter list');
    }
    // Whole words only: innocent words that contain a listed one go straight out.
    const innocent = 'scampi tonight, and my amazonite ring came!';
    await sendFromViewer(sam, innocent, 'Sam');
    await expect(viewerLine(rita, innocent)).toBeVisible();
    await expect(consoleRow(host, innocent)).toHaveAttribute('data-status', 'approved');
    for (const text of [scam, slur, otherShop]) await expect(viewerLine(sam, text)).toHaveCount(0);

    // The host opens the rules: the starter list is on, holding for review, its terms listed by language.
    let dialog = await openRules(host);
    let starter = dialog.getByRole('group', { name: 'Starter list' });
    await expect(starter.getByRole('checkbox', { name: 'Use the starter list' })).toBeChecked();
    await expect(starter.getByRole('group', { name: 'Messages with a starter term' }).getByLabel('Hold for review')).toBeChecked();
    await starter.getByText(/^Scams and spam/).click();
    await expect(starter.getByRole('list', { name: 'Scams and spam, English' })).toContainText('scam');
    await expect(starter.getByRole('list', { name: 'Scams and spam, Spanish' })).toContainText('estafa');
    await expect(starter.getByRole('list', { name: 'Scams and spam, French' })).toContainText('arnaque');
    await starter.getByText(/^Other shops and self-promotion/).click();
    await expect(starter.getByRole('list', { name: 'Other shops and self-promotion, English' })).toContainText('temu');
    await dialog.screenshot({ path: test.info().outputPath('starter-list.png') });

    // Remove "scam": the same message now goes through; the slur is still held.
    await starter.getByRole('button', { name: 'Remove scam', exact: true }).click();
    await expect(starter.getByRole('button', { name: 'Put back scam', exact: true })).toBeVisible();
    await save(dialog);
    await host.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await sendFromViewer(sam, scam);
    await expect(viewerLine(rita, scam)).toBeVisible();
    await sendFromViewer(sam, slur);
    await expect(consoleRow(host, slur).and(host.locator('[data-status="held"]'))).toHaveCount(2);

    // Turn the starter list off: the other shop's plug goes through too.
    dialog = await openRules(host);
    starter = dialog.getByRole('group', { name: 'Starter list' });
    await expect(starter.getByRole('button', { name: 'Put back scam', exact: true })).toBeVisible();
    await starter.getByRole('checkbox', { name: 'Use the starter list' }).uncheck();
    await save(dialog);
    await host.keyboard.press('Escape');
    await sendFromViewer(sam, otherShop);
    await expect(viewerLine(rita, otherShop)).toBeVisible();
    await expect(consoleRow(host, otherShop).and(host.locator('[data-status="approved"]'))).toHaveCount(1);

    // Saved for the show: a reload shows the list off, with "scam" still removed.
    await host.reload();
    dialog = await openRules(host);
    starter = dialog.getByRole('group', { name: 'Starter list' });
    await expect(starter.getByRole('checkbox', { name: 'Use the starter list' })).not.toBeChecked();
    const saved = await host.evaluate(() => window.studio!.getModerationRules());
    expect(saved.ok && saved.value).toMatchObject({ starterList: false, starterListRemoved: ['scam'] });
  } finally {
    await stop();
  }
});

test('the console calls a message a question only when it is one, in English, Spanish and French', async ({ browser }) => {
  const { studio, stop } = await startLiveStudio();
  try {
    const host = await openStudio(browser, studio);
    const ana = await openChatViewer(browser, host);
    const luis = await openChatViewer(browser, host);
    const chloe = await openChatViewer(browser, host);

    const statements = ['I love this!', 'great price', 'shipping was fast last time', 'me encanta el precio', "j'adore la taille"];
    const questions = ['how much is shipping', 'cuánto cuesta el envío a México', "c'est combien la livraison"];
    await sendFromViewer(ana, 'I love this!', 'Ana');
    await sendFromViewer(ana, 'great price');
    await sendFromViewer(ana, 'shipping was fast last time');
    await sendFromViewer(ana, 'how much is shipping');
    await sendFromViewer(luis, 'me encanta el precio', 'Luis');
    await sendFromViewer(luis, 'cuánto cuesta el envío a México');
    await sendFromViewer(chloe, "j'adore la taille", 'Chloé');
    await sendFromViewer(chloe, "c'est combien la livraison");
    for (const text of [...statements, ...questions]) await expect(consoleRow(host, text)).toHaveAttribute('data-status', 'approved');

    for (const text of questions) await expect(consoleRow(host, text).locator('.chip-question')).toHaveText('Question');
    for (const text of statements) await expect(consoleRow(host, text).locator('.chip-question')).toHaveCount(0);

    // The Questions filter: exactly the three questions.
    const filter = host.getByRole('button', { name: /^Questions/ });
    await expect(filter).toContainText('3');
    await filter.click();
    await expect(consoleList(host).getByRole('option')).toHaveCount(3);
    for (const text of questions) await expect(consoleRow(host, text)).toBeVisible();
    await host.locator('.panel-chat').screenshot({ path: test.info().outputPath('questions-filter.png') });
  } finally {
    await stop();
  }
});
