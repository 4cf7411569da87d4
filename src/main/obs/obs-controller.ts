import { OBSWebSocket, EventSubscription } from 'obs-websocket-js/json';
import { StudioError } from '../../shared/api/result.js';
import type { PinTargetState } from '../../shared/domain/live.js';
import type { ObsHealth, ObsScene, ObsStatus } from '../../shared/domain/obs.js';
import type { ProductCard } from '../../shared/sfu/product-card.js';
import { connectFailureMessage, isAuthFailure, requestFailureMessage } from './obs-messages.js';
import { overlayPriceText, type ObsOverlaySync } from './obs-overlay-sync.js';

/** What the controller keeps in Settings (the password apart, as a secret). */
export interface ObsSettingsAccess {
  read(): { address: string; autoConnect: boolean; overlayScene: string | null };
  save(patch: { address?: string; overlayScene?: string | null }): void;
  password(): string;
  setPassword(password: string): void;
}

export interface ObsControllerDeps {
  readonly settings: ObsSettingsAccess;
  readonly overlays: ObsOverlaySync;
  readonly onStatus: (status: ObsStatus) => void;
  readonly log?: (message: string) => void;
  /** OBS has crashed on requests sent right after the handshake; give it a moment. */
  readonly settleMs?: number;
  readonly healthIntervalMs?: number;
  /** Reconnect delays: doubling from the first, capped at the second. */
  readonly backoffMs?: readonly [number, number];
  /** Main's clock, which a flash deal's times are on. */
  readonly now?: () => number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The studio's one connection to OBS. Once connected, a dropped connection
 * (OBS closed or crashed: close code 1006, no goodbye) is retried with
 * backoff until the host disconnects; a refused password is not retried.
 * The overlay sources follow the pin: the wanted card is remembered, so a
 * pin made while OBS is away is shown when it comes back.
 */
export class ObsController {
  private obs: OBSWebSocket | null = null;
  private generation = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  /** One pending overlay retry at a time (a deal's countdown ticks must not stack more). */
  private overlayRetryTimer: NodeJS.Timeout | null = null;
  private healthTimer: NodeJS.Timeout | null = null;
  private refreshQueued = false;
  private attempt = 0;
  private readonly current: Mutable<ObsStatus>;
  private wantedCard: ProductCard | null = null;
  private wantedVersion = 0;
  private shownVersion = -1;
  /** The card OBS shows (JSON), so a countdown tick only rewrites the price text. */
  private shownCard: string | null = null;
  /** The price text last asked for, and the timer that moves it while a flash deal runs. */
  private wantedPriceText = '';
  private dealTimer: NodeJS.Timeout | null = null;
  private readonly now: () => number;
  /** Failed overlay updates in a row, for the retry backoff. */
  private overlayFailures = 0;
  private syncing: Promise<void> | null = null;
  private readonly overlayListeners = new Set<() => void>();

  constructor(private readonly deps: ObsControllerDeps) {
    this.now = deps.now ?? Date.now;
    const saved = deps.settings.read();
    this.current = {
      state: 'disconnected',
      address: saved.address,
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
      overlayScene: saved.overlayScene,
      overlay: saved.overlayScene ? 'pending' : 'off',
    };
  }

  status(): ObsStatus {
    return { ...this.current };
  }

  /** Connects with the saved settings if the host asked for it at startup. */
  start(): void {
    if (this.deps.settings.read().autoConnect) void this.connect({ address: this.current.address });
  }

  /** Saves the address (and password when given), then connects; resolves after the first attempt. */
  async connect(input: { address: string; password?: string | undefined }): Promise<ObsStatus> {
    this.deps.settings.save({ address: input.address });
    if (input.password !== undefined) this.deps.settings.setPassword(input.password);
    this.teardown();
    this.update({ address: input.address, hasPassword: this.deps.settings.password() !== '' });
    this.attempt = 0;
    await this.open('connecting');
    return this.status();
  }

