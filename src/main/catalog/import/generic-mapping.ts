/**
 * Guessing which column of an arbitrary CSV feeds which catalog field, from
 * header names alone. Headers are compared in "compact" form (lower case,
 * letters and digits only), so "Product Name", "product_name" and
 * "PRODUCT-NAME" are the same. Each field has an ordered list of synonyms
 * (English first, then common German/French/Spanish/Italian export names);
 * fields are filled in priority order and a column feeds at most one field.
 * The host sees the guess in the import dialog and can change any field.
 */
import { CATALOG_FIELDS, type CatalogField, type ColumnMapping } from '../../../shared/domain/catalog.js';
import { CatalogFileError } from './catalog-file-error.js';
import { compactHeader, describeHeaders, normalizeHeader } from './columns.js';

const SYNONYMS: Readonly<Record<CatalogField, readonly string[]>> = {
  title: ['title', 'name', 'productname', 'producttitle', 'itemname', 'itemtitle', 'product', 'item', 'articlename',
    'artikelname', 'artikelbezeichnung', 'bezeichnung', 'produktname', 'produkt', 'titel', 'nom', 'nomduproduit',
    'nombre', 'nombredelproducto', 'titolo', 'nome'],
  sku: ['sku', 'variantsku', 'itemsku', 'itemnumber', 'itemno', 'articlenumber', 'articleno', 'artikelnummer', 'artnr',
    'productcode', 'itemcode', 'partnumber', 'partno', 'modelnumber', 'reference', 'referenz', 'ref', 'code', 'mpn',
    'model', 'id'],
  handle: ['handle', 'urlhandle', 'producthandle', 'slug', 'productslug', 'productid', 'parentsku', 'parentid',
    'itemgroupid', 'groupid', 'productgroupid', 'parent'],
  price: ['price', 'retailprice', 'unitprice', 'sellingprice', 'variantprice', 'saleprice', 'regularprice', 'amount',
    'preis', 'verkaufspreis', 'vkpreis', 'prix', 'precio', 'prezzo', 'preco'],
  compareAtPrice: ['compareatprice', 'compareprice', 'originalprice', 'listprice', 'msrp', 'rrp', 'uvp', 'wasprice',
    'oldprice', 'regularprice', 'fullprice', 'streichpreis'],
  stock: ['stock', 'qty', 'quantity', 'inventory', 'inventoryqty', 'inventoryquantity', 'stockqty', 'stockquantity',
    'stocklevel', 'onhand', 'available', 'availableqty', 'quantityavailable', 'unitsinstock', 'bestand', 'lagerbestand',
    'menge', 'stockdisponible', 'existencias', 'cantidad', 'quantita'],
  description: ['description', 'body', 'bodyhtml', 'longdescription', 'productdescription', 'fulldescription',
    'details', 'desc', 'beschreibung', 'descripcion', 'descrizione', 'shortdescription'],
  vendor: ['vendor', 'brand', 'brandname', 'manufacturer', 'make', 'marke', 'hersteller', 'marque', 'marca', 'supplier'],
  productType: ['producttype', 'type', 'category', 'productcategory', 'categories', 'kategorie', 'categorie',
    'categoria', 'department', 'collection'],
  tags: ['tags', 'tag', 'keywords', 'labels', 'schlagworte'],
  status: ['status', 'productstatus', 'published', 'visibility', 'active', 'enabled'],
  buyUrl: ['url', 'link', 'producturl', 'productlink', 'buyurl', 'buylink', 'permalink', 'pageurl', 'shopurl', 'weburl',
    'website', 'checkouturl', 'affiliateurl', 'affiliatelink'],
  currency: ['currency', 'currencycode', 'waehrung', 'wahrung', 'devise', 'moneda', 'valuta'],
  barcode: ['barcode', 'gtin', 'ean', 'upc', 'isbn', 'gtin13', 'ean13', 'gtin12', 'gtin14', 'jan', 'variantbarcode'],
  imageUrl: ['image', 'imageurl', 'images', 'imagesrc', 'imagelink', 'picture', 'pictureurl', 'photo', 'photourl', 'img',
    'mainimage', 'mainimageurl', 'featuredimage', 'thumbnail', 'bild', 'bildurl', 'imagen'],
  option1Name: ['option1name', 'variant1name', 'attribute1name'],
  option1Value: ['option1value', 'variant1value', 'attribute1value', 'attribute1values'],
  option2Name: ['option2name', 'variant2name', 'attribute2name'],
  option2Value: ['option2value', 'variant2value', 'attribute2value', 'attribute2values'],
  option3Name: ['option3name', 'variant3name', 'attribute3name'],
  option3Value: ['option3value', 'variant3value', 'attribute3value', 'attribute3values'],
};

