#!/usr/bin/env node
// `npm run setup`: makes a fresh machine ready for `npm run web`, `npm start`
// and `npm test`. Plain Node (no dependencies), so it runs before `npm install`
// on any Node that npm itself runs on. Safe to run again: every step first
// checks whether its work is already done.
//
//   1. Node.js 22.12+ (on Linux, installs Node 22 LTS from the npm registry
//      into /usr/local when the running Node is older)
//   2. system packages (Debian/Ubuntu: apt-get, with sudo when not root)
//   3. the mediasoup worker (cached; else the prebuilt download when GitHub is
//      reachable; else built from source against Debian's libraries)
//   4. npm ci (skipped when node_modules already matches package-lock.json)
//   5. Chromium for the Playwright tests
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MIN_NODE = [22, 12];
// The Node 22 LTS release installed where the running Node is too old. The npm
// registry carries the official binaries as node-linux-<arch> packages.
const NODE_LTS = '22.23.5';
const MEDIASOUP_VERSION = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).dependencies.mediasoup;
const cacheRoot =
  process.env.LSS_CACHE_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'live-seller-studio');
const platform = process.platform;
const isLinux = platform === 'linux';
const isDebian = isLinux && fs.existsSync('/etc/debian_version') && hasCommand('apt-get');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

if (process.argv.includes('--help')) {
  console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 13).join('\n').replace(/^\/\/ ?/gm, ''));
  process.exit(0);
}

const timings = [];
const notes = [];
// What later steps run with: the Node chosen in step 1 first on PATH.
const env = { ...process.env };
let nodeBin = process.execPath;

function say(text) {
  console.log(`[setup] ${text}`);
}

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** Runs a command with its output shown; throws with `what` when it fails. */
function run(command, args, what, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', env, cwd: root, shell: platform === 'win32', ...options });
  if (result.error) throw new Error(`${what}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${what} (exit code ${result.status})`);
  return result;
}

/** A command that needs root: as is when root, through sudo otherwise. */
function runAsRoot(command, args, what) {
  if (isRoot) return run(command, args, what);
  if (!hasCommand('sudo')) throw new Error(`${what}: needs root, and sudo is not installed. Run \`npm run setup\` as root.`);
  say(`sudo ${command} ${args.join(' ')}`);
  return run('sudo', [command, ...args], what);
}

async function step(name, body) {
  const started = Date.now();
  console.log(`\n== ${name}`);
  try {
    await body();
  } finally {
    timings.push([name, (Date.now() - started) / 1000]);
  }
}

function nodeVersionOf(bin) {
  const out = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  const match = /^v(\d+)\.(\d+)\.(\d+)/.exec(out.stdout ?? '');
  return match ? match.slice(1, 4).map(Number) : null;
}

const newEnough = (v) => v !== null && (v[0] > MIN_NODE[0] || (v[0] === MIN_NODE[0] && v[1] >= MIN_NODE[1]));

/** True when an HTTPS request to the host answers at all within a few seconds. */
async function reachable(url) {
  try {
    await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(5000), redirect: 'manual' });
    return true;
  } catch {
    return false;
  }
}

/** A mediasoup worker started by hand (not by mediasoup) exits 41: that is how we know it runs here. */
function workerRuns(bin) {
  if (!fs.existsSync(bin)) return false;
  const childEnv = { ...process.env };
  delete childEnv.MEDIASOUP_VERSION;
  return spawnSync(bin, [], { stdio: 'ignore', env: childEnv, timeout: 10_000 }).status === 41;
}

