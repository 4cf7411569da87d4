import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const sharedDir = path.resolve(import.meta.dirname, '../src/shared');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const importPattern = /(?:^|\n)\s*(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

describe('src/shared stays pure TypeScript', () => {
  const files = sourceFiles(sharedDir);

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(3);
  });

  it.each(files.map((f) => [path.relative(sharedDir, f), f]))('%s imports no electron, Node or process code', (_name, file) => {
    // Comments may mention window.studio or process names; code may not use them.
    const text = fs
      .readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/(^|[^:])\/\/.*$/gm, '$1');
    const specifiers = [...text.matchAll(importPattern)].map((m) => m[1] ?? m[2]!);
    for (const spec of specifiers) {
      expect(spec, `${file} imports ${spec}`).not.toMatch(/^(electron|node:|fs$|path$|os$|crypto$|http$|react)/);
      if (spec.startsWith('.')) {
        const target = path.resolve(path.dirname(file), spec);
        expect(target.startsWith(sharedDir + path.sep), `${file} reaches outside src/shared: ${spec}`).toBe(true);
      }
    }
    expect(text, `${file} uses DOM globals`).not.toMatch(/\b(window|document|localStorage)\./);
    expect(text, `${file} uses Node globals`).not.toMatch(/\b(process\.|Buffer\.|__dirname|require\()/);
  });
});
