import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { StudioError } from '../../shared/api/result.js';
import { CatalogStore } from '../catalog/catalog-store.js';
import { openDatabase } from '../db/open-database.js';
import { UsageError, type CliCommand } from './commands.js';
import { writeOut } from './cli-output.js';

/**
 * `studio catalog --db DBFILE --json`: the whole catalog (products with
 * their variants and images) as one JSON array, written product by product.
 */
export const catalogCommand: CliCommand = {
  summary: 'Print the catalog of a studio database (products with variants and images).',
  usage: 'studio catalog --db DBFILE [--json]',
  async run(args) {
    let values;
    try {
      ({ values } = parseArgs({ args, options: { db: { type: 'string' }, json: { type: 'boolean', default: false } } }));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (!values.db) throw new UsageError('Name the studio database with --db DBFILE.');
    const dbPath = path.resolve(values.db);
    // Reading must not create an empty database where the host mistyped a path.
    if (!fs.existsSync(dbPath)) throw new StudioError('not-found', `There is no studio database at ${dbPath}.`);
    const db = openDatabase(dbPath);
    try {
      const store = new CatalogStore(db);
      if (values.json) {
        let first = true;
        await writeOut('[');
        for (const product of store.iterateProducts()) {
          await writeOut(`${first ? '\n' : ',\n'}${JSON.stringify(product)}`);
          first = false;
        }
        await writeOut(first ? ']\n' : '\n]\n');
        return 0;
      }
      const { products, variants } = store.stats();
      await writeOut(`${products} products, ${variants} variants\n`);
      for (const p of store.iterateProducts()) {
        const skus = p.variants.map((v) => v.sku).filter((s) => s !== null);
        await writeOut(`  ${p.title} — ${p.variants.length} variant(s)${skus.length ? `, SKU ${skus.slice(0, 3).join(', ')}` : ''}\n`);
      }
      return 0;
    } finally {
      db.close();
    }
  },
};