/** Fields filled first win a contested column ("Regular price" goes to price before compare-at price). */
const GUESS_ORDER: readonly CatalogField[] = [
  'title', 'sku', 'handle', 'price', 'compareAtPrice', 'stock', 'description', 'vendor', 'productType', 'tags',
  'status', 'buyUrl', 'currency', 'barcode', 'imageUrl',
  'option1Name', 'option1Value', 'option2Name', 'option2Value', 'option3Name', 'option3Value',
];

/** Headers that name a price or quantity with a unit, e.g. "Price (USD)", "Stock qty 2024". */
const PREFIX_MATCHES: Partial<Record<CatalogField, readonly string[]>> = {
  price: ['price', 'preis', 'prix', 'precio'],
  stock: ['stock', 'qty', 'quantity', 'inventory'],
};

/** Columns whose header is the option name itself: "Color" holds "Red", "Blue". */
const OPTION_COLUMNS = ['color', 'colour', 'size', 'material', 'style', 'farbe', 'groesse', 'grosse', 'couleur', 'taille', 'talla', 'colore', 'taglia'];
const OPTION_VALUE_FIELDS = ['option1Value', 'option2Value', 'option3Value'] as const;

/** The guessed mapping: every field, with the header feeding it or null. */
export function guessMapping(headers: readonly string[]): Record<CatalogField, string | null> {
  const compact = headers.map(compactHeader);
  const used = new Set<number>();
  const mapping = Object.fromEntries(CATALOG_FIELDS.map((f) => [f, null])) as Record<CatalogField, string | null>;
  const take = (field: CatalogField, at: number): void => {
    used.add(at);
    mapping[field] = headers[at] ?? null;
  };
  for (const field of GUESS_ORDER) {
    let at = -1;
    for (const synonym of SYNONYMS[field]) {
      at = compact.findIndex((h, i) => h === synonym && !used.has(i));
      if (at >= 0) break;
    }
    if (at < 0) {
      const prefixes = PREFIX_MATCHES[field] ?? [];
      at = compact.findIndex((h, i) => !used.has(i) && prefixes.some((p) => h.startsWith(p)));
    }
    if (at >= 0) take(field, at);
  }
  // Without option columns, "Color" / "Size" columns become options named after their header.
  for (const valueField of OPTION_VALUE_FIELDS) {
    if (mapping[valueField] !== null) continue;
    const at = compact.findIndex((h, i) => !used.has(i) && OPTION_COLUMNS.includes(h));
    if (at < 0) break;
    take(valueField, at);
  }
  return mapping;
}

/**
 * The guess with the host's choices laid over it. A field the host sets to
 * null is not imported; a header the file does not have is refused, since
 * importing with a silently ignored column would be worse.
 */
export function resolveMapping(headers: readonly string[], override: ColumnMapping | undefined): Record<CatalogField, string | null> {
  const mapping = guessMapping(headers);
  if (override === undefined) return mapping;
  for (const field of CATALOG_FIELDS) {
    if (!(field in override)) continue;
    const wanted = override[field];
    if (wanted === undefined) continue;
    if (wanted === null || wanted === '') {
      mapping[field] = null;
      continue;
    }
    const exact = headers.find((h) => h === wanted) ?? headers.find((h) => normalizeHeader(h) === normalizeHeader(wanted));
    if (exact === undefined) {
      throw new CatalogFileError(`The column "${wanted}" chosen for ${field} is not in the file. Columns found: ${describeHeaders(headers)}.`);
    }
    // A column moved to this field no longer feeds the field the guess gave it to.
    for (const other of CATALOG_FIELDS) if (other !== field && mapping[other] === exact && !(other in override)) mapping[other] = null;
    mapping[field] = exact;
  }
  return mapping;
}