// ---------------------------------------------------------------- 1. Node.js
async function ensureNode() {
  const current = nodeVersionOf(process.execPath);
  if (newEnough(current)) {
    say(`Node ${process.version} (${process.execPath}): fine (needs ${MIN_NODE.join('.')} or newer).`);
    return;
  }
  say(`Node ${process.version} is too old: the tools this project uses (vitest, Electron's tooling, mediasoup-client) need Node ${MIN_NODE.join('.')} or newer.`);
  const arch = { x64: 'x64', arm64: 'arm64' }[process.arch];
  if (!isLinux || !arch) {
    throw new Error(
      `Install Node.js 22 LTS or newer (https://nodejs.org, or \`brew install node@22\` / \`winget install OpenJS.NodeJS.LTS\`), then run \`npm run setup\` again.`,
    );
  }
  const home = `/usr/local/lib/nodejs/node-v${NODE_LTS}-linux-${arch}`;
  if (!newEnough(nodeVersionOf(path.join(home, 'bin', 'node')))) {
    const download = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-node-'));
    try {
      say(`Getting Node ${NODE_LTS} (node-linux-${arch} from the npm registry; npm checks its integrity)…`);
      run('npm', ['pack', '--silent', `node-linux-${arch}@${NODE_LTS}`, '--pack-destination', download], 'Downloading Node', {
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      const tarball = path.join(download, `node-linux-${arch}-${NODE_LTS}.tgz`);
      say(`Installing it into ${home}, with /usr/local/bin/node pointing at it.`);
      runAsRoot('mkdir', ['-p', home], 'Installing Node');
      runAsRoot('tar', ['xzf', tarball, '-C', home, '--strip-components=1', '--no-same-owner'], 'Installing Node');
    } finally {
      fs.rmSync(download, { recursive: true, force: true });
    }
  } else {
    say(`Node ${NODE_LTS} is already in ${home}.`);
  }
  runAsRoot('ln', ['-sfn', path.join(home, 'bin', 'node'), '/usr/local/bin/node'], 'Linking /usr/local/bin/node');
  nodeBin = '/usr/local/bin/node';
  env.PATH = `/usr/local/bin${path.delimiter}${env.PATH ?? ''}`;
  const onPath = spawnSync('sh', ['-c', 'command -v node'], { encoding: 'utf8', env: process.env }).stdout.trim();
  if (onPath && !newEnough(nodeVersionOf(onPath))) {
    notes.push(`Your PATH finds an older node first (${onPath}). Put /usr/local/bin before it (or remove it) so that \`npm test\` runs on Node ${NODE_LTS}.`);
  }
  say(`Node ${NODE_LTS} installed: ${nodeBin}.`);
}

// ----------------------------------------------------- 2. system packages
async function ensureSystemPackages() {
  if (isDebian) {
    // The script lists what it installs and does nothing when all are present.
    if (isRoot) run('bash', ['scripts/install-system-deps.sh'], 'Installing system packages');
    else runAsRoot('bash', [path.join(root, 'scripts/install-system-deps.sh')], 'Installing system packages');
    return;
  }
  const what =
    'Chromium (end-to-end tests), OBS Studio with Xvfb (the OBS tests), and on Linux the libraries the mediasoup worker links (OpenSSL 3, libuv, libsrtp2, usrsctp, abseil)';
  if (isLinux) notes.push(`Not a Debian/Ubuntu system: install these yourself: ${what}. scripts/install-system-deps.sh lists the Debian package names.`);
  else notes.push(`On ${platform === 'darwin' ? 'macOS' : platform} system packages are not installed by this script. The OBS tests need OBS Studio 29+ (run headless only on Linux); Playwright gets its own Chromium below.`);
  say('skipped (not Debian/Ubuntu)');
}

// -------------------------------------------------- 3. mediasoup worker
let internet = null;
const haveInternet = async () => (internet ??= await reachable('https://github.com'));

async function ensureMediasoupWorker() {
  if (!isLinux) {
    say('npm ci below downloads mediasoup\'s prebuilt worker for this system.');
    return;
  }
  const cached = path.join(cacheRoot, `mediasoup-worker-${MEDIASOUP_VERSION}`, 'mediasoup-worker');
  if (workerRuns(cached)) {
    say(`cached: ${cached}`);
  } else if (process.arch === 'x64' && (await haveInternet()) && (await downloadPrebuiltWorker(cached))) {
    say(`downloaded mediasoup's prebuilt worker: ${cached}`);
  } else {
    say('building it from mediasoup\'s sources against Debian\'s libraries (about 6 minutes on 2 cores, once; then cached)…');
    const out = run('bash', ['scripts/build-mediasoup-worker.sh'], 'Building the mediasoup worker', {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
    });
    const built = out.stdout.trim().split('\n').pop();
    if (built !== cached) throw new Error(`The worker build left its binary at ${built}, expected ${cached}`);
  }
  env.MEDIASOUP_WORKER_BIN = cached;
}

async function downloadPrebuiltWorker(target) {
  const name = `mediasoup-worker-${MEDIASOUP_VERSION}-linux-x64.tgz`;
  const url = `https://github.com/versatica/mediasoup/releases/download/${MEDIASOUP_VERSION}/${name}`;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-worker-'));
  try {
    say(`downloading ${url}`);
    const res = await fetch(url, { signal: AbortSignal.timeout(120_000) });
    if (!res.ok) {
      say(`no prebuilt worker (${res.status} ${res.statusText})`);
      return false;
    }
    fs.writeFileSync(path.join(work, name), Buffer.from(await res.arrayBuffer()));
    run('tar', ['xzf', name], 'Unpacking the prebuilt worker', { cwd: work });
    const found = spawnSync('find', [work, '-type', 'f', '-name', 'mediasoup-worker'], { encoding: 'utf8' }).stdout.trim().split('\n')[0];
    if (!found || !workerRuns(found)) {
      say('the prebuilt worker does not run on this machine');
      return false;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(found, `${target}.tmp`);
    fs.chmodSync(`${target}.tmp`, 0o755);
    fs.renameSync(`${target}.tmp`, target);
    return true;
  } catch (err) {
    say(`prebuilt download failed (${err.message})`);
    return false;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------- 4. npm ci
async function ensureDependencies() {
  const lock = fs.readFileSync(path.join(root, 'package-lock.json'));
  const stampFile = path.join(root, 'node_modules', '.lss-setup');
  const stamp = JSON.stringify({
    lock: crypto.createHash('sha256').update(lock).digest('hex'),
    node: nodeVersionOf(nodeBin)?.[0],
    worker: env.MEDIASOUP_WORKER_BIN ?? null,
  });
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) {
    say('node_modules already matches package-lock.json: skipped.');
    return;
  }
  // Native modules (better-sqlite3) fall back to a build from source when no
  // prebuilt binary can be downloaded: give node-gyp the headers that come with
  // this Node instead of letting it download them.
  const prefix = path.resolve(path.dirname(fs.realpathSync(nodeBin)), '..');
  if (fs.existsSync(path.join(prefix, 'include', 'node', 'node.h'))) env.npm_config_nodedir = prefix;
  if (!(await haveInternet())) {
    env.ELECTRON_SKIP_BINARY_DOWNLOAD = '1';
    notes.push('No internet beyond the package registries: Electron\'s binary was not downloaded, so `npm start` will not run here; `npm run web` (the same studio in a browser) and `npm test` do.');
  }
  run('npm', ['ci', '--no-audit', '--no-fund'], 'npm ci');
  fs.writeFileSync(stampFile, stamp);
}

// ------------------------------------------------------------ 5. Chromium
async function ensureChromium() {
  const system = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (isLinux && fs.existsSync(system)) {
    const version = spawnSync(system, ['--version'], { encoding: 'utf8' }).stdout?.trim();
    if (!version) throw new Error(`${system} is there but does not start`);
    say(`${version} (${system}) for the Playwright tests.`);
    return;
  }
  say('getting Playwright\'s own Chromium…');
  run('npx', ['playwright', 'install', 'chromium'], 'Installing Chromium for Playwright');
}

const steps = [
  ['Node.js', ensureNode],
  ['System packages', ensureSystemPackages],
  ['mediasoup worker', ensureMediasoupWorker],
  ['npm ci', ensureDependencies],
  ['Chromium for Playwright', ensureChromium],
];
const started = Date.now();
let failed = null;
for (const [name, body] of steps) {
  try {
    await step(name, body);
  } catch (err) {
    failed = `${name}: ${err.message}`;
    break;
  }
}
console.log('\n== Setup summary');
for (const [name, seconds] of timings) console.log(`  ${name.padEnd(26)} ${seconds.toFixed(1).padStart(7)} s`);
console.log(`  ${'total'.padEnd(26)} ${((Date.now() - started) / 1000).toFixed(1).padStart(7)} s`);
for (const note of notes) console.log(`\nNote: ${note}`);
if (failed) {
  console.error(`\nSetup stopped at ${failed}`);
  process.exit(1);
}
console.log('\nReady. Next: `npm run web` (the studio in your browser) or `npm start` (the desktop app), and `npm test`.');
