import type { Locator, Page } from '@playwright/test';
import { importShopifyTemplate } from './go-live-pages.js';
import { expect, test } from './studio-fixture.js';

/**
 * The catalog on a laptop: from a 1280-pixel-wide window up, every column
 * and each row's actions (Pin, + Rundown, details) are on screen inside the
 * panel, with nothing cut off behind a horizontal scroll; "+ Rundown" on a
 * product with variants adds the product with them (one item, viewers claim
 * the variant in chat), or only the variants the host picks.
 */

type Box = { x: number; y: number; width: number; height: number };

/** The box lies inside the frame horizontally (half a pixel of rounding allowed). */
function expectInsideHorizontally(box: Box | null, frame: Box, what: string): void {
  expect(box, what).not.toBeNull();
  expect(box!.x, `${what}: left edge`).toBeGreaterThanOrEqual(frame.x - 0.5);
  expect(box!.x + box!.width, `${what}: right edge`).toBeLessThanOrEqual(frame.x + frame.width + 0.5);
}

/** Rows of products (not the header) whose middle is in the grid's visible area. */
async function rowsOnScreen(grid: Locator, gridBox: Box): Promise<Locator[]> {
  const rows = await grid.locator('[role="row"][aria-rowindex]:not([aria-rowindex="1"])').all();
  const shown: Locator[] = [];
  for (const row of rows) {
    const box = await row.boundingBox();
    if (box && box.y + box.height / 2 > gridBox.y + 30 && box.y + box.height / 2 < gridBox.y + gridBox.height) shown.push(row);
  }
  return shown;
}

const rundownItems = (page: Page) => page.getByRole('list', { name: 'Rundown items' }).getByRole('listitem');

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
]) {
  test(`at ${viewport.width}×${viewport.height} every column and each row's Pin, + Rundown and details are on screen and work`, async ({ browser, studio }) => {
    const page = await (await browser.newContext({ viewport })).newPage();
    await page.goto(studio.url);
    await importShopifyTemplate(page);
    const panel = page.getByRole('region', { name: 'Catalog' });
    const grid = page.getByRole('grid', { name: 'Products' });
    await expect(grid.getByRole('row', { name: /PNT_DEN_305/ })).toBeVisible();

    const panelBox = (await panel.boundingBox())!;
    const gridBox = (await grid.boundingBox())!;
    expectInsideHorizontally(gridBox, panelBox, 'the grid');
    // Nothing is cut off behind a horizontal scroll inside the grid.
    expect(await grid.evaluate((g) => g.scrollWidth - g.clientWidth)).toBeLessThanOrEqual(0);

    for (const name of ['Product', 'Variant · SKU', 'Price', 'Stock']) {
      const header = grid.getByRole('columnheader', { name, exact: true });
      await expect(header).toBeVisible();
      expectInsideHorizontally(await header.boundingBox(), gridBox, `the ${name} header`);
      // The header's words fit their column.
      expect(await header.evaluate((h) => h.scrollWidth - h.clientWidth), `the ${name} header is not clipped`).toBeLessThanOrEqual(0);
    }

    const rows = await rowsOnScreen(grid, gridBox);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) {
      const label = (await row.getAttribute('id'))!;
      for (const button of [row.getByRole('button', { name: /^(Pin|Unpin) / }), row.getByRole('button', { name: '+ Rundown' }), row.getByRole('button', { name: /^Details of / })]) {
        await expect(button).toBeVisible();
        expectInsideHorizontally(await button.boundingBox(), gridBox, `${label}: ${await button.textContent()}`);
      }
      // The product's title keeps a readable width.
      expect((await row.getByRole('gridcell').nth(1).boundingBox())!.width, `${label}: the product column`).toBeGreaterThanOrEqual(90);
    }

    // Each action works where it is: details, pin, + Rundown (on a row of the jeans, in three sizes).
    const jeans = grid.getByRole('row', { name: /PNT_DEN_305/ });
    await jeans.getByRole('button', { name: /^Details of / }).click();
    const drawer = page.getByRole('dialog', { name: 'Example Jeans' });
    await expect(drawer).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();
    await jeans.getByRole('button', { name: /^Pin / }).click();
    await expect(page.getByTestId('pinned-title')).toHaveText('Example Jeans');
    await jeans.getByRole('button', { name: '+ Rundown' }).click();
    const popover = page.getByRole('dialog', { name: 'Add “Example Jeans” to the rundown' });
    await expect(popover).toBeVisible();
    // The popover opens on screen, by the button.
    const popoverBox = (await popover.boundingBox())!;
    expectInsideHorizontally(popoverBox, { x: 0, y: 0, width: viewport.width, height: viewport.height }, 'the popover');
    expect(popoverBox.y).toBeGreaterThanOrEqual(0);
    expect(popoverBox.y + popoverBox.height).toBeLessThanOrEqual(viewport.height);
    await page.keyboard.press('Escape');
    await expect(popover).toBeHidden();
    await expect(rundownItems(page)).toHaveCount(0);
  });
}

