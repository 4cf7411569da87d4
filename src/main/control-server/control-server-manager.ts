import os from 'node:os';
import type { ControlServerStatus, ControlServerState } from '../../shared/api/contract/app.js';
import type { Role, RolePolicy } from '../../shared/api/contract/roles.js';
import type { LinkLifetime } from '../../shared/domain/team-links.js';
import { StudioError } from '../../shared/api/result.js';
import type { Settings } from '../../shared/domain/settings.js';
import { LOOPBACK_NAMES } from '../../shared/net/request-access.js';
import type { Dispatch } from '../api/dispatcher.js';
import type { StudioEventBus } from '../events/event-bus.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { ControlLinks } from './control-links.js';
import { ControlServer } from './control-server.js';

/** IPv4 addresses of this computer's network interfaces, for the LAN links. */
export function lanAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((a): a is os.NetworkInterfaceInfo => !!a && a.family === 'IPv4' && !a.internal)
    .map((a) => a.address);
}

export interface ControlServerManagerDeps {
  readonly settings: SettingsStore;
  readonly events: StudioEventBus;
  readonly rendererDir: string;
  /** Kept product pictures, served at /media/<id>. */
  readonly mediaDir?: string;
  readonly uploadsDir: string;
  /**
   * Browser mode (`npm run web`): the server is the only way into the studio,
   * so it cannot be switched off, and the port/bind address come from the
   * command line when given.
   */
  readonly pinned?: { readonly port?: number; readonly allowLan?: boolean };
  readonly extraConnectSources?: () => readonly string[];
}

/**
 * Keeps the control server in step with the settings: starts, stops or
 * rebinds it when the host changes them, and reports its status.
 */
export class ControlServerManager {
  /** The API the server carries; set by `serve` once the core has built every handler. */
  private dispatch: Dispatch | null = null;
  private server: ControlServer | null = null;
  private state: ControlServerState = 'off';
  private error: string | null = null;
  private boundPort = 0;
  private boundLan = false;
  private clients = 0;
  private readonly closedListeners = new Set<(clientId: string) => void>();
  private queue: Promise<void> = Promise.resolve();
  /** The team's links, one per role (host, producer, moderator). */
  readonly links: ControlLinks;

  constructor(private readonly deps: ControlServerManagerDeps) {
    this.links = new ControlLinks(deps.settings.secrets);
    const legacy = deps.settings.legacyControlToken();
    if (legacy) {
      this.links.adoptLegacyToken(legacy);
      deps.settings.forgetLegacyControlToken();
    }
  }

  /** Calls `listener` with the id of every signed-in producer connection that closes. Returns the unsubscribe function. */
  onClientClosed(listener: (clientId: string) => void): () => void {
    this.closedListeners.add(listener);
    return () => this.closedListeners.delete(listener);
  }

  get isPinned(): boolean {
    return this.deps.pinned !== undefined;
  }

  /** What the host allows the team, from Settings. */
  policy(): RolePolicy {
    return { producersMayGoLive: this.deps.settings.get().controlServer.producersMayGoLive };
  }

  /** Every role's link; for the host only (the roles table keeps it from everyone else). */
  status(): ControlServerStatus {
    const port = this.boundPort;
    const hosts = this.state === 'running' ? ['127.0.0.1', ...(this.boundLan ? lanAddresses() : [])] : [];
    const links = this.links.all().map((link) => ({ ...link, urls: hosts.map((h) => `http://${h}:${port}/?token=${link.token}`) }));
    const host = links.find((link) => link.role === 'host')!;
    return {
      state: this.state,
      urls: host.urls,
      token: host.token,
      links,
      secretsStored: this.deps.settings.secrets.whereStored,
      port,
      allowLan: this.boundLan,
      connectedClients: this.clients,
      error: this.error,
    };
  }

  /**
   * Starts serving the API through `dispatch` (the last step of the core's
   * start, once every handler exists) and applies the settings.
   */
  serve(dispatch: Dispatch): Promise<ControlServerStatus> {
    this.dispatch = dispatch;
    return this.apply();
  }

  /** Applies the current settings (serialised: one change at a time); nothing listens before `serve`. */
  apply(): Promise<ControlServerStatus> {
    this.queue = this.queue.then(() => this.applyNow(this.deps.settings.get()));
    return this.queue.then(() => this.status());
  }

  /** A new link for one role; whoever came with its old link is disconnected at once. */
  regenerateToken(role: Role, lifetime: LinkLifetime = 'never'): ControlServerStatus {
    this.links.renew(role, lifetime);
    this.server?.linkReplaced(role);
    this.publish();
    return this.status();
  }

  /** Refuses settings that would cut off a browser-mode studio from its own UI. */
  checkChange(next: Settings): void {
    if (this.isPinned && !next.controlServer.enabled) {
      throw new StudioError(
        'conflict',
        'The producer console cannot be switched off while the studio runs in a browser (npm run web): it is how this page talks to the studio.',
      );
    }
  }

  async stop(): Promise<void> {
    await this.queue;
    await this.server?.stop();
    this.server = null;
    this.state = 'off';
  }

  private async applyNow(settings: Settings): Promise<void> {
    const dispatch = this.dispatch;
    if (!dispatch) return;
    const pinned = this.deps.pinned;
    const enabled = pinned ? true : settings.controlServer.enabled;
    const allowLan = pinned?.allowLan ?? settings.controlServer.allowLan;
    const port = pinned?.port ?? settings.controlServer.port;
    const unchanged = this.server && this.boundLan === allowLan && (port === 0 || this.boundPort === port);
    if (enabled && unchanged) return;
    if (this.server) {
      await this.server.stop();
      this.server = null;
      this.clients = 0;
    }
    if (!enabled) {
      this.state = 'off';
      this.error = null;
      this.boundPort = 0;
      this.publish();
      return;
    }
    this.state = 'starting';
    this.publish();
    const server = new ControlServer({
      host: allowLan ? '0.0.0.0' : '127.0.0.1',
      port,
      ownNames: () => [...LOOPBACK_NAMES, ...(allowLan ? lanAddresses() : [])],
      lookupToken: (token) => this.links.lookup(token),
      policy: () => this.policy(),
      rendererDir: this.deps.rendererDir,
      ...(this.deps.mediaDir ? { mediaDir: this.deps.mediaDir } : {}),
      uploadsDir: this.deps.uploadsDir,
      dispatch,
      events: this.deps.events,
      onClientsChanged: (count) => {
        this.clients = count;
        this.publish();
      },
      onClientClosed: (clientId) => {
        for (const listener of [...this.closedListeners]) listener(clientId);
      },
      ...(this.deps.extraConnectSources ? { extraConnectSources: this.deps.extraConnectSources } : {}),
    });
    try {
      this.boundPort = await server.start();
      this.boundLan = allowLan;
      this.server = server;
      this.state = 'running';
      this.error = null;
    } catch (error) {
      await server.stop();
      this.state = 'error';
      this.boundPort = port;
      const code = (error as NodeJS.ErrnoException).code;
      this.error =
        code === 'EADDRINUSE'
          ? `Port ${port} is already used by another program. Pick another port for the producer console in Settings.`
          : code === 'EACCES'
            ? `This computer does not allow the studio to use port ${port}. Pick a port above 1024 in Settings.`
            : `The producer console could not start: ${(error as Error).message}`;
    }
    this.publish();
  }

  private publish(): void {
    this.deps.events.emit('controlServerChanged', this.status());
  }
}
