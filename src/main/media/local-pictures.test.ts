import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { solidPng } from '../../../tests/harness/https-pictures.js';
import { importedProduct } from '../../../tests/harness/imported-products.js';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { CatalogStore } from '../catalog/catalog-store.js';
import { openDatabase } from '../db/open-database.js';
import { keepLocalPictures } from './local-pictures.js';
import { MediaFiles } from './media-files.js';
import { PictureStore } from './picture-store.js';

describe('keepLocalPictures', () => {
  it('keeps picture files named in a CSV from its folder only, and reports the rest per product', async () => {
    const root = tempDir();
    const folder = path.join(root, 'catalog');
    fs.mkdirSync(path.join(folder, 'photos'), { recursive: true });
    const mug = solidPng(4, 4, [200, 100, 50]);
    fs.writeFileSync(path.join(folder, 'mug.png'), mug);
    fs.writeFileSync(path.join(folder, 'photos', 'cup.png'), solidPng(3, 3, [10, 10, 10]));
    fs.writeFileSync(path.join(folder, 'page.png'), '<html></html>');
    fs.writeFileSync(path.join(root, 'secret.png'), solidPng(2, 2, [1, 1, 1]));
    fs.symlinkSync(path.join(root, 'secret.png'), path.join(folder, 'link.png'));
    const db = openDatabase(path.join(root, 'studio.sqlite'));
    const catalog = new CatalogStore(db);
    const names = ['mug.png', 'photos/cup.png', '../secret.png', 'link.png', 'gone.png', 'page.png', '/etc/passwd'];
    catalog.applyImport(
      names.map((name, i) => importedProduct({ title: `P${i} ${name}`, images: [{ url: name, alt: '' }] })),
      'csv',
      { dryRun: false },
    );
    const store = new PictureStore(db);
    const files = new MediaFiles(path.join(root, 'media'));
    expect(await keepLocalPictures(store, files, folder)).toBe(2);
    expect(fs.readFileSync(files.pathOf(store.mediaForUrl('mug.png')!))).toEqual(mug);
    expect(store.mediaForUrl('photos/cup.png')).toMatch(/\.png$/);
    expect(Object.fromEntries(store.failures().map((f) => [f.url, f.reason]))).toEqual({
      '../secret.png': 'the file ../secret.png is outside the folder of the imported file',
      'link.png': 'the file link.png is outside the folder of the imported file',
      'gone.png': 'the file gone.png is not in the folder of the imported file',
      'page.png': 'the file page.png is not a JPEG, PNG, WebP or GIF picture',
      '/etc/passwd': 'the picture is neither an https address nor a file name beside the imported file',
    });
    expect(fs.readdirSync(files.dir)).toHaveLength(2);
    db.close();
  });
});
