/**
 * Every file a test, a benchmark or a script reads lives in the repository:
 * a clone has nothing beside it (the catalog fixtures once lived in
 * ../shared). tests/support/outside-paths.ts says what is checked.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diskSource, findOutsidePaths, repositoryFiles, type PathScanSource } from './support/outside-paths.js';

const root = path.resolve(import.meta.dirname, '..');

describe('the repository is self-contained', () => {
  const files = repositoryFiles(root);

  it('scans the source, test, bench, script and config files', () => {
    expect(files.length).toBeGreaterThan(200);
    for (const sample of ['src/main/index.ts', 'bench/run.ts', 'e2e/studio-fixture.ts', 'playwright.config.ts', 'tsconfig.node.json']) {
      expect(files).toContain(sample);
    }
  });

  it('has no path that leads outside the repository', () => {
    const found = findOutsidePaths(diskSource(root), files).map((f) => `${f.file}:${f.line}: ${f.text} -> ${f.resolved}`);
    expect(found, `Paths outside the repository (copy what they need into it, e.g. tests/fixtures/):\n${found.join('\n')}`).toEqual([]);
  });
});

/** A made-up checkout at /repos/studio, with /repos/shared beside it. */
function scanOf(files: Record<string, string>) {
  const source: PathScanSource = {
    root: '/repos/studio',
    read: (file) => files[file] ?? null,
    exists: (absolute) => absolute.startsWith('/repos/shared'),
  };
  return findOutsidePaths(source, Object.keys(files)).map((f) => `${f.file}:${f.line} -> ${f.resolved}`);
}

describe('the outside-path scanner', () => {
  it('follows a root constant imported from another file', () => {
    const found = scanOf({
      'e2e/fixture.ts': "import path from 'node:path';\nexport const repoRoot = path.resolve(import.meta.dirname, '..');\n",
      'e2e/catalog.spec.ts': [
        "import path from 'node:path';",
        "import { repoRoot } from './fixture.js';",
        "const inside = path.resolve(repoRoot, 'tests/fixtures/catalogs/a.csv');",
        "const outside = path.resolve(repoRoot, '../shared/fixtures/catalogs/a.csv');",
      ].join('\n'),
    });
    expect(found).toEqual(['e2e/catalog.spec.ts:4 -> /repos/shared/fixtures/catalogs/a.csv']);
  });

  it('evaluates join/resolve from the file folder, local constants, templates and URLs', () => {
    const found = scanOf({
      'src/main/catalog/import/files.ts': "import { resolve } from 'node:path';\nexport const F = resolve(import.meta.dirname, '../../../..', '../shared/fixtures');\n",
      'src/main/core/core.test.ts': "import path from 'node:path';\nconst S = path.resolve(import.meta.dirname, '../../../../shared/fixtures/a.csv');\n",
      'bench/live.ts': "import path from 'node:path';\nconst here = import.meta.dirname;\n\nconst t = path.resolve(here, '../../shared/a.csv');\n",
      'src/main/cli/cli.test.ts': "import path from 'node:path';\nconst ROOT = path.resolve(import.meta.dirname, '../../..');\nconst f = `${ROOT}/../shared/a.csv`;\n",
      'bench/url.ts': "const u = new URL('../../x/y.csv', import.meta.url);\n",
    });
    expect(found).toEqual([
      'src/main/catalog/import/files.ts:2 -> /repos/shared/fixtures',
      'src/main/core/core.test.ts:2 -> /repos/shared/fixtures/a.csv',
      'bench/live.ts:4 -> /repos/shared/a.csv',
      'src/main/cli/cli.test.ts:3 -> /repos/shared/a.csv',
      'bench/url.ts:1 -> /repos/x/y.csv',
    ]);
  });

  it('checks import specifiers, literals read from the root, absolute paths beside the repository and shell scripts', () => {
    const found = scanOf({
      'src/main/a.ts': "import { x } from '../../../outside.js';\n",
      'tests/read.test.ts': "import fs from 'node:fs';\nfs.readFileSync('../shared/fixtures/a.csv');\n",
      'scripts/abs.ts': "const a = '/repos/shared/fixtures/a.csv';\n",
      '.ci/run': '#!/bin/sh\ncd "$(dirname "$0")/../.."\n',
      'scripts/s.sh': 'here=$(cd "$(dirname "$0")" && pwd)\nexec bash "$here/../../x.sh"\n',
      'tsconfig.x.json': '{ "extends": "../shared/tsconfig.json" }\n',
    });
    expect(found).toEqual([
      'src/main/a.ts:1 -> /repos/outside.js',
      'tests/read.test.ts:2 -> /repos/shared/fixtures/a.csv',
      'scripts/abs.ts:1 -> /repos/shared/fixtures/a.csv',
      '.ci/run:2 -> /repos',
      'scripts/s.sh:2 -> /repos/x.sh',
      'tsconfig.x.json:1 -> /repos/shared/tsconfig.json',
    ]);
  });

  it('does not flag paths that stay inside or whose base it cannot know', () => {
    const found = scanOf({
      'src/shared/api/contract/index.ts': 'export const x = 1;\n',
      'src/main/pin/pin-service.ts': "import { x } from '../../shared/api/contract/index.js';\nexport const y = x;\n",
      'src/main/index.ts': "import path from 'node:path';\nconst d = import.meta.dirname;\nconst n = path.join(d, '..', 'native');\n",
      'src/main/static/files.test.ts': "import path from 'node:path';\nconst p = path.join(tmp, '..', '..', '..', 'x');\nconst q = path.resolve('/usr/bin', '..');\n",
      'src/main/live/room.test.ts': "call({ room: '../etc' });\ncall({ show: '../etc/passwd' });\n",
      'tests/payload.test.ts':
        "import fs from 'node:fs';\n// repo-paths: not a path, an attack payload\nsend('../shared/fixtures/a.csv');\nsend('../shared/a.csv'); // repo-paths: not a path, likewise\n",
      'scripts/ok.sh': 'here=$(cd "$(dirname "$0")" && pwd)\nexec bash "$here/build.sh"\n',
      '.ci/run': '#!/bin/sh\ncd "$(dirname "$0")/.."\n',
    });
    expect(found).toEqual([]);
  });
});
