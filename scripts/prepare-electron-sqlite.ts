/**
 * `npm start` runs the studio in Electron, whose Node has a different native
 * ABI from the Node that runs `npm run web`, the CLI and the tests. Instead
 * of rebuilding node_modules/better-sqlite3 back and forth, this puts an
 * Electron build of its native module in native/electron-<version>/, which
 * the Electron main process loads through better-sqlite3's `nativeBinding`
 * option. node_modules stays built for Node.
 *
 * Needs the internet the first time (Electron's prebuilt module, or
 * Electron's headers to compile it); afterwards it is a no-op.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const electronVersion = (require('electron/package.json') as { version: string }).version;
const target = path.join(root, 'native', `electron-${electronVersion}`, 'better_sqlite3.node');

if (fs.existsSync(target)) process.exit(0);

const sqliteDir = path.dirname(require.resolve('better-sqlite3/package.json'));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-electron-sqlite-'));
try {
  fs.cpSync(sqliteDir, work, { recursive: true, filter: (src) => !src.includes(`${path.sep}build${path.sep}`) });
  const bin = (name: string) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
  const common = { cwd: work, stdio: 'inherit' as const };
  try {
    execFileSync(bin('prebuild-install'), ['--runtime', 'electron', '--target', electronVersion, '--arch', process.arch], common);
  } catch {
    console.log(`No prebuilt better-sqlite3 for Electron ${electronVersion}; compiling it against Electron's headers…`);
    execFileSync(
      bin('node-gyp'),
      ['rebuild', '--release', `--target=${electronVersion}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers'],
      { ...common, env: { ...process.env, npm_config_nodedir: '' } },
    );
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), target);
  console.log(`Electron build of better-sqlite3 ready: ${path.relative(root, target)}`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
