import path from 'node:path';
import { parseArgs } from 'node:util';
import { StudioError } from '../../shared/api/result.js';
import { defaultDataDir } from '../core/data-dir.js';
import { startStudioCore } from '../core/studio-core.js';
import { UsageError, type CliCommand } from './commands.js';

export const rendererDirFromSource = (): string => path.resolve(import.meta.dirname, '../../../dist/renderer');

/**
 * `studio web`: the whole studio without Electron. The main-process
 * services and the control server run in Node; the UI opens in a browser.
 */
export const webCommand: CliCommand = {
  summary: 'Run the studio in a browser (no Electron): prints the URL to open.',
  usage: 'studio web [--data-dir DIR] [--db FILE] [--port N] [--lan]',
  async run(args) {
    let values;
    try {
      ({ values } = parseArgs({
        args,
        options: {
          'data-dir': { type: 'string' },
          db: { type: 'string' },
          port: { type: 'string' },
          lan: { type: 'boolean', default: false },
        },
      }));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const port = values.port === undefined ? undefined : Number(values.port);
    if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
      throw new UsageError(`--port must be a number from 0 to 65535 (got "${values.port}").`);
    }
    const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
    const started = Date.now();
    let core;
    try {
      core = await startStudioCore({
        dataDir,
        ...(values.db ? { databasePath: path.resolve(values.db) } : {}),
        rendererDir: rendererDirFromSource(),
        platform: { runtime: 'web', openExternal: () => Promise.resolve(false) },
        pinnedControlServer: { ...(port !== undefined ? { port } : {}), ...(values.lan ? { allowLan: true } : {}) },
      });
    } catch (error) {
      if (error instanceof StudioError) {
        process.stderr.write(`${error.message}\n`);
        return 1;
      }
      throw error;
    }
    const status = core.controlServer.status();
    if (status.state !== 'running') {
      process.stderr.write(`${status.error ?? 'The studio could not start its web server.'}\n`);
      await core.close();
      return 1;
    }
    const info = core.info();
    process.stdout.write(
      [
        `Live Seller Studio ${info.version} is running (started in ${Date.now() - started} ms).`,
        `  Data:   ${info.databasePath}`,
        `  Open:   ${status.urls[0]}`,
        ...status.urls.slice(1).map((u) => `  LAN:    ${u}`),
        '  Stop:   Ctrl+C',
        '',
      ].join('\n'),
    );
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await core.close();
    return 0;
  },
};
