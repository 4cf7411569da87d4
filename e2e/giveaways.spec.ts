import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { consoleRow, openChatViewer, sendFromViewer, viewerLine } from './chat-pages.js';
import { openStudio, startLiveStudio } from './go-live-pages.js';
import { expect, repoRoot, test } from './studio-fixture.js';

/**
 * A giveaway with the real parts: `studio web` with its built-in SFU, the
 * studio UI and four real watch pages in Chromium, chat through the
 * moderation engine, the draw, and `studio giveaway-verify` run on the
 * exported entry list with the revealed seed.
 */

test.describe.configure({ timeout: 150_000 });

const block = (viewer: Page) => viewer.getByRole('region', { name: 'Giveaway' });

test('a giveaway: keyword and button entries, one per viewer, a banned viewer refused, a verifiable draw seen by everyone', async ({ browser }) => {
  const { studio, stop } = await startLiveStudio();
  try {
    const host = await openStudio(browser, studio);
    const [ana, ben, cy, dan] = [
      await openChatViewer(browser, host),
      await openChatViewer(browser, host),
      await openChatViewer(browser, host),
      await openChatViewer(browser, host),
    ];
    await sendFromViewer(ana, 'hi from Ana', 'Ana');
    await sendFromViewer(ben, 'hi from Ben', 'Ben');
    await sendFromViewer(cy, 'hi from Cy', 'Cy');
    await sendFromViewer(dan, 'hi from Dan', 'Dan');

    // The host bans Dan from his message.
    await consoleRow(host, 'hi from Dan').click();
    await host.getByRole('toolbar', { name: /Actions for Dan/ }).getByRole('button', { name: 'Ban' }).click();
    await expect(host.getByRole('toolbar', { name: /Actions for Dan/ }).getByRole('button', { name: 'Unban' })).toBeVisible();

    // The show's rundown has a giveaway segment; when the host starts the show on it, the Giveaway box offers it.
    const made = await host.evaluate(async () => {
      const show = await window.studio!.createShow({ name: 'Friday drop', scheduledStart: null });
      if (!show.ok) return show;
      await window.studio!.setActiveShow({ showId: show.value.id });
      return window.studio!.addRundownItems({ showId: show.value.id, items: [{ kind: 'segment', segmentType: 'giveaway', title: 'Silk scarf' }] });
    });
    expect(made.ok).toBe(true);
    const box = host.getByRole('region', { name: 'Giveaway' });
    await expect(box.getByRole('button', { name: 'New giveaway…' })).toBeVisible();
    await host.getByRole('region', { name: 'Live cursor' }).getByRole('button', { name: 'Start show' }).click();
    // The host starts it: the segment's title as the prize, the keyword "enter" and the Enter button.
    await expect(box.getByLabel('Prize')).toHaveValue('Silk scarf');
    await expect(box.getByLabel('Chat keyword')).toHaveValue('enter');
    await expect(box.getByLabel('Rules viewers see')).toHaveValue(/^No purchase necessary\. One entry per viewer\./);
    await box.screenshot({ path: test.info().outputPath('giveaway-form.png') });
    await box.getByRole('button', { name: 'Start giveaway' }).click();
    await expect(box.getByTestId('giveaway-open')).toContainText('Silk scarf');
    await expect(box.getByTestId('giveaway-entries')).toHaveText('0 entries');
    for (const viewer of [ana, ben, cy, dan]) await expect(block(viewer).getByTestId('giveaway-prize')).toHaveText('Silk scarf');
    // The fairness code (the seed's commitment) is on every page before anyone enters: the seed is fixed already.
    const fairness = (viewer: typeof ana) => block(viewer).getByTestId('giveaway-commitment').locator('.proof-full');
    await expect(fairness(ana)).toHaveText(/^[0-9a-f]{64}$/);
    const openCommitment = (await fairness(ana).textContent())!;
    for (const viewer of [ben, cy, dan]) await expect(fairness(viewer)).toHaveText(openCommitment);
    await expect(block(ana).getByTestId('giveaway-seed')).toBeHidden();

    // Ana types the keyword in chat; Ben and Cy press Enter; Cy then types the keyword too (still one entry).
    await sendFromViewer(ana, 'ENTER!');
    await expect(block(ana).getByTestId('giveaway-mine')).toHaveText('You’re in');
    await block(ben).getByRole('button', { name: 'Enter' }).click();
    await expect(block(ben).getByTestId('giveaway-mine')).toHaveText('You’re in');
    await block(cy).getByRole('button', { name: 'Enter' }).click();
    await expect(block(cy).getByTestId('giveaway-mine')).toHaveText('You’re in');
    await sendFromViewer(cy, 'enter');
    await expect(block(cy).getByTestId('giveaway-notice')).toHaveText('You’re already in this giveaway: one entry per viewer.');
    // Dan, banned, is refused privately.
    await block(dan).getByRole('button', { name: 'Enter' }).click();
    await expect(block(dan).getByTestId('giveaway-notice')).toHaveText('You can’t enter giveaways in this chat.');
    await expect(box.getByTestId('giveaway-entries')).toHaveText('3 entries');
    await box.screenshot({ path: test.info().outputPath('giveaway-open.png') });
    for (const viewer of [ana, ben, cy, dan]) await expect(block(viewer).getByTestId('giveaway-entries')).toHaveText('3 entries');

    // The draw.
    await box.getByRole('button', { name: 'Close entries and draw' }).click();
    const winnerName = (await box.getByTestId('giveaway-winner').textContent())!;
    expect(['Ana', 'Ben', 'Cy']).toContain(winnerName);
    const seed = (await box.getByTestId('giveaway-seed').textContent())!;
    const commitment = (await box.getByTestId('giveaway-commitment').textContent())!;
    expect(seed).toMatch(/^[0-9a-f]{64}$/);
    expect(commitment).toBe(openCommitment);
    const entrants = { Ana: ana, Ben: ben, Cy: cy };
    for (const [name, viewer] of Object.entries(entrants)) {
      await expect(block(viewer).getByTestId('giveaway-winner')).toHaveText(name === winnerName ? 'Winner: you' : `Winner: ${winnerName}`);
      await expect(block(viewer).getByTestId('giveaway-seed').locator('.proof-full')).toHaveText(seed);
    }
    await expect(block(dan).getByTestId('giveaway-winner')).toHaveText(`Winner: ${winnerName}`);
    const winner = entrants[winnerName as keyof typeof entrants];
    await expect(block(winner).getByTestId('giveaway-mine')).toHaveText('You won!');
    await expect(block(winner).getByTestId('giveaway-notice')).toHaveText('You won Silk scarf! The host will be in touch.');
    // And in chat, from the host.
    await expect(viewerLine(dan, `${winnerName} won the giveaway: Silk scarf! (3 entries, verifiable draw)`)).toContainText('Host');

    // The exported entry list and the revealed seed give the same winner to anyone.
    const download = host.waitForEvent('download');
    await box.getByRole('button', { name: 'Export entry list' }).click();
    const file = test.info().outputPath('giveaway-entries.json');
    await (await download).saveAs(file);
    const verify = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(repoRoot, 'src/main/cli/main.ts'), 'giveaway-verify', '--entries', file, '--seed', seed, '--commitment', commitment, '--json'],
      { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 },
    );
    expect(verify.status, verify.stderr).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ name: winnerName, entries: 3, commitmentMatches: true, announcedMatches: true });
  } catch (error) {
    console.log(studio.output().slice(-3000));
    throw error;
  } finally {
    for (const context of browser.contexts()) await context.close().catch(() => undefined);
    await stop();
  }
});
