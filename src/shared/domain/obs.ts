import type { PinTargetState } from './live.js';

/**
 * OBS Studio driven from the studio over obs-websocket 5. Main owns the
 * connection and the password; UIs only see this status.
 */
export type ObsConnectionState = 'disconnected' | 'connecting' | 'connected' | 'reconnecting' | 'error';

export const DEFAULT_OBS_ADDRESS = 'ws://127.0.0.1:4455';

/** The inputs "Sync overlays" creates or updates in the host's overlay scene. */
export const OBS_OVERLAY_INPUTS = {
  title: 'LSS Product Title',
  price: 'LSS Product Price',
  image: 'LSS Product Image',
  /** The running auction (price, leader, countdown), then its result; empty otherwise. */
  auction: 'LSS Auction',
} as const;

export interface ObsSceneItem {
  readonly id: number;
  readonly sourceName: string;
  readonly enabled: boolean;
}

export interface ObsScene {
  readonly name: string;
  readonly items: readonly ObsSceneItem[];
}

/** OBS's own health (GetStats), polled every 2 s while connected. */
export interface ObsHealth {
  /** Percent of one core, as OBS reports it. */
  readonly cpuUsage: number;
  readonly activeFps: number;
  readonly renderSkippedFrames: number;
  readonly renderTotalFrames: number;
  readonly outputSkippedFrames: number;
  readonly outputTotalFrames: number;
}

export interface ObsStatus {
  readonly state: ObsConnectionState;
  readonly address: string;
  /** Whether a password is saved (the password itself never leaves main). */
  readonly hasPassword: boolean;
  /** Why it is not connected, or what it is doing, in host words. */
  readonly message: string | null;
  readonly obsVersion: string | null;
  readonly scenes: readonly ObsScene[];
  readonly programScene: string | null;
  /** Only in OBS's studio mode. */
  readonly previewScene: string | null;
  readonly studioMode: boolean;
  readonly streaming: boolean;
  readonly recording: boolean;
  readonly health: ObsHealth | null;
  /** The scene holding the LSS product sources, or null when overlays are not synced. */
  readonly overlayScene: string | null;
  /** Whether OBS's product sources show the current pin (catches up after a reconnect). */
  readonly overlay: PinTargetState;
}
