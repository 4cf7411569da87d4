/**
 * A real OBS for the OBS tests and the benchmarks, started headless by
 * scripts/obs-headless-start.sh in its own home on a free port, plus a
 * second obs-websocket client to check what OBS really holds.
 * A harness: no vitest here, so `npm run bench` can use it.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { OBSWebSocket } from 'obs-websocket-js/json';

const run = promisify(execFile);
const scripts = path.resolve(import.meta.dirname, '../../scripts');

/** Why OBS tests cannot run here, or null when obs and Xvfb are installed. */
export function obsMissingReason(): string | null {
  try {
    execFileSync('sh', ['-c', 'command -v obs && command -v Xvfb'], { stdio: 'ignore' });
    return null;
  } catch {
    return 'OBS tests skipped: obs-studio and xvfb are not installed (run scripts/install-system-deps.sh).';
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface HeadlessObs {
  readonly home: string;
  readonly port: number;
  readonly password: string;
  readonly address: string;
  /** The running OBS's process id (changes on restart). */
  pid: number;
  /** Kills OBS the way a crash looks to clients (close code 1006), leaving Xvfb up. */
  kill(): Promise<void>;
  /** Starts OBS again in the same home and on the same port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startHeadlessObs(password = 'lss-test-password'): Promise<HeadlessObs> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-obs-'));
  const port = await freePort();
  const start = async () => {
    const { stdout } = await run('bash', [path.join(scripts, 'obs-headless-start.sh'), '--home', home, '--port', String(port), '--password', password]);
    const pid = Number(/^OBS_PID=(\d+)$/m.exec(stdout)?.[1]);
    if (!pid) throw new Error(`obs-headless-start.sh printed no OBS_PID: ${stdout}`);
    return pid;
  };
  const obs: HeadlessObs = {
    home,
    port,
    password,
    address: `ws://127.0.0.1:${port}`,
    pid: await start(),
    async kill() {
      process.kill(obs.pid, 'SIGKILL');
      await waitFor(() => !alive(obs.pid), 'OBS to exit');
    },
    async restart() {
      obs.pid = await start();
    },
    async stop() {
      await run('bash', [path.join(scripts, 'obs-headless-stop.sh'), '--home', home]);
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
  return obs;
}

/** A separate client that reads OBS directly, to check what the studio did. */
export async function connectVerifier(obs: HeadlessObs): Promise<OBSWebSocket> {
  const client = new OBSWebSocket();
  await client.connect(obs.address, obs.password);
  await new Promise((r) => setTimeout(r, 300));
  return client;
}

export async function inputText(client: OBSWebSocket, inputName: string): Promise<string> {
  const { inputSettings } = await client.call('GetInputSettings', { inputName });
  return typeof inputSettings.text === 'string' ? inputSettings.text : '';
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000, stepMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
