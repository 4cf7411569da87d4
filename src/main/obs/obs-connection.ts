import { OBSWebSocket, EventSubscription } from 'obs-websocket-js/json';
import { StudioError } from '../../shared/api/result.js';
import type { ObsStatus } from '../../shared/domain/obs.js';
import { Backoff } from '../../shared/time/backoff.js';
import { connectFailureMessage, isAuthFailure, requestFailureMessage } from './obs-messages.js';
import { MIRROR_EVENTS, readObsHealth, readObsMirror } from './obs-mirror.js';
import { openSession, type ObsSession } from './obs-session.js';

/** ObsStatus without the overlay, which the overlay follower owns. */
export type ObsConnectionStatus = Omit<ObsStatus, 'overlayScene' | 'overlay'>;

/** What the connection keeps in Settings (the password apart, as a secret). */
export interface ObsConnectionSettings {
  read(): { address: string; autoConnect: boolean };
  save(patch: { address: string }): void;
  password(): string;
  setPassword(password: string): void;
}

export interface ObsConnectionDeps {
  readonly settings: ObsConnectionSettings;
  /** After every change of status(). */
  readonly onChange: () => void;
  /**
   * A session once connected and OBS read; null when that OBS goes away
   * (dropped, or the host connects anew or disconnects). Not called on close.
   */
  readonly onSession?: ((session: ObsSession | null) => void) | undefined;
  readonly log?: ((message: string) => void) | undefined;
  /** OBS has crashed on requests sent right after the handshake; give it a moment. */
  readonly settleMs?: number | undefined;
  readonly healthIntervalMs?: number | undefined;
  /** Reconnect delays: doubling from the first, capped at the second (with Backoff's jitter). */
  readonly backoffMs?: readonly [number, number] | undefined;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The studio's one connection to OBS and its mirror of what OBS shows.
 * Once connected, a dropped connection (OBS closed or crashed: close code
 * 1006, no goodbye) is retried with backoff until the host disconnects; an
 * OBS that never answered is retried too (opening OBS is enough); a refused
 * password is not retried.
 */
export class ObsConnection {
  /** The open socket and its session (whose requests are answered when the socket closes). */
  private socket: { readonly obs: OBSWebSocket; readonly session: ObsSession; end(): void } | null = null;
  /** Bumped by every attempt and teardown: callbacks of an older socket see it and do nothing. */
  private generation = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private healthTimer: NodeJS.Timeout | null = null;
  private refreshQueued = false;
  private readonly backoff: Backoff;
  private readonly current: Mutable<ObsConnectionStatus>;

  constructor(private readonly deps: ObsConnectionDeps) {
    const [first, cap] = deps.backoffMs ?? [500, 10_000];
    this.backoff = new Backoff({ firstMs: first, maxMs: cap, jitter: 0.2 });
    this.current = {
      state: 'disconnected',
      address: deps.settings.read().address,
      hasPassword: deps.settings.password() !== '',
      message: null,
      obsVersion: null,
      scenes: [],
      programScene: null,
      previewScene: null,
      studioMode: false,
      streaming: false,
      recording: false,
      health: null,
    };
  }

  status(): ObsConnectionStatus {
    return { ...this.current };
  }

  /** Connects with the saved settings if the host asked for it at startup. */
  start(): void {
    if (this.deps.settings.read().autoConnect) void this.connect({ address: this.current.address });
  }

  /** Saves the address (and password when given), then connects; resolves after the first attempt. */
  async connect(input: { address: string; password?: string | undefined }): Promise<void> {
    this.deps.settings.save({ address: input.address });
    if (input.password !== undefined) this.deps.settings.setPassword(input.password);
    this.teardown();
    this.deps.onSession?.(null);
    this.update({ address: input.address, hasPassword: this.deps.settings.password() !== '' });
    this.backoff.reset();
    await this.open('connecting');
  }

  disconnect(): void {
    this.teardown();
    this.deps.onSession?.(null);
    this.update({ state: 'disconnected', message: null, health: null });
  }

  setProgramScene = (sceneName: string) => this.request((obs) => obs.call('SetCurrentProgramScene', { sceneName }));
  setPreviewScene = (sceneName: string) => this.request((obs) => obs.call('SetCurrentPreviewScene', { sceneName }));
  setSceneItemEnabled = (input: { sceneName: string; sceneItemId: number; enabled: boolean }) =>
    this.request((obs) =>
      obs.call('SetSceneItemEnabled', { sceneName: input.sceneName, sceneItemId: input.sceneItemId, sceneItemEnabled: input.enabled }),
    );
  startStream = () => this.request((obs) => obs.call('StartStream'));
  stopStream = () => this.request((obs) => obs.call('StopStream'));
  startRecord = () => this.request((obs) => obs.call('StartRecord'));
  stopRecord = () => this.request((obs) => obs.call('StopRecord'));

