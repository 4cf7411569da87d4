/**
 * Helpers for the catalog parser tests: temporary files and generated
 * catalogs. The real store exports are in tests/fixtures/catalogs
 * (tests/harness/catalog-fixtures.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class TempFiles {
  readonly dir = mkdtempSync(join(tmpdir(), 'catalog-import-'));

  write(name: string, content: string | Buffer): string {
    const file = join(this.dir, name);
    writeFileSync(file, content);
    return file;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export const SHOPIFY_CLASSIC_HEADER =
  'Handle,Title,Body (HTML),Vendor,Product Category,Type,Tags,Published,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Option3 Name,Option3 Value,Variant SKU,Variant Grams,Variant Inventory Tracker,Variant Inventory Qty,Variant Inventory Policy,Variant Fulfillment Service,Variant Price,Variant Compare At Price,Variant Requires Shipping,Variant Taxable,Variant Barcode,Image Src,Image Position,Image Alt Text,Gift Card,Variant Image,Status';

/**
 * A Shopify CSV with `variantRows` variant rows, ten variants per product
 * (Color × Size), an HTML description with a quoted comma and newline on
 * each product row, written in pieces so the test itself never holds it
 * whole either.
 */
export function writeShopifyCatalog(files: TempFiles, name: string, variantRows: number): string {
  const lines: string[] = [SHOPIFY_CLASSIC_HEADER];
  const colors = ['Red', 'Blue'];
  const sizes = ['XS', 'S', 'M', 'L', 'XL'];
  for (let i = 0; i < variantRows; i++) {
    const p = Math.floor(i / 10);
    const v = i % 10;
    const handle = `product-${p}`;
    const color = colors[v % 2] ?? '';
    const size = sizes[Math.floor(v / 2)] ?? '';
    const sku = `SKU-${p}-${v}`;
    const image = `https://cdn.example.com/${handle}/${v}.jpg`;
    lines.push(
      v === 0
        ? `${handle},Product ${p},"<p>Soft, warm.</p>\n<p>Line two</p>",Acme,Apparel > Shirts,Shirts,"tag-a, tag-b",TRUE,Color,${color},Size,${size},,,${sku},200,shopify,${i % 50},deny,manual,${19 + (p % 80)}.99,,TRUE,TRUE,,${image},1,Alt ${p},FALSE,${image},active`
        : `${handle},,,,,,,,,${color},,${size},,,${sku},200,shopify,${i % 50},deny,manual,${19 + (p % 80)}.99,,TRUE,TRUE,,${image},${v + 1},,,${image},`,
    );
  }
  const file = files.write(name, '');
  const chunk = 5_000;
  for (let i = 0; i < lines.length; i += chunk) writeFileSync(file, `${lines.slice(i, i + chunk).join('\n')}\n`, { flag: 'a' });
  return file;
}
