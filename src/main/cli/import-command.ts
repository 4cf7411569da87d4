import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { StudioError } from '../../shared/api/result.js';
import { CATALOG_FORMATS, type CatalogFormat, type ImportReport } from '../../shared/domain/catalog.js';
import { importCatalogFile } from '../catalog/catalog-import.js';
import { parseCatalog } from '../catalog/catalog-parser.js';
import { CatalogStore } from '../catalog/catalog-store.js';
import { openDatabase } from '../db/open-database.js';
import { UsageError, type CliCommand } from './commands.js';
import { writeOut } from './cli-output.js';

const FORMAT_CHOICES = ['auto', ...CATALOG_FORMATS] as const;
const FORMAT_NAMES: Record<CatalogFormat, string> = {
  shopify: 'Shopify',
  woocommerce: 'WooCommerce',
  google: 'Google Merchant Center',
  csv: 'CSV',
};
/** Problems listed in the human summary; --json always has all of them. */
const LISTED_ERRORS = 20;

const isFormat = (value: string): value is (typeof FORMAT_CHOICES)[number] => (FORMAT_CHOICES as readonly string[]).includes(value);

/**
 * `studio import FILE --db DBFILE`: the same import the studio runs (parse
 * the whole file, then save it in one transaction). Exit 0 when the import
 * ran, even with row problems; 1 when nothing could be imported.
 */
export const importCommand: CliCommand = {
  summary: 'Import a product file (Shopify, WooCommerce, Google Merchant Center or CSV) into a studio database.',
  usage: 'studio import FILE --db DBFILE [--format auto|shopify|woocommerce|google|csv] [--dry-run] [--json]',
  async run(args) {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: true,
        options: {
          db: { type: 'string' },
          format: { type: 'string', default: 'auto' },
          'dry-run': { type: 'boolean', default: false },
          json: { type: 'boolean', default: false },
        },
      });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const { values, positionals } = parsed;
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new UsageError('Name exactly one file to import.');
    if (!values.db) throw new UsageError('Name the studio database with --db DBFILE.');
    if (!isFormat(values.format)) {
      throw new UsageError(`Unknown format "${values.format}": use one of ${FORMAT_CHOICES.join(', ')}.`);
    }
    const filePath = path.resolve(file);
    const stat = await fs.promises.stat(filePath).catch(() => null);
    if (!stat?.isFile()) throw new StudioError('not-found', `Cannot read ${filePath}: there is no such file.`);

    const db = openDatabase(path.resolve(values.db));
    try {
      const store = new CatalogStore(db);
      const dryRun = values['dry-run'];
      const { report } = await importCatalogFile({ store, parse: parseCatalog }, filePath, { format: values.format, dryRun }).catch(
        (error: unknown) => {
          // A file the system refuses to read (permissions, a folder) is the host's to fix, not a crash.
          const code = (error as NodeJS.ErrnoException).code;
          if (typeof code === 'string' && code.startsWith('E')) {
            throw new StudioError('unavailable', `Cannot read ${filePath}: ${(error as Error).message}`);
          }
          throw error;
        },
      );
      await writeOut(values.json ? `${JSON.stringify(report)}\n` : humanSummary(report, dryRun));
      return 0;
    } finally {
      db.close();
    }
  },
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function humanSummary(report: ImportReport, dryRun: boolean): string {
  const what = `${plural(report.products, 'product')} (${plural(report.variants, 'variant')}, ${plural(report.images, 'image')})`;
  const lines = [
    `${dryRun ? 'Dry run, nothing saved: would import' : 'Imported'} ${what} from a ${FORMAT_NAMES[report.format]} file: ` +
      `${report.created} new, ${report.updated} updated.`,
  ];
  if (report.errors.length > 0) {
    lines.push(`${plural(report.errors.length, 'row')} could not be imported:`);
    for (const e of report.errors.slice(0, LISTED_ERRORS)) lines.push(`  Line ${e.line}: ${e.message}`);
    if (report.errors.length > LISTED_ERRORS) lines.push(`  … and ${report.errors.length - LISTED_ERRORS} more (use --json to see all).`);
  }
  return `${lines.join('\n')}\n`;
}
