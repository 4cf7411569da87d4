import type { ProductCard } from '../sfu/product-card.js';
import type { Deal } from './selling.js';

/**
 * Where the show goes: the studio's own SFU on this computer (the default)
 * or a remote one from Settings. Main keeps a host connection to it for pins;
 * the renderer publishes the media with a ticket from main.
 */
export type SfuMode = 'embedded' | 'remote';
export type SfuLinkState = 'starting' | 'connecting' | 'connected' | 'reconnecting' | 'error';

export interface SfuStatus {
  readonly mode: SfuMode;
  readonly state: SfuLinkState;
  /** The signaling WebSocket URL, e.g. ws://127.0.0.1:4781/signal. */
  readonly signalUrl: string | null;
  /** What viewers open, e.g. http://192.168.1.20:4781/watch/my-shop. */
  readonly viewerUrls: readonly string[];
  /** The room (show) name on the SFU. */
  readonly room: string;
  readonly live: boolean;
  readonly viewerCount: number;
  /** Why it is not connected, in host words. */
  readonly error: string | null;
}

/**
 * What the renderer needs to publish: short-lived, scoped to one room. The
 * token is minted by the SFU for this room (never the SFU's long-lived
 * secret); get a fresh ticket for every (re)join.
 */
export interface PublishTicket {
  readonly signalUrl: string;
  readonly room: string;
  readonly hostToken: string;
  /** When hostToken stops admitting joins (epoch ms, the SFU's clock); joined connections stay. */
  readonly expiresAt: number;
  readonly viewerUrls: readonly string[];
}

export type PinTargetState = 'delivered' | 'pending' | 'failed' | 'off';

export interface PinRecord {
  readonly id: number;
  readonly showId: number | null;
  readonly productId: number | null;
  readonly variantId: number | null;
  readonly rundownItemId: number | null;
  readonly card: ProductCard;
  readonly pinnedAt: number;
  readonly unpinnedAt: number | null;
}

export interface PinState {
  /** The product on screen now, or null. Its card carries the live stock and the deal. */
  readonly current: PinRecord | null;
  /** The flash deal of the current pin (running, or ended while the pin stays); null: none. */
  readonly deal: Deal | null;
  /** When the auto-unpin (Settings → Selling) takes the current pin down; null: it stays. */
  readonly autoUnpinAt: number | null;
  /** Main's clock when this state was made, so every UI counts down the same. */
  readonly now: number;
  /** Per target: did the last pin/unpin reach it? A missed one catches up when it returns. */
  readonly targets: {
    readonly sfu: PinTargetState;
    /** The LSS product sources in OBS ("off" unless the host synced overlays to a scene). */
    readonly obs: PinTargetState;
  };
}

/**
 * Which window publishes the show. Main decides (one publisher at a time);
 * the SFU refuses media from any other. `where` is in host words: "the
 * desktop window", "a browser at 192.168.1.20".
 */
export interface PublisherInfo {
  /** Names this claim; the window that holds it passes it with every ticket request. */
  readonly publisherId: string;
  readonly where: string;
  /** Main's clock (epoch ms). */
  readonly since: number;
}

export interface PublisherState {
  /** Who holds the show now; null: nobody is publishing. */
  readonly current: PublisherInfo | null;
  /** The last take-over, so the window that lost the show can say when and to whom. */
  readonly lastTakeOver: { readonly from: string; readonly by: string; readonly at: number } | null;
}

/** What a window gets when main lets it publish. */
export interface PublisherClaim {
  readonly publisherId: string;
  readonly state: PublisherState;
}

/**
 * Where the show stands, as main sees it (the same for every window, the
 * producer's console included):
 * - `offline`: not on air since the studio started or since the last end;
 * - `connecting`: a window claimed the show; its media has not reached the SFU yet;
 * - `live`: the SFU has the show's media;
 * - `reconnecting`: the publishing window's media dropped and it is coming back;
 * - `paused`: the host pressed Stop (or the publishing window went away): viewers see "right back";
 * - `ended`: the host pressed End show: viewers were told.
 */
export type AirPhase = 'offline' | 'connecting' | 'live' | 'reconnecting' | 'paused' | 'ended';

export interface AirState {
  readonly phase: AirPhase;
  /**
   * Main's clock (epoch ms): when the show went on air (`live`,
   * `reconnecting`; kept through reconnects and take-overs), paused or
   * ended; null otherwise.
   */
  readonly since: number | null;
  /** Who publishes (or last published) the show, in host words: "a browser on this computer". */
  readonly where: string | null;
  /** Viewers watching now, as the SFU counts them. */
  readonly viewers: number;
  /** Main's clock when this state was made, so every window counts the same on-air time. */
  readonly now: number;
}
