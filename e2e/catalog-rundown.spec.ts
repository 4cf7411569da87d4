import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, repoRoot, test } from './studio-fixture.js';

const shopifyTemplate = path.resolve(repoRoot, 'tests/fixtures/catalogs/shopify-product-template.csv');
const boutiqueCsv = path.resolve(repoRoot, 'e2e/fixtures/boutique-products.csv');

const importDialog = (page: Page) => page.getByRole('dialog', { name: 'Import products' });
const countTile = (scope: Locator, label: string, value: number) => scope.getByRole('listitem', { name: `${label}: ${value}` });
const rundownItems = (page: Page) => page.getByRole('list', { name: 'Rundown items' }).getByRole('listitem');
const itemMarked = (page: Page, chip: 'Now' | 'Next') =>
  rundownItems(page).filter({ has: page.getByText(chip, { exact: true }) });

test('import a Shopify export, find a product by part of its SKU, plan the show and run the cursor', async ({ page, studio }) => {
  await page.goto(studio.url);

  // A fresh studio: the catalog offers the import.
  const catalog = page.getByRole('region', { name: 'Catalog' });
  await expect(catalog.getByText('No products yet')).toBeVisible();
  await catalog.getByRole('button', { name: 'Import products' }).click();

  // Choose the file: it is uploaded and dry-run previewed before anything is saved.
  const dialog = importDialog(page);
  await dialog.getByLabel('Product file').setInputFiles(shopifyTemplate);
  await expect(dialog.getByTestId('preview-format')).toHaveText('Shopify (detected)');
  const counts = dialog.getByRole('list', { name: 'Import counts' });
  await expect(countTile(counts, 'Products', 3)).toBeVisible();
  await expect(countTile(counts, 'Variants', 16)).toBeVisible();
  await expect(countTile(counts, 'Images', 11)).toBeVisible();
  await expect(countTile(counts, 'New', 3)).toBeVisible();
  await expect(countTile(counts, 'Problems', 0)).toBeVisible();
  await expect(dialog.getByRole('row', { name: /Example Jeans/ })).toContainText('PNT_DEN_285');

  await dialog.getByRole('button', { name: 'Import 3 products' }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Imported 3 products: 3 new, 0 updated.' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();

  // Part of a SKU finds exactly that variant.
  await expect(catalog.getByRole('status').filter({ hasText: '16 results' })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search products' }).fill('COT_32');
  await expect(catalog.getByRole('status').filter({ hasText: '1 result' })).toBeVisible();
  const row = page.getByRole('grid', { name: 'Products' }).getByRole('row', { name: /SRT_COT_322/ });
  await expect(row).toContainText('Example T-Shirt');
  // The shirt has 12 variants: + Rundown asks; this show sells only the one found (it is ticked first).
  await row.getByRole('button', { name: '+ Rundown' }).click();
  const which = page.getByRole('dialog', { name: 'Add “Example T-Shirt” to the rundown' });
  await which.getByRole('radio', { name: /Only some/ }).check();
  await expect(which.getByRole('checkbox', { name: /Gray \/ M/ })).toBeChecked();
  await which.getByRole('button', { name: 'Add 1 item' }).click();

  // No show yet: "Today's show" is made and the product is its first item.
  await expect(page.getByRole('combobox', { name: 'Show', exact: true })).toHaveValue(/\d+/);
  await expect(page.getByRole('combobox', { name: 'Show', exact: true }).locator('option:checked')).toHaveText('Today’s show');
  await expect(rundownItems(page)).toHaveCount(1);
  await expect(rundownItems(page).first()).toContainText('SRT_COT_322');

  // A segment, added at the end, then moved to the top with the keyboard.
  await page.getByRole('button', { name: '+ Segment' }).click();
  await page.getByLabel('Segment type').selectOption({ label: 'Intro' });
  await page.getByLabel('Segment title').fill('Welcome and giveaway rules');
  await page.getByLabel('Planned minutes').fill('2');
  await page.getByRole('button', { name: 'Add segment' }).click();
  await expect(rundownItems(page)).toHaveCount(2);
  await expect(rundownItems(page).nth(1)).toContainText('Welcome and giveaway rules');
  await expect(rundownItems(page).nth(1)).toContainText('2:00');
  await rundownItems(page).nth(1).focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(rundownItems(page).first()).toContainText('Welcome and giveaway rules');
  await expect(rundownItems(page).first()).toBeFocused();

  // Before the start, "Next" is the first item; starting makes it "Now".
  await expect(itemMarked(page, 'Next')).toContainText('Welcome and giveaway rules');
  await page.getByRole('button', { name: 'Start show' }).click();
  await expect(itemMarked(page, 'Now')).toContainText('Welcome and giveaway rules');
  await expect(itemMarked(page, 'Next')).toContainText('SRT_COT_322');
  await expect(page.getByTestId('current-timer')).toContainText('/ 2:00');

  await page.getByRole('button', { name: 'Next ▶' }).click();
  await expect(itemMarked(page, 'Now')).toContainText('SRT_COT_322');
  await expect(itemMarked(page, 'Next')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Live cursor' })).toContainText('End of the rundown');

  // The cursor lives in the studio, not the page: a reload shows the same item on air.
  await page.reload();
  await expect(itemMarked(page, 'Now')).toContainText('SRT_COT_322');
  await expect(rundownItems(page).first()).toContainText('Welcome and giveaway rules');
  await expect(rundownItems(page).first()).not.toContainText('Now');
});

test('a generic CSV: fix the column mapping, see row problems by line, import the good rows', async ({ page, studio }) => {
  await page.goto(studio.url);
  await page.getByRole('region', { name: 'Catalog' }).getByRole('button', { name: 'Import…' }).click();
  const dialog = importDialog(page);
  await dialog.getByLabel('Format').selectOption({ label: 'Other CSV' });
  await dialog.getByLabel('Product file').setInputFiles(boutiqueCsv);

  const counts = dialog.getByRole('list', { name: 'Import counts' });
  await expect(countTile(counts, 'Products', 2)).toBeVisible();
  await expect(countTile(counts, 'Variants', 3)).toBeVisible();
  await expect(countTile(counts, 'Problems', 2)).toBeVisible();
  const problems = dialog.getByRole('region', { name: 'Row problems' });
  await expect(problems.getByRole('listitem').filter({ hasText: 'Line 4' })).toContainText('price "abc" is not a number');
  await expect(problems.getByRole('listitem').filter({ hasText: 'Line 5' })).toContainText('no title');

  // The guess found title, SKU, price and stock; "Maker" is the brand, which the host points out.
  await expect(dialog.getByLabel('SKU', { exact: true })).toHaveValue('Item Code');
  await expect(dialog.getByLabel('Vendor / brand')).toHaveValue('');
  await dialog.getByLabel('Vendor / brand').selectOption('Maker');
  await dialog.getByLabel('Description').selectOption('Notes');
  await expect(dialog.getByRole('row', { name: /Sunset Linen Dress/ })).toContainText('Sunny Studio');

  await dialog.getByRole('button', { name: 'Import 2 products' }).click();
  const result = dialog.getByRole('region', { name: 'Import result' });
  await expect(result.getByRole('status')).toHaveText('Imported 2 products: 2 new, 0 updated, 2 rows skipped.');
  await expect(result.getByRole('listitem').filter({ hasText: 'Line 4' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();

  // Keyboard: "/" to search, arrows into the grid, Enter opens the product.
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search products' })).toBeFocused();
  await page.keyboard.type('sunset');
  await expect(page.getByRole('grid', { name: 'Products' }).getByRole('row', { name: /SUN-DRS-BLU/ })).toContainText('Sold out');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('grid', { name: 'Products' })).toBeFocused();
  await page.keyboard.press('Enter');
  const drawer = page.getByRole('dialog', { name: 'Sunset Linen Dress' });
  await expect(drawer.getByRole('row', { name: /SUN-DRS-RED/ })).toContainText('49.90');
  await expect(drawer).toContainText('Sunny Studio');
  await expect(drawer).toContainText('Light, airy linen');
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
});
