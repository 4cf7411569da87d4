import path from 'node:path';
import { parseArgs } from 'node:util';
import { StudioError } from '../../shared/api/result.js';
import { defaultDataDir } from '../core/data-dir.js';
import { startStudioCore } from '../core/studio-core.js';
import { seedDemoStudio } from '../demo/demo-studio.js';
import { installLastResortHandlers } from '../core/last-resort.js';
import { limitRepeatedConsoleLines } from '../core/log-limits.js';
import { ensureViewerBundle } from '../live/viewer-bundle-dir.js';
import { ensureReplayPage } from '../replay/replay-page-dir.js';
import { UsageError, type CliCommand } from './commands.js';

export const rendererDirFromSource = (): string => path.resolve(import.meta.dirname, '../../../dist/renderer');
const demoCatalogFromSource = (): string => path.resolve(import.meta.dirname, '../../../resources/demo/demo-catalog.csv');

/**
 * `studio web`: the whole studio without Electron. The main-process
 * services and the control server run in Node; the UI opens in a browser.
 */
export const webCommand: CliCommand = {
  summary: 'Run the studio in a browser (no Electron): prints the URL to open.',
  usage: 'studio web [--data-dir DIR] [--db FILE] [--port N] [--sfu-port N] [--lan] [--no-demo]',
  async run(args) {
    let values;
    try {
      ({ values } = parseArgs({
        args,
        options: {
          'data-dir': { type: 'string' },
          db: { type: 'string' },
          port: { type: 'string' },
          'sfu-port': { type: 'string' },
          lan: { type: 'boolean', default: false },
          // A new data folder gets the demo catalog and show unless this is given.
          'no-demo': { type: 'boolean', default: false },
        },
      }));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const port = values.port === undefined ? undefined : Number(values.port);
    if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
      throw new UsageError(`--port must be a number from 0 to 65535 (got "${values.port}").`);
    }
    // "--port 0" asks for free ports: the built-in SFU's too, unless --sfu-port says otherwise.
    const sfuPort = values['sfu-port'] === undefined ? (port === 0 ? 0 : undefined) : Number(values['sfu-port']);
    if (sfuPort !== undefined && (!Number.isInteger(sfuPort) || sfuPort < 0 || sfuPort > 65535)) {
      throw new UsageError(`--sfu-port must be a number from 0 to 65535 (got "${values['sfu-port']}").`);
    }
    const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
    const started = Date.now();
    const viewerNote = await ensureViewerBundle();
    const replayNote = await ensureReplayPage();
    // A restore from Settings restarts the core (the database is closed and reopened); the process stays.
    let requestRestart = (): void => undefined;
    const startCore = () =>
      startStudioCore({
        restart: () => requestRestart(),
        dataDir,
        ...(values.db ? { databasePath: path.resolve(values.db) } : {}),
        rendererDir: rendererDirFromSource(),
        platform: { runtime: 'web', openExternal: () => Promise.resolve(false) },
        pinnedControlServer: { ...(port !== undefined ? { port } : {}), ...(values.lan ? { allowLan: true } : {}) },
        // --lan opens the watch page to the network too; --sfu-port 0 picks a free port (tests).
        embeddedSfu: { ...(sfuPort !== undefined ? { port: sfuPort } : {}), ...(values.lan ? { allowLan: true } : {}) },
      });
    let core;
    try {
      core = await startCore();
    } catch (error) {
      if (error instanceof StudioError) {
        process.stderr.write(`${error.message}\n`);
        return 1;
      }
      throw error;
    }
    if (!values['no-demo']) await seedDemoStudio(core, demoCatalogFromSource());
    const status = core.controlServer.status();
    if (status.state !== 'running') {
      process.stderr.write(`${status.error ?? 'The studio could not start its web server.'}\n`);
      await core.close();
      return 1;
    }
    await core.live.ready();
    const sfu = core.live.status();
    const info = core.info();
    process.stdout.write(
      [
        `Live Seller Studio ${info.version} is running (started in ${Date.now() - started} ms).`,
        `  Data:   ${info.databasePath}`,
        `  Open:   ${status.urls[0]}`,
        ...status.urls.slice(1).map((u) => `  LAN:    ${u}`),
        '          (the host\'s link: it can do everything. Links for a producer or a moderator: Settings → Producer console.)',
        ...(sfu.viewerUrls.length > 0
          ? sfu.viewerUrls.map((u) => `  Watch:  ${u}`)
          : [`  Watch:  not available: ${sfu.error ?? 'the SFU is not running.'}`]),
        ...(viewerNote ? [`          (${viewerNote})`] : []),
        ...(replayNote ? [`          (${replayNote})`] : []),
        '  Stop:   Ctrl+C',
        '',
      ].join('\n'),
    );
    // From here on the show runs: an error nobody handled is logged, not the end of it.
    const uninstall = installLastResortHandlers({ name: 'studio' });
    // A flood of bad requests is summarized in the log instead of filling the disk.
    const restoreConsole = limitRepeatedConsoleLines();
    const stopped = new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    for (;;) {
      const restart = new Promise<'restart'>((resolve) => (requestRestart = () => resolve('restart')));
      if ((await Promise.race([stopped, restart])) !== 'restart') break;
      await core.close();
      core = await startCore();
      process.stdout.write(`Restarted the studio (a backup was restored). Open: ${core.controlServer.status().urls[0] ?? 'not running'}\n`);
    }
    await core.close();
    uninstall();
    restoreConsole();
    return 0;
  },
};