  /** Stops everything without telling anyone (the studio is closing). */
  close(): void {
    this.teardown();
  }

  private async open(state: 'connecting' | 'reconnecting'): Promise<void> {
    const generation = ++this.generation;
    const obs = new OBSWebSocket();
    const { session, end } = openSession(obs);
    this.socket = { obs, session, end };
    this.update({ state, ...(state === 'connecting' ? { message: null } : {}) });
    const stale = () => generation !== this.generation;
    obs.on('ConnectionClosed', (error) => {
      if (stale()) return;
      this.stopHealth();
      // Only a connection that had been up is retried here; a failed handshake is handled below.
      if (this.current.state !== 'connected') return;
      this.deps.log?.(`OBS connection lost (${error.code}); reconnecting`);
      this.update({ state: 'reconnecting', message: 'OBS closed the connection — reconnecting…', health: null });
      this.deps.onSession?.(null);
      this.scheduleRetry();
    });
    for (const event of MIRROR_EVENTS) obs.on(event, () => !stale() && this.queueRefresh());
    try {
      const password = this.deps.settings.password();
      const hello = await obs.connect(this.current.address, password === '' ? undefined : password, {
        eventSubscriptions: EventSubscription.General | EventSubscription.Scenes | EventSubscription.Outputs | EventSubscription.SceneItems | EventSubscription.Ui,
      });
      await delay(this.deps.settleMs ?? 300);
      if (stale()) return;
      const version = await session.call('GetVersion');
      this.backoff.reset();
      this.update({ state: 'connected', message: null, obsVersion: version.obsVersion ?? hello.obsWebSocketVersion });
      await this.refresh();
      if (stale()) return;
      this.startHealth();
      this.deps.onSession?.(session);
    } catch (error) {
      if (stale()) return;
      const message = connectFailureMessage(error, this.current.address);
      if (isAuthFailure(error)) {
        this.update({ state: 'error', message });
        return;
      }
      // Not running (yet): keep trying in the background, so opening OBS is enough.
      if (state === 'reconnecting') this.update({ state, message: `Lost OBS — reconnecting… (${message})` });
      else this.update({ state: 'error', message });
      this.scheduleRetry();
    }
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    const generation = this.generation;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (generation !== this.generation) return;
      // An OBS that never answered stays reported as an error (with its hint) while retries go on.
      void this.open(this.current.state === 'error' ? 'connecting' : 'reconnecting');
    }, this.backoff.next());
  }

  /** Stops everything of the current socket; its late callbacks see a new generation and do nothing. */
  private teardown(): void {
    this.generation += 1;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.stopHealth();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.end();
      socket.obs.removeAllListeners();
      void socket.obs.disconnect().catch(() => undefined);
    }
  }

  private async request(run: (obs: ObsSession) => Promise<unknown>): Promise<void> {
    if (!this.socket || this.current.state !== 'connected') throw new StudioError('unavailable', 'OBS is not connected.');
    try {
      await run(this.socket.session);
    } catch (error) {
      throw new StudioError('unavailable', requestFailureMessage(error));
    }
    await this.refresh();
  }

  // --- what OBS shows -----------------------------------------------------

  private queueRefresh(): void {
    if (this.refreshQueued) return;
    this.refreshQueued = true;
    // Events come in bursts (a scene switch sends several): one read for all of them.
    setTimeout(() => {
      this.refreshQueued = false;
      void this.refresh().catch(() => undefined);
    }, 30);
  }

  private async refresh(): Promise<void> {
    const session = this.socket?.session;
    if (!session || this.current.state !== 'connected') return;
    const generation = this.generation;
    const mirror = await readObsMirror(session, this.current.scenes.map((s) => s.name));
    if (generation === this.generation) this.update(mirror);
  }

  private startHealth(): void {
    this.stopHealth();
    const poll = async () => {
      const session = this.socket?.session;
      if (!session || this.current.state !== 'connected') return;
      try {
        const health = await readObsHealth(session);
        if (session === this.socket?.session) this.update({ health });
      } catch {
        // The connection is going away; ConnectionClosed reports it.
      }
    };
    void poll();
    this.healthTimer = setInterval(() => void poll(), this.deps.healthIntervalMs ?? 2000);
  }

  private stopHealth(): void {
    if (this.healthTimer) clearInterval(this.healthTimer);
    this.healthTimer = null;
  }

  private update(patch: Partial<ObsConnectionStatus>): void {
    Object.assign(this.current, patch);
    this.deps.onChange();
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