  async disconnect(): Promise<ObsStatus> {
    this.teardown();
    this.update({ state: 'disconnected', message: null, health: null, overlay: this.current.overlayScene ? 'pending' : 'off' });
    return this.status();
  }

  /** The overlay's delivery, as PinState.targets.obs reports it. */
  pinTargetState(): PinTargetState {
    return this.current.overlay;
  }

  onPinDelivery(listener: () => void): () => void {
    this.overlayListeners.add(listener);
    return () => this.overlayListeners.delete(listener);
  }

  /** Pin or unpin in the studio: OBS's product sources follow (now, or on reconnect). */
  showPin(card: ProductCard | null): void {
    // pinChanged also fires when only the SFU delivery state moved: the card is the same then.
    if (JSON.stringify(card) === JSON.stringify(this.wantedCard) && this.wantedVersion > 0) return;
    this.wantedCard = card;
    this.wantedVersion += 1;
    this.wantedPriceText = overlayPriceText(card, this.now());
    if (this.current.overlayScene) this.update({ overlay: 'pending' });
    void this.syncOverlay();
    this.scheduleDealTick();
  }

  /**
   * While a flash deal runs, "ends in m:ss" moves: wake when the shown second
   * changes and send the price text (only when it changed). The last tick
   * writes "Deal ended" and stops. A missed tick is caught up by the sync loop.
   */
  private scheduleDealTick(): void {
    if (this.dealTimer) clearTimeout(this.dealTimer);
    this.dealTimer = null;
    const deal = this.wantedCard?.deal;
    if (!deal) return;
    const remaining = deal.endsAt - this.now();
    if (remaining <= 0) return;
    // The countdown shows whole seconds rounded up: it changes when `remaining` crosses a multiple of 1000.
    const wait = (remaining % 1000 || 1000) + 5;
    this.dealTimer = setTimeout(() => {
      this.dealTimer = null;
      const text = overlayPriceText(this.wantedCard, this.now());
      if (text !== this.wantedPriceText) {
        this.wantedPriceText = text;
        this.wantedVersion += 1;
        void this.syncOverlay();
      }
      this.scheduleDealTick();
    }, wait);
    this.dealTimer.unref?.();
  }

  async setOverlayScene(sceneName: string | null): Promise<ObsStatus> {
    this.deps.settings.save({ overlayScene: sceneName });
    this.update({ overlayScene: sceneName, overlay: sceneName ? 'pending' : 'off' });
    this.shownVersion = -1; // a new scene needs its sources made and filled
    if (sceneName) {
      await this.syncOverlay();
      if (this.current.overlay === 'failed') throw new StudioError('unavailable', this.current.message ?? 'OBS overlays could not be synced.');
    }
    return this.status();
  }

  setProgramScene = (sceneName: string) => this.request(() => this.connected().call('SetCurrentProgramScene', { sceneName }));
  setPreviewScene = (sceneName: string) => this.request(() => this.connected().call('SetCurrentPreviewScene', { sceneName }));
  setSceneItemEnabled = (input: { sceneName: string; sceneItemId: number; enabled: boolean }) =>
    this.request(() =>
      this.connected().call('SetSceneItemEnabled', {
        sceneName: input.sceneName,
        sceneItemId: input.sceneItemId,
        sceneItemEnabled: input.enabled,
      }),
    );
  startStream = () => this.request(() => this.connected().call('StartStream'));
  stopStream = () => this.request(() => this.connected().call('StopStream'));
  startRecord = () => this.request(() => this.connected().call('StartRecord'));
  stopRecord = () => this.request(() => this.connected().call('StopRecord'));

  async close(): Promise<void> {
    if (this.dealTimer) clearTimeout(this.dealTimer);
    this.dealTimer = null;
    this.teardown();
    await this.syncing?.catch(() => undefined);
  }

  // --- connection ---------------------------------------------------------

