import type { SfuMode } from '../../shared/domain/live.js';
import type { SfuServer } from '../../sfu/index.js';
import { lanAddresses } from '../control-server/control-server-manager.js';
import type { SfuLink } from '../sfu-link/sfu-link.js';
import { startEmbeddedSfu } from './embedded-sfu.js';
import { newHostToken, remoteSfuAddress, watchUrl } from './sfu-address.js';

/** Everything the current SFU target needs; a change of any of it restarts the target. */
export interface TargetConfig {
  readonly mode: SfuMode;
  readonly room: string;
  readonly url: string;
  readonly port: number;
  readonly allowLan: boolean;
  readonly remoteToken: string;
  /** The built-in SFU's ffmpeg for multistream ('' for a remote SFU, or for the default). */
  readonly ffmpegPath: string;
}

export interface Target {
  readonly config: TargetConfig;
  readonly server: SfuServer | null;
  readonly signalUrl: string | null;
  readonly viewerUrls: readonly string[];
  readonly connectSources: readonly string[];
  readonly link: SfuLink | null;
  /** The built-in SFU's per-run secret for the simulated audience (null: a remote SFU, whose limits apply to it). */
  readonly audienceKey: string | null;
  /** Why this target cannot work (no link then). */
  readonly error: string | null;
}

/** What starting a target needs from LiveService: main's link to the room, and the built-in SFU's extras. */
export interface TargetStarters {
  startLink(signalUrl: string, room: string, hostToken: string): SfuLink;
  readonly log?: (message: string) => void;
  /** The built watch page (Electron passes its dist/viewer). */
  readonly viewerDir?: string;
  /** Key for the built-in SFU's viewer ids. */
  readonly viewerIdSalt?: () => string;
  /** Published replays, served by the built-in SFU at /replay/<name>/. */
  readonly replayDir?: string;
  /** Pages allowed to frame the built-in SFU's embedded player (settings.store.embedOrigins, read live). */
  readonly embedOrigins?: () => readonly string[];
}

/** The built-in SFU on this computer, and main's link to it with a secret made for this run. */
export async function startEmbeddedTarget(config: TargetConfig, starters: TargetStarters): Promise<Target> {
  const hostToken = newHostToken();
  const audienceKey = newHostToken();
  const started = await startEmbeddedSfu({
    hostTokens: { [config.room]: hostToken },
    audienceKey,
    port: config.port,
    allowLan: config.allowLan,
    viewerDir: starters.viewerDir,
    replayDir: starters.replayDir,
    viewerIdSalt: starters.viewerIdSalt?.() ?? null,
    ffmpegPath: config.ffmpegPath === '' ? null : config.ffmpegPath,
    ...(starters.embedOrigins ? { embedOrigins: starters.embedOrigins } : {}),
  });
  if (!started.ok) return failedTarget(config, started.error, starters);
  const { server } = started;
  const hosts = ['127.0.0.1', ...(config.allowLan ? lanAddresses() : [])];
  const origin = (host: string) => `http://${host}:${server.port}`;
  return {
    config,
    server,
    signalUrl: server.signalUrl,
    viewerUrls: hosts.map((h) => watchUrl(origin(h), config.room)),
    connectSources: [],
    // Main's link joins with a secret made for this run; the renderer gets minted tokens.
    link: starters.startLink(server.signalUrl, config.room, hostToken),
    audienceKey,
    error: null,
  };
}

/** A remote `studio sfu`, joined with the host token from Settings. */
export function startRemoteTarget(config: TargetConfig, starters: TargetStarters): Target {
  let address;
  try {
    address = remoteSfuAddress(config.url);
  } catch {
    return failedTarget(config, 'The SFU address in Settings is not a valid address.', starters);
  }
  const base = {
    signalUrl: address.signalUrl,
    viewerUrls: [watchUrl(address.watchBase, config.room)],
    connectSources: [address.connectSource],
    audienceKey: null,
  };
  if (config.remoteToken === '') {
    return {
      ...failedTarget(config, 'Enter the host token of your SFU in Settings (it is printed when "studio sfu" starts).', starters),
      ...base,
    };
  }
  return { config, server: null, ...base, link: starters.startLink(address.signalUrl, config.room, config.remoteToken), error: null };
}

function failedTarget(config: TargetConfig, error: string, starters: TargetStarters): Target {
  starters.log?.(error);
  return { config, server: null, signalUrl: null, viewerUrls: [], connectSources: [], link: null, audienceKey: null, error };
}
