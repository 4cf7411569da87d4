import type { EgressEncoderState, EgressOrientation, EgressState } from '../sfu/protocol-egress.js';

/**
 * Multistream destinations (Settings → Destinations): where the show goes
 * besides the studio's own watch page. What a UI may see of them; the stream
 * key never leaves main (only `hasKey`).
 */

export const PLATFORMS = ['youtube', 'facebook', 'twitch', 'instagram', 'tiktok', 'custom'] as const;
export type Platform = (typeof PLATFORMS)[number];

export interface PlatformPreset {
  readonly platform: Platform;
  /** As a host names it ("YouTube"); also the name a new destination starts with. */
  readonly label: string;
  /** The platform's ingest address, filled in for the host; null where the platform gives one each time (or it is custom). */
  readonly serverUrl: string | null;
  /** Where the host finds the server URL and the key, in a sentence or two. */
  readonly help: string;
}

export const PLATFORM_PRESETS: Readonly<Record<Platform, PlatformPreset>> = {
  youtube: {
    platform: 'youtube',
    label: 'YouTube',
    serverUrl: 'rtmp://a.rtmp.youtube.com/live2',
    help: 'In YouTube Studio: Create → Go live → Stream. Copy the Stream key (the server URL is filled in for you).',
  },
  facebook: {
    platform: 'facebook',
    label: 'Facebook',
    serverUrl: 'rtmps://live-api-s.facebook.com:443/rtmp/',
    help: 'In Facebook Live Producer: choose "Streaming software" and copy the Stream key (it is long: copy it whole). The server URL is filled in for you.',
  },
  twitch: {
    platform: 'twitch',
    label: 'Twitch',
    serverUrl: 'rtmp://live.twitch.tv/app',
    help: 'In the Twitch Creator Dashboard: Settings → Stream → Primary Stream key, Copy. The server URL is filled in for you.',
  },
  instagram: {
    platform: 'instagram',
    label: 'Instagram',
    serverUrl: null,
    help:
      'Instagram gives a new Stream URL (rtmps://…) and Stream key each time: on instagram.com, open Live Producer (Create → Live video), ' +
      'then paste both here before the show. They stop working after that live.',
  },
  tiktok: {
    platform: 'tiktok',
    label: 'TikTok',
    serverUrl: null,
    help:
      'TikTok LIVE Producer (for accounts that may go LIVE from a computer) gives a Server URL and a Stream key: paste both here. ' +
      'TikTok may give new ones for each LIVE.',
  },
  custom: {
    platform: 'custom',
    label: 'Custom',
    serverUrl: null,
    help: 'Any RTMP or RTMPS ingest (another platform, a streaming service, your own server): paste the server URL and the stream key it gives you.',
  },
};

/**
 * Which program a destination takes: the 16:9 one, or the 9:16 one (the
 * studio's vertical output, Settings) for TikTok, Instagram, Shorts.
 */
export type DestinationOrientation = EgressOrientation;
export const DESTINATION_ORIENTATIONS: readonly DestinationOrientation[] = ['horizontal', 'vertical'];
export const ORIENTATION_LABELS: Readonly<Record<DestinationOrientation, string>> = {
  horizontal: 'Horizontal 16:9',
  vertical: 'Vertical 9:16',
};

/** Destinations a studio keeps (enabled or not). */
export const MAX_SAVED_DESTINATIONS = 20;

/** A destination as Settings shows it (the host only: it has the server URL). */
export interface Destination {
  readonly id: number;
  readonly name: string;
  readonly platform: Platform;
  readonly serverUrl: string;
  /** The 16:9 program or the 9:16 one (saved before orientation existed: horizontal). */
  readonly orientation: DestinationOrientation;
  /** Started when the show goes live. */
  readonly enabled: boolean;
  /** A stream key is saved for it. The key itself is never sent to any window. */
  readonly hasKey: boolean;
}

/**
 * Where one destination stands in this show. `off`: not started (disabled,
 * or the show is not on air yet); the rest as the SFU reports it
 * (protocol-egress.ts), or main's own word when the SFU could not be asked.
 */
export type DestinationRunState = 'off' | EgressState;

/** A destination's row in the Stream panel: no URL, no key (a producer's console sees it too). */
export interface DestinationStatus {
  readonly id: number;
  readonly name: string;
  readonly platform: Platform;
  readonly orientation: DestinationOrientation;
  readonly enabled: boolean;
  readonly state: DestinationRunState;
  /** Why it is reconnecting or failed, in host words (never a key or a server address). */
  readonly reason: string | null;
  readonly bitrateKbps: number | null;
  readonly fps: number | null;
  readonly droppedFrames: number;
  /** When it went live this time, on main's clock (epoch ms); null when not live. */
  readonly liveSince: number | null;
  readonly reconnects: number;
  /** When the next attempt is due, on main's clock, while reconnecting. */
  readonly retryAt: number | null;
}

export interface EncoderOverview {
  readonly state: EgressEncoderState;
  readonly reason: string | null;
  readonly width: number | null;
  readonly height: number | null;
  readonly fps: number | null;
}

/** Multistream for the Stream panel: every destination, the shared encoders (one per orientation), main's clock. */
export interface EgressOverview {
  /** The show is on air (or paused) and enabled destinations were started. */
  readonly showRunning: boolean;
  readonly destinations: readonly DestinationStatus[];
  /** The horizontal destinations' encode on the SFU's machine; null until the SFU reported it. */
  readonly encoder: EncoderOverview | null;
  /** The vertical destinations' encode; null until the SFU reported it (or an SFU without vertical output). */
  readonly verticalEncoder: EncoderOverview | null;
  /** Main's clock when this was made. */
  readonly now: number;
}