test('+ Rundown on a product with variants adds it with all of them as one item, or only the variants picked; one variant needs no question', async ({ browser, studio }) => {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(studio.url);
  await importShopifyTemplate(page);
  const search = page.getByRole('searchbox', { name: 'Search products' });
  const grid = page.getByRole('grid', { name: 'Products' });
  const catalog = page.getByRole('region', { name: 'Catalog' });

  // The T-shirt in 12 colours and sizes: the whole product is the choice Enter makes.
  await search.fill('SRT_COT_322');
  const row = grid.getByRole('row', { name: /SRT_COT_322/ });
  await row.getByRole('button', { name: '+ Rundown' }).click();
  const popover = page.getByRole('dialog', { name: 'Add “Example T-Shirt” to the rundown' });
  await expect(popover.getByRole('radio', { name: /All 12 variants, one item/ })).toBeChecked();
  await expect(popover.getByRole('button', { name: 'Add to rundown' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(popover).toBeHidden();
  await expect(catalog.getByRole('status').filter({ hasText: 'Added Example T-Shirt (all 12 variants) to Today’s show.' })).toBeVisible();
  await expect(rundownItems(page)).toHaveCount(1);
  const whole = rundownItems(page).first();
  await expect(whole).toContainText('Example T-Shirt');
  await expect(whole.getByTestId('item-variants')).toHaveText('All 12 variants');
  // Pinned from the rundown, it is the whole product: "sold blue L" in chat picks the variant.
  await whole.getByRole('button', { name: /^Pin / }).click();
  await expect(page.getByTestId('pinned-title')).toHaveText('Example T-Shirt');
  const pin = await page.evaluate(() => window.studio!.getPinState());
  expect(pin.ok && pin.value.current).toMatchObject({ variantId: null, rundownItemId: expect.any(Number) });

  // Only some: the row's own variant is ticked first; one more, in any order, and each becomes its own item.
  await row.getByRole('button', { name: '+ Rundown' }).click();
  await popover.getByRole('radio', { name: /Only some, one item each/ }).check();
  const variants = popover.getByRole('list', { name: 'Variants' });
  await expect(variants.getByRole('checkbox', { name: /Gray \/ M/ })).toBeChecked();
  await expect(variants.getByRole('checkbox', { name: /Blue \/ S/ })).not.toBeChecked();
  await variants.getByRole('checkbox', { name: /Blue \/ S/ }).check();
  await popover.getByRole('button', { name: 'Add 2 items' }).click();
  await expect(popover).toBeHidden();
  await expect(rundownItems(page)).toHaveCount(3);
  await expect(rundownItems(page).nth(1)).toContainText('SRT_COT_211');
  await expect(rundownItems(page).nth(2)).toContainText('SRT_COT_322');
  await expect(rundownItems(page).nth(2).getByTestId('item-variants')).toHaveCount(0);

  // The keyboard: A on the selected row asks the same; Esc leaves the rundown as it was.
  await search.fill('PNT_DEN');
  await expect(grid.getByRole('row', { name: /PNT_DEN_305/ })).toBeVisible();
  await search.press('ArrowDown');
  await page.keyboard.press('a');
  const jeans = page.getByRole('dialog', { name: 'Add “Example Jeans” to the rundown' });
  await expect(jeans.getByRole('radio', { name: /All 3 variants, one item/ })).toBeChecked();
  await page.keyboard.press('Escape');
  await expect(jeans).toBeHidden();
  await expect(grid).toBeFocused();
  await expect(rundownItems(page)).toHaveCount(3);

  // A product with one variant goes straight in.
  await search.fill('Example Beanie');
  await grid.getByRole('row', { name: /Example Beanie/ }).getByRole('button', { name: '+ Rundown' }).click();
  await expect(rundownItems(page)).toHaveCount(4);
  await expect(rundownItems(page).nth(3)).toContainText('Example Beanie');
  await expect(page.getByRole('dialog', { name: /to the rundown/ })).toHaveCount(0);
});