  private async open(state: 'connecting' | 'reconnecting'): Promise<void> {
    const generation = ++this.generation;
    const obs = new OBSWebSocket();
    this.obs = obs;
    this.update({ state, ...(state === 'connecting' ? { message: null } : {}) });
    const stale = () => generation !== this.generation;
    obs.on('ConnectionClosed', (error) => {
      if (stale()) return;
      this.stopHealth();
      // Only a connection that had been up is retried; a failed handshake is handled below.
      if (this.current.state === 'connected') {
        this.deps.log?.(`OBS connection lost (${error.code}); reconnecting`);
        this.update({ state: 'reconnecting', message: 'OBS closed the connection — reconnecting…', health: null });
        if (this.current.overlayScene) this.update({ overlay: 'pending' });
        this.shownVersion = -1; // OBS may have restarted without the latest texts
        this.scheduleRetry();
      }
    });
    for (const event of [
      'CurrentProgramSceneChanged',
      'CurrentPreviewSceneChanged',
      'SceneListChanged',
      'StudioModeStateChanged',
      'StreamStateChanged',
      'RecordStateChanged',
      'SceneItemEnableStateChanged',
      'SceneItemCreated',
      'SceneItemRemoved',
    ] as const) {
      obs.on(event, () => !stale() && this.queueRefresh());
    }
    try {
      const password = this.deps.settings.password();
      const hello = await obs.connect(this.current.address, password === '' ? undefined : password, {
        eventSubscriptions: EventSubscription.General | EventSubscription.Scenes | EventSubscription.Outputs | EventSubscription.SceneItems | EventSubscription.Ui,
      });
      await delay(this.deps.settleMs ?? 300);
      if (stale()) return;
      const version = await obs.call('GetVersion');
      this.attempt = 0;
      this.update({ state: 'connected', message: null, obsVersion: version.obsVersion ?? hello.obsWebSocketVersion });
      await this.refresh();
      this.startHealth();
      void this.syncOverlay();
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
    const [first, cap] = this.deps.backoffMs ?? [500, 10_000];
    const wait = Math.min(cap, first * 2 ** this.attempt);
    this.attempt += 1;
    const generation = this.generation;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (generation !== this.generation) return;
      // An OBS that never answered stays reported as an error (with its hint) while retries go on.
      void this.open(this.current.state === 'error' ? 'connecting' : 'reconnecting');
    }, wait);
  }

  /** Stops everything of the current connection; late callbacks see a new generation and do nothing. */
  private teardown(): void {
    this.generation += 1;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (this.overlayRetryTimer) clearTimeout(this.overlayRetryTimer);
    this.overlayRetryTimer = null;
    this.stopHealth();
    const obs = this.obs;
    this.obs = null;
    if (obs) {
      obs.removeAllListeners();
      void obs.disconnect().catch(() => undefined);
    }
  }

  private connected(): OBSWebSocket {
    if (!this.obs || this.current.state !== 'connected') throw new StudioError('unavailable', 'OBS is not connected.');
    return this.obs;
  }

  private async request(run: () => Promise<unknown>): Promise<ObsStatus> {
    try {
      await run();
    } catch (error) {
      if (error instanceof StudioError) throw error;
      throw new StudioError('unavailable', requestFailureMessage(error));
    }
    await this.refresh();
    return this.status();
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
    const obs = this.obs;
    if (!obs || this.current.state !== 'connected') return;
    const list = await obs.call('GetSceneList');
    const names = (list.scenes as { sceneName: string; sceneIndex: number }[])
      .slice()
      .sort((a, b) => b.sceneIndex - a.sceneIndex) // OBS lists bottom-up; hosts read the top first
      .map((s) => s.sceneName);
    const scenes: ObsScene[] = [];
    for (const name of names) {
      const { sceneItems } = await obs.call('GetSceneItemList', { sceneName: name });
      scenes.push({
        name,
        items: (sceneItems as { sceneItemId: number; sourceName: string; sceneItemEnabled: boolean }[]).map((i) => ({
          id: i.sceneItemId,
          sourceName: i.sourceName,
          enabled: i.sceneItemEnabled,
        })),
      });
    }
    const studioMode = (await obs.call('GetStudioModeEnabled')).studioModeEnabled;
    const stream = await obs.call('GetStreamStatus');
    const record = await obs.call('GetRecordStatus');
    this.update({
      scenes,
      programScene: list.currentProgramSceneName,
      previewScene: studioMode ? list.currentPreviewSceneName : null,
      studioMode,
      streaming: stream.outputActive,
      recording: record.outputActive,
    });
  }

