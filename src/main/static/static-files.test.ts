import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { readStaticFile, resolveStaticPath } from './static-files.js';

describe('resolveStaticPath', () => {
  const root = '/srv/ui';
  it.each([
    ['/', '/srv/ui/index.html'],
    ['/assets/app.js', '/srv/ui/assets/app.js'],
    ['/a%20b.png', '/srv/ui/a b.png'],
  ])('maps %s inside the root', (url, expected) => {
    expect(resolveStaticPath(root, url)).toBe(expected);
  });

  it.each(['/../etc/passwd', '/assets/../../etc/passwd', '/..%2f..%2fetc%2fpasswd', '/%2e%2e/secret', '/a%00.js', '/..\\..\\win.ini', '/%E0%A4%A'])(
    'refuses %s',
    (url) => {
      expect(resolveStaticPath(root, url)).toBeNull();
    },
  );
});

describe('readStaticFile', () => {
  it('serves files with their type, falls back to index.html for app routes, and 404s missing assets', async () => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
    fs.mkdirSync(path.join(root, 'assets'));
    fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(path.dirname(root), 'outside.txt'), 'secret');
    expect((await readStaticFile(root, '/assets/app.js'))?.contentType).toMatch(/javascript/);
    expect((await readStaticFile(root, '/settings'))?.body.toString()).toBe('<!doctype html>');
    expect(await readStaticFile(root, '/assets/missing.js')).toBeNull();
    expect(await readStaticFile(root, `/../${path.basename(path.dirname(root))}/outside.txt`)).toBeNull();
    fs.rmSync(path.join(path.dirname(root), 'outside.txt'));
  });
});
