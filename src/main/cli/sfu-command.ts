import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { normalizeEmbedOrigin } from '../../shared/domain/store-settings.js';
import { DESKTOP_STUDIO_ORIGIN } from '../../shared/net/request-access.js';
import { guessAnnouncedIp, MEDIASOUP_VERSION, resolveSfuOptions, startSfuServer, type SfuOptions } from '../../sfu/index.js';
import { installLastResortHandlers } from '../core/last-resort.js';
import { limitRepeatedConsoleLines } from '../core/log-limits.js';
import { UsageError, type CliCommand } from './commands.js';

const HOST_TOKEN_ENV = 'LSS_SFU_HOST_TOKEN';

const intOption = (name: string, raw: string | undefined, min: number, max: number): number | undefined => {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got "${raw}").`);
  return n;
};

/** Builds the watch page from source when esbuild is there (a checkout); otherwise serves what was built. */
async function buildViewerIfPossible(viewerDir: string): Promise<string> {
  try {
    const { buildViewerBundle } = await import('../../sfu/viewer-bundle.js');
    const { bytes, ms } = await buildViewerBundle(viewerDir);
    return `built in ${ms} ms, ${Math.round(bytes / 1024)} KiB`;
  } catch (error) {
    if (fs.existsSync(viewerDir)) return 'prebuilt';
    throw new UsageError(`The viewer page could not be built (${(error as Error).message}). Run "npm run build".`);
  }
}

/**
 * `studio sfu`: the SFU alone, for a server. Hosts (studios) and viewers
 * connect to it over the network; nothing else of the studio runs.
 */
export const sfuCommand: CliCommand = {
  summary: 'Run the SFU (mediasoup) standalone: signaling, watch page, published replays and health endpoint.',
  usage:
    'studio sfu [--port 4443] [--listen-ip 0.0.0.0] [--announced-ip IP] [--workers N] [--rtc-min-port 40000] [--rtc-max-port 49999] [--host-token TOKEN] [--h264] [--tls-cert FILE --tls-key FILE] [--trust-proxy] [--max-connections-per-address 20] [--replay-dir DIR] [--embed-origin https://shop.example.com ...] [--ffmpeg PATH] [--log-level info]',
  async run(args) {
    let values;
    try {
      ({ values } = parseArgs({
        args,
        options: {
          port: { type: 'string' },
          'listen-ip': { type: 'string', default: '0.0.0.0' },
          'announced-ip': { type: 'string' },
          workers: { type: 'string' },
          'rtc-min-port': { type: 'string' },
          'rtc-max-port': { type: 'string' },
          'host-token': { type: 'string' },
          h264: { type: 'boolean', default: false },
          'tls-cert': { type: 'string' },
          'tls-key': { type: 'string' },
          'trust-proxy': { type: 'boolean', default: false },
          'max-connections-per-address': { type: 'string' },
          // Published replay folders (docs/replay.md), served at /replay/<folder>/; off without it.
          'replay-dir': { type: 'string' },
          // Pages allowed to frame the embedded player (docs/embed.md); repeatable.
          'embed-origin': { type: 'string', multiple: true },
          'log-level': { type: 'string', default: 'info' },
          ffmpeg: { type: 'string' },
        },
      }));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const listenIp = values['listen-ip'];
    let announcedIp = values['announced-ip'];
    let guessed = false;
    if (!announcedIp && (listenIp === '0.0.0.0' || listenIp === '::')) {
      announcedIp = guessAnnouncedIp() ?? undefined;
      guessed = true;
      if (!announcedIp) throw new UsageError('No network address found to announce; pass --announced-ip.');
    }
    if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined)) {
      throw new UsageError('--tls-cert and --tls-key go together.');
    }
    const replayDir = values['replay-dir'] === undefined ? null : path.resolve(values['replay-dir']);
    if (replayDir !== null && !fs.statSync(replayDir, { throwIfNoEntry: false })?.isDirectory()) {
      throw new UsageError(`--replay-dir: there is no folder ${replayDir}. Create it and put published replay folders in it.`);
    }
    const embedOrigins = (values['embed-origin'] ?? []).map((given) => {
      const origin = normalizeEmbedOrigin(given);
      if (origin === null) {
        throw new UsageError(`--embed-origin "${given}" is not a page origin: give https://shop.example.com (no path; http:// only for localhost).`);
      }
      return origin;
    });
    const logLevel = values['log-level'];
    if (!['debug', 'info', 'warn', 'error', 'silent'].includes(logLevel)) throw new UsageError(`Unknown --log-level "${logLevel}".`);
    const givenToken = values['host-token'] ?? process.env[HOST_TOKEN_ENV] ?? null;
    const generatedToken = givenToken ? null : crypto.randomBytes(18).toString('base64url');
    const hostToken = givenToken ?? generatedToken;

    const workers = intOption('workers', values.workers, 1, 64);
    const rtcMinPort = intOption('rtc-min-port', values['rtc-min-port'], 1024, 65535);
    const rtcMaxPort = intOption('rtc-max-port', values['rtc-max-port'], 1024, 65535);
    // A household or an office shares one address; behind a reverse proxy pass --trust-proxy, or every viewer is the proxy.
    const maxConnectionsPerAddress = intOption('max-connections-per-address', values['max-connections-per-address'], 1, 100_000);
    let options: SfuOptions;
    try {
      options = resolveSfuOptions({
        port: intOption('port', values.port, 0, 65535) ?? 4443,
        httpHost: listenIp,
        listenIps: [{ ip: listenIp, ...(announcedIp ? { announcedIp } : {}) }],
        ...(workers !== undefined ? { workers } : {}),
        ...(rtcMinPort !== undefined ? { rtcMinPort } : {}),
        ...(rtcMaxPort !== undefined ? { rtcMaxPort } : {}),
        ...(maxConnectionsPerAddress !== undefined ? { maxConnectionsPerAddress } : {}),
        defaultHostToken: hostToken,
        replayDir,
        enableH264: values.h264,
        trustProxy: values['trust-proxy'],
        tls: values['tls-cert'] && values['tls-key'] ? { certFile: values['tls-cert'], keyFile: values['tls-key'] } : null,
        logLevel: logLevel as SfuOptions['logLevel'],
        // Multistream's encoder and pushers: --ffmpeg, else LSS_FFMPEG, else "ffmpeg" on PATH.
        ...(values.ffmpeg !== undefined ? { ffmpegPath: values.ffmpeg } : {}),
        embedOrigins: () => embedOrigins,
        // A server is reached by names it cannot know (DNS, a TLS proxy): any Host. Hosts publish
        // from the desktop studio, a studio page on their own computer, or a program (no Origin).
        hostAccess: { names: null, origins: [DESKTOP_STUDIO_ORIGIN] },
      });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }

    const started = Date.now();
    const viewerBuild = await buildViewerIfPossible(options.viewerDir);
    const sfu = await startSfuServer(options);
    const tokenLine = generatedToken
      ? `${generatedToken}  (generated for this run; pass --host-token or set ${HOST_TOKEN_ENV} to keep one)`
      : `(from ${values['host-token'] ? '--host-token' : HOST_TOKEN_ENV})`;
    process.stdout.write(
      [
        `Live Seller Studio SFU is running (mediasoup ${MEDIASOUP_VERSION}, ${options.workers} worker(s), started in ${Date.now() - started} ms).`,
        `  Health:     ${sfu.url}/healthz`,
        `  Watch:      ${sfu.url}/watch/<show>`,
        `  Replays:    ${replayDir === null ? 'off (--replay-dir DIR serves published replay folders)' : `${sfu.url}/replay/<folder>/ from ${replayDir}`}`,
        `  Embed:      ${embedOrigins.length === 0 ? 'no page may frame the player (--embed-origin ORIGIN allows one)' : `${sfu.url}/embed.js for ${embedOrigins.join(', ')}`}`,
        `  Signaling:  ${sfu.signalUrl}`,
        `  Media:      UDP/TCP ports ${options.rtcMinPort}-${options.rtcMaxPort} on ${listenIp}${announcedIp ? `, announced as ${announcedIp}${guessed ? ' (guessed: pass --announced-ip behind NAT)' : ''}` : ''}`,
        `  Viewer page: ${viewerBuild}`,
        `  Host token: ${tokenLine}`,
        `  Multistream: ffmpeg "${options.ffmpegPath}" (--ffmpeg or LSS_FFMPEG)`,
        `  Per address: at most ${options.maxConnectionsPerAddress} connections (--max-connections-per-address; a household or office shares one)`,
        '  Stop:       Ctrl+C',
        '',
      ].join('\n'),
    );
    // From here on shows run: an error nobody handled is logged, not the end of every show.
    const uninstall = installLastResortHandlers({ name: 'sfu' });
    // A flood of bad requests is summarized in the log instead of filling the disk.
    const restoreConsole = limitRepeatedConsoleLines();
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    process.stdout.write('Stopping: telling viewers the show ended…\n');
    await sfu.close();
    uninstall();
    restoreConsole();
    return 0;
  },
};
