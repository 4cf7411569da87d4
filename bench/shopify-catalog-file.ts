/**
 * Writes a realistic Shopify product CSV (classic headers) for the
 * benchmark: N products × M variants, with tags, vendors, options, SKUs,
 * images and HTML descriptions. Deterministic (seeded), streamed to disk.
 */
import fs from 'node:fs';

const HEADERS = [
  'Handle', 'Title', 'Body (HTML)', 'Vendor', 'Type', 'Tags', 'Published',
  'Option1 Name', 'Option1 Value', 'Option2 Name', 'Option2 Value',
  'Variant SKU', 'Variant Inventory Qty', 'Variant Price', 'Variant Compare At Price',
  'Image Src', 'Image Position', 'Image Alt Text', 'Status',
];

const ADJECTIVES = ['Classic', 'Vintage', 'Organic', 'Cozy', 'Slim', 'Oversized', 'Everyday', 'Premium', 'Linen', 'Merino',
  'Recycled', 'Waterproof', 'Lightweight', 'Heritage', 'Café', 'Crème', 'Urban', 'Coastal', 'Alpine', 'Studio'];
const NOUNS = ['T-Shirt', 'Hoodie', 'Sweater', 'Jacket', 'Beanie', 'Tote Bag', 'Mug', 'Candle', 'Scarf', 'Sneakers',
  'Backpack', 'Water Bottle', 'Necklace', 'Earrings', 'Notebook', 'Apron', 'Socks', 'Cap', 'Blanket', 'Phone Case'];
const VENDORS = ['Northwind', 'Acme Goods', 'Maison Rivière', 'Blue Harbor', 'Kettle & Co', 'Fjällstad', 'Sunday Supply',
  'Urban Loom', 'Pine Studio', 'Ola Ceramics'];
const TAGS = ['summer', 'winter', 'gift', 'bestseller', 'new', 'sale', 'cotton', 'handmade', 'eco', 'limited', 'kids', 'unisex'];
const COLORS = ['Black', 'White', 'Navy', 'Olive', 'Sand', 'Rust', 'Grey', 'Pink'];
const SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];

/** mulberry32: a small seeded PRNG, so every run writes the same file. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const csvCell = (value: string): string => (/[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
const csvRow = (cells: readonly string[]): string => `${cells.map(csvCell).join(',')}\n`;

export interface GeneratedCatalog {
  readonly products: number;
  readonly variantRows: number;
  readonly bytes: number;
  /** A few SKUs and title words, for search queries. */
  readonly skus: readonly string[];
  readonly words: readonly string[];
}

/**
 * `revision` > 0 writes the same products as the store would export them
 * later: every price and stock level changed, and one title in ten renamed
 * (handles and SKUs unchanged, so a re-import updates them).
 */
export async function writeShopifyCatalog(
  filePath: string,
  products: number,
  variantsPerProduct: number,
  revision = 0,
): Promise<GeneratedCatalog> {
  const rand = random(20_260_101);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const out = fs.createWriteStream(filePath);
  const write = async (text: string) => {
    if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  const skus: string[] = [];
  let bytes = 0;
  const emit = async (row: string) => {
    bytes += Buffer.byteLength(row);
    await write(row);
  };
  await emit(csvRow(HEADERS));
  for (let p = 0; p < products; p++) {
    const noun = pick(NOUNS);
    const baseTitle = `${pick(ADJECTIVES)} ${noun} ${p.toString(36).toUpperCase()}`;
    const handle = `${baseTitle.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-')}-${p}`;
    const title = revision > 0 && p % 10 === 0 ? `${baseTitle} Edition ${revision}` : baseTitle;
    const vendor = pick(VENDORS);
    const tags = [pick(TAGS), pick(TAGS), pick(TAGS)].filter((t, i, all) => all.indexOf(t) === i).join(', ');
    const code = noun.replace(/[^A-Za-z]/g, '').slice(0, 3).toUpperCase();
    const body = `<p>The ${title.toLowerCase()} by ${vendor}: made to last, easy to care for.</p><ul><li>Ships in 2 days</li></ul>`;
    const price = (5 + Math.floor(rand() * 195) + revision).toString();
    const status = rand() < 0.05 ? 'draft' : 'active';
    for (let v = 0; v < variantsPerProduct; v++) {
      const color = COLORS[(p + Math.floor(v / SIZES.length)) % COLORS.length]!;
      const size = SIZES[v % SIZES.length]!;
      const sku = `${code}-${color.slice(0, 3).toUpperCase()}-${size}-${p}`;
      if (p % 200 === 0 && v === 0) skus.push(sku);
      const first = v === 0;
      await emit(
        csvRow([
          handle,
          first ? title : '',
          first ? body : '',
          first ? vendor : '',
          first ? noun : '',
          first ? tags : '',
          first ? 'TRUE' : '',
          first ? 'Size' : '',
          size,
          first ? 'Color' : '',
          color,
          sku,
          String((Math.floor(rand() * 60) + 7 * revision) % 60),
          `${price}.${v % 2 === 0 ? '00' : '99'}`,
          rand() < 0.3 ? `${Number(price) + 10}.00` : '',
          v < 2 ? `https://cdn.example.com/products/${handle}-${v + 1}.jpg` : '',
          v < 2 ? String(v + 1) : '',
          v < 2 ? `${title}, view ${v + 1}` : '',
          first ? status : '',
        ]),
      );
    }
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  const words = [...ADJECTIVES, ...NOUNS, ...VENDORS, ...TAGS, ...COLORS];
  return { products, variantRows: products * variantsPerProduct, bytes, skus, words };
}
