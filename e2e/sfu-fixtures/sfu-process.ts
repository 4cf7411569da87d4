import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from 'esbuild';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface RunningSfu {
  /** The `studio sfu` process id. */
  readonly pid: number;
  readonly url: string;
  readonly signalUrl: string;
  readonly port: number;
  output(): string;
  /** SIGTERM (a clean shutdown); resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: the server vanishes without telling anyone (a crash). */
  crash(): Promise<void>;
}

/** Runs the real `studio sfu` command (as `npm run -s studio -- sfu` does) and reads its URLs. */
export async function startSfuProcess(args: string[]): Promise<RunningSfu> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/main/cli/main.ts'), 'sfu', ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    // A guard against a hung start, not a speed check: on a 2-core machine under
    // heavy load (CI with neighbours) a cold start has taken over 30 s.
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // not left running behind the failed test
      reject(new Error(`studio sfu did not start in 90 s:\n${output}`));
    }, 90_000);
    child.stdout!.on('data', () => {
      const match = /Health:\s+(\S+)\/healthz/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`studio sfu exited with ${code}:\n${output}`));
    });
  });
  return {
    pid: child.pid!,
    url,
    signalUrl: /Signaling:\s+(\S+)/.exec(output)![1]!,
    port: Number(new URL(url).port),
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      return exited;
    },
    async crash() {
      if (child.exitCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** A free TCP port (for restarting the SFU on the same address). */
export async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Serves the test publisher page on its own origin (it never ships with the SFU). */
export async function startPublisherSite(): Promise<{ origin: string; close: () => Promise<void> }> {
  const bundle = await build({
    entryPoints: [path.join(import.meta.dirname, 'publisher.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const js = bundle.outputFiles[0]!.contents;
  const html = await import('node:fs').then((fs) => fs.readFileSync(path.join(import.meta.dirname, 'publisher.html')));
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    if (pathname === '/publisher.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' });
      res.end(js);
    } else if (pathname === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(html);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
