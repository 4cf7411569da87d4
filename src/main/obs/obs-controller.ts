import type { PinTargetState } from '../../shared/domain/live.js';
import type { ObsStatus } from '../../shared/domain/obs.js';
import type { ProductCard } from '../../shared/sfu/product-card.js';
import { ObsConnection } from './obs-connection.js';
import type { ObsAuction } from './obs-auction-text.js';
import { ObsOverlayFollower } from './obs-overlay-follower.js';
import type { ObsOverlaySync } from './obs-overlay-sync.js';

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

/**
 * OBS as the rest of the studio sees it: the connection (with its mirror of
 * OBS's scenes and outputs) and the overlay follower, built in that order
 * of need — the follower first, the connection handing it each session —
 * and one ObsStatus made of both, announced when it changes.
 */
export class ObsController {
  private readonly overlay: ObsOverlayFollower;
  private readonly connection: ObsConnection;
  private announced: string;

  constructor(private readonly deps: ObsControllerDeps) {
    const onChange = () => this.announce();
    this.overlay = new ObsOverlayFollower({ settings: deps.settings, overlays: deps.overlays, onChange, now: deps.now });
    this.connection = new ObsConnection({
      settings: deps.settings,
      onChange,
      onSession: (session) => this.overlay.attach(session),
      log: deps.log,
      settleMs: deps.settleMs,
      healthIntervalMs: deps.healthIntervalMs,
      backoffMs: deps.backoffMs,
    });
    this.announced = JSON.stringify(this.status());
  }

  status(): ObsStatus {
    const connection = this.connection.status();
    const { scene, delivery } = this.overlay.status();
    return {
      ...connection,
      // While connected, a failed overlay update is the news; otherwise the connection speaks.
      message: connection.state === 'connected' && delivery.state === 'failed' ? delivery.message : connection.message,
      overlayScene: scene,
      overlay: delivery.state,
    };
  }

  /** Connects with the saved settings if the host asked for it at startup. */
  start(): void {
    this.connection.start();
  }

  /** Saves the address (and password when given), then connects; resolves after the first attempt. */
  async connect(input: { address: string; password?: string | undefined }): Promise<ObsStatus> {
    await this.connection.connect(input);
    return this.status();
  }

  async disconnect(): Promise<ObsStatus> {
    this.connection.disconnect();
    return this.status();
  }

  /** The overlay's delivery, as PinState.targets.obs reports it. */
  pinTargetState(): PinTargetState {
    return this.overlay.pinTargetState();
  }

  onPinDelivery(listener: () => void): () => void {
    return this.overlay.onPinDelivery(listener);
  }

  /** Pin or unpin in the studio: OBS's product sources follow (now, or on reconnect). */
  /** The show's auction (AuctionsState.current): the "LSS Auction" text follows it. */
  showAuction(auction: ObsAuction | null): void {
    this.overlay.showAuction(auction);
  }

  showPin(card: ProductCard | null): void {
    this.overlay.showPin(card);
  }

  async setOverlayScene(sceneName: string | null): Promise<ObsStatus> {
    await this.overlay.setScene(sceneName);
    return this.status();
  }

  setProgramScene = (sceneName: string) => this.afterRequest(this.connection.setProgramScene(sceneName));
  setPreviewScene = (sceneName: string) => this.afterRequest(this.connection.setPreviewScene(sceneName));
  setSceneItemEnabled = (input: { sceneName: string; sceneItemId: number; enabled: boolean }) =>
    this.afterRequest(this.connection.setSceneItemEnabled(input));
  startStream = () => this.afterRequest(this.connection.startStream());
  stopStream = () => this.afterRequest(this.connection.stopStream());
  startRecord = () => this.afterRequest(this.connection.startRecord());
  stopRecord = () => this.afterRequest(this.connection.stopRecord());

  async close(): Promise<void> {
    this.connection.close();
    await this.overlay.close();
  }

  private async afterRequest(request: Promise<void>): Promise<ObsStatus> {
    await request;
    return this.status();
  }

  private announce(): void {
    const status = this.status();
    const json = JSON.stringify(status);
    if (json === this.announced) return;
    this.announced = json;
    this.deps.onStatus(status);
  }
}