  private startHealth(): void {
    this.stopHealth();
    const poll = async () => {
      const obs = this.obs;
      if (!obs || this.current.state !== 'connected') return;
      try {
        const s = await obs.call('GetStats');
        const health: ObsHealth = {
          cpuUsage: Math.round(s.cpuUsage * 10) / 10,
          activeFps: Math.round(s.activeFps * 10) / 10,
          renderSkippedFrames: s.renderSkippedFrames,
          renderTotalFrames: s.renderTotalFrames,
          outputSkippedFrames: s.outputSkippedFrames,
          outputTotalFrames: s.outputTotalFrames,
        };
        this.update({ health });
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

  // --- overlays -----------------------------------------------------------

  /** Brings OBS's product sources to the wanted card; one run at a time, always ending on the newest pin. */
  private syncOverlay(): Promise<void> {
    if (this.syncing) return this.syncing;
    const run = async () => {
      await Promise.resolve(); // so `syncing` is set before the loop can finish
      try {
        while (this.current.overlayScene && this.obs && this.current.state === 'connected' && this.shownVersion !== this.wantedVersion) {
          const scene = this.current.overlayScene;
          const version = this.wantedVersion;
          const card = this.wantedCard;
          const obs = this.obs;
          try {
            if (this.shownVersion === -1) await this.deps.overlays.ensureInputs(obs, scene);
            const cardJson = JSON.stringify(card);
            // A countdown tick (same card, shown already): only the price text changes.
            if (this.shownVersion !== -1 && cardJson === this.shownCard) await this.deps.overlays.showPrice(obs, card, this.now());
            else await this.deps.overlays.show(obs, scene, card, this.now());
            this.shownCard = cardJson;
            this.shownVersion = version;
            this.overlayFailures = 0;
          } catch (error) {
            if (this.current.state !== 'connected') return; // retried on reconnect
            this.update({ overlay: 'failed', message: `Could not update the OBS overlay in "${scene}": ${requestFailureMessage(error)}` });
            // OBS opens its websocket before a restarted scene collection is loaded: try again shortly,
            // so a missed pin still catches up without the host doing anything.
            this.shownVersion = -1;
            if (this.overlayRetryTimer === null) {
              const retryIn = Math.min(10_000, 500 * 2 ** this.overlayFailures++);
              this.overlayRetryTimer = setTimeout(() => {
                this.overlayRetryTimer = null;
                void this.syncOverlay();
              }, retryIn);
              this.overlayRetryTimer.unref?.();
            }
            return;
          }
        }
        if (this.current.overlayScene && this.shownVersion === this.wantedVersion) {
          const staleFailure = this.current.message?.startsWith('Could not update the OBS overlay') ?? false;
          this.update({ overlay: 'delivered', ...(staleFailure ? { message: null } : {}) });
        }
      } finally {
        this.syncing = null;
      }
    };
    this.syncing = run();
    return this.syncing;
  }

  private update(patch: Partial<ObsStatus>): void {
    const before = JSON.stringify(this.current);
    const overlayBefore = this.current.overlay;
    Object.assign(this.current, patch);
    if (JSON.stringify(this.current) === before) return;
    this.deps.onStatus(this.status());
    // Deferred: this can run inside a pinChanged fan-out, and a nested pinChanged would reach UIs before the outer one.
    if (this.current.overlay !== overlayBefore) for (const listener of [...this.overlayListeners]) queueMicrotask(listener);
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
