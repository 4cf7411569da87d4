/**
 * The lint rule that keeps feature folders importing one way
 * (eslint/local-plugin.js), run by ESLint itself on a small tree made here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import lss from '../eslint/local-plugin.js';
import { tempDir } from './support/temp-dir.js';

function tree(files: Record<string, string>): string {
  const root = tempDir();
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

async function lint(root: string): Promise<{ file: string; message: string }[]> {
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, plugins: { lss }, rules: { 'lss/no-folder-cycles': ['error', { roots: ['src/main'] }] } },
    ],
  });
  const results = await eslint.lintFiles(['src/**/*.ts']);
  return results.flatMap((r) => r.messages.map((m) => ({ file: path.relative(root, r.filePath), message: m.message })));
}

describe('lss/no-folder-cycles', () => {
  it('reports both imports of a circle through a third folder, naming the way back', async () => {
    const root = tree({
      'src/main/live/pin-button.ts': "import { rundownItem } from '../rundown/item.js';\nexport const pin = rundownItem;\n",
      'src/main/rundown/item.ts': "import { row } from '../catalog/row.js';\nexport const rundownItem = row;\n",
      'src/main/catalog/row.ts': "import type { Pin } from '../live/pin-type.js';\nexport const row = 1 as unknown as Pin;\n",
      'src/main/live/pin-type.ts': 'export type Pin = number;\n',
    });
    const found = await lint(root);
    expect(found.map((f) => f.file).sort()).toEqual(['src/main/catalog/row.ts', 'src/main/live/pin-button.ts', 'src/main/rundown/item.ts']);
    expect(found.find((f) => f.file === 'src/main/live/pin-button.ts')?.message).toContain('live → rundown → catalog → live');
  });

  it('accepts imports that point one way, tests that reach across, and files at the root', async () => {
    const root = tree({
      'src/main/index.ts': "import { x } from './core/start.js';\nexport default x;\n",
      'src/main/core/start.ts': "import { y } from '../feature/y.js';\nexport const x = y;\n",
      'src/main/feature/y.ts': "import { z } from '../events/z.js';\nexport const y = z;\n",
      'src/main/events/z.ts': 'export const z = 1;\n',
      'src/main/events/z.test.ts': "import { x } from '../core/start.js';\nexport const t = x;\n",
    });
    expect(await lint(root)).toEqual([]);
  });
});
