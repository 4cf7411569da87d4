import { DEFAULT_BID_INCREMENTS, incrementTableSchema } from '../auction/auction-rules.js';
import { z } from 'zod';
import { SHOW_ID_PATTERN } from '../sfu/protocol-constants.js';
import { obsAddressSchema } from '../api/contract/obs.js';
import { DEFAULT_OBS_ADDRESS } from './obs.js';
import { storeSettingsPatchSchema, storeSettingsSchema } from './store-settings.js';

/** Default TCP port of the control server (remote producer console). */
export const DEFAULT_CONTROL_PORT = 4780;
/** Default HTTP/WebSocket port of the built-in (embedded) SFU: watch page and signaling. */
export const DEFAULT_SFU_PORT = 4781;

const sfuUrl = z
  .string()
  .trim()
  .max(500)
  .refine((v) => v === '' || /^(wss?|https?):\/\/[^\s/]+/i.test(v), {
    message: 'The SFU address must start with wss://, ws://, https:// or http:// (leave it empty to use the built-in local SFU).',
  });

/** The room viewers open at /watch/<room>; the SFU's show-id rule. */
export const sfuRoomSchema = z
  .string()
  .trim()
  .regex(SHOW_ID_PATTERN, 'The room name is 1-64 letters, digits, "-" or "_", starting with a letter or digit.');

const portNumber = z
  .number({ message: 'Port must be a whole number.' })
  .int('Port must be a whole number.')
  .min(1024, 'Port must be between 1024 and 65535.')
  .max(65535, 'Port must be between 1024 and 65535.');

const autoUnpinSeconds = z
  .number()
  .int('Auto-unpin: a whole number of seconds.')
  .min(5, 'Auto-unpin: 5 seconds at least.')
  .max(3600, 'Auto-unpin: one hour at most.');
const claimLimit = z
  .number()
  .int('Claim limit: a whole number.')
  .min(1, 'Claim limit: at least 1 per viewer.')
  .max(100, 'Claim limit: 100 per viewer at most.');

/** The ffmpeg setting's default: the program found on this computer's PATH. */
export const DEFAULT_FFMPEG = 'ffmpeg';

/**
 * The ffmpeg program the studio runs (recording: the capture into an MP4;
 * multistream: the encoder): a name found on the PATH, or a full path.
 */
const ffmpegPath = z
  .string()
  .trim()
  .min(1, 'ffmpeg: type "ffmpeg" (found on this computer\'s PATH) or the full path to the program.')
  .max(1024, 'ffmpeg: the path is 1,024 characters at most.')
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  .refine((v) => !/[\u0000-\u001f]/.test(v), { message: 'ffmpeg: the path has a control character in it.' });

const backupsKept = z
  .number()
  .int('Backups kept: a whole number.')
  .min(1, 'Keep at least 1 backup.')
  .max(100, 'Backups kept: 100 at most.');

/** The 9:16 output's size (issue 18): 720x1280 is light on a laptop; 1080x1920 is what TikTok and Shorts show best. */
export const VERTICAL_RESOLUTIONS = ['720x1280', '1080x1920'] as const;
export type VerticalResolution = (typeof VERTICAL_RESOLUTIONS)[number];

export const settingsSchema = z.object({
  /** The host's name, used for the lower third and chat messages sent by the host. */
  hostName: z.string().trim().max(60).default(''),
  /** The shop's name as viewers know it; viewers may not chat under a look-alike of it. */
  storeName: z.string().trim().max(60).default(''),
  controlServer: z
    .object({
      /** Serve the producer console so a second person can run the show from a browser. */
      enabled: z.boolean().default(true),
      /** Listen on every network interface instead of this computer only. */
      allowLan: z.boolean().default(false),
      port: portNumber.default(DEFAULT_CONTROL_PORT),
      /** A producer link may go live (a moderator link never does). */
      producersMayGoLive: z.boolean().default(false),
    })
    .prefault({}),
  sfu: z
    .object({
      /** Empty: the studio runs its own SFU on this computer. */
      url: sfuUrl.default(''),
      /**
       * The room (show) name on the SFU: viewers open /watch/<room>. Empty
       * only until the studio first starts, which picks one ("shop-7k2m9q")
       * and saves it, so the viewer link stays the same across restarts.
       */
      room: z.union([z.literal(''), sfuRoomSchema]).default(''),
      /** Port of the built-in SFU (watch page + signaling). */
      port: portNumber.default(DEFAULT_SFU_PORT),
      /**
       * Built-in SFU only: let phones and computers on the same network watch
       * (binds every interface, announces this computer's LAN address).
       */
      allowLan: z.boolean().default(false),
      // The remote SFU's host token is not here: it is a secret kept by main
      // (see SettingsStore.sfuHostToken) and is never sent to a UI.
    })
    .prefault({}),
  obs: z
    .object({
      /** obs-websocket address (OBS: Tools -> WebSocket Server Settings). */
      address: obsAddressSchema.default(DEFAULT_OBS_ADDRESS),
      /** Connect when the studio starts. */
      autoConnect: z.boolean().default(false),
      /** The OBS scene that gets the LSS product sources; null: no overlay sync. */
      overlayScene: z.string().min(1).max(256).nullable().default(null),
      // The OBS password is a secret kept by main (SettingsStore.obsPassword).
    })
    .prefault({}),
  selling: z
    .object({
      /** Take a pin down by itself after this many seconds; null: pins stay until replaced or unpinned. */
      autoUnpinSeconds: autoUnpinSeconds.nullable().default(null),
      /** Recognise "sold" / "claim M" in approved chat as claims on the pinned product. */
      claimsFromChat: z.boolean().default(true),
      /** Claims one viewer may hold per product in a show (waitlisted ones count); null: no limit. */
      claimLimitPerViewer: claimLimit.nullable().default(null),
      /** The auction bid increment table (src/shared/auction/auction-rules.ts); the seller's to edit. */
      bidIncrements: incrementTableSchema.default(() => [...DEFAULT_BID_INCREMENTS]),
    })
    .prefault({}),
  backups: z
    .object({
      /** Backups of the database taken when a show starts that are kept (the oldest go first). */
      keep: backupsKept.default(10),
    })
    .prefault({}),
  /**
   * Shared by recording and multistream (the built-in SFU's encoder; a remote
   * `studio sfu` has its own, --ffmpeg); `ffprobe` is looked for beside it.
   */
  ffmpegPath: ffmpegPath.default(DEFAULT_FFMPEG),
  /**
   * A second, 9:16 canvas beside the 16:9 program, drawn from the vertical
   * scenes and published as the `vertical` feed while live (off: nothing of
   * it is drawn or sent).
   */
  verticalOutput: z
    .object({
      enabled: z.boolean().default(false),
      resolution: z.enum(VERTICAL_RESOLUTIONS).default('720x1280'),
    })
    .prefault({}),
  /** The seller's web shop: Buy links, checkout links, the default currency, who may embed the player (issue 19). */
  store: storeSettingsSchema.prefault({}),
});

export type Settings = z.output<typeof settingsSchema>;

/** A partial update: every field optional at every level. */
export const settingsPatchSchema = z
  .object({
    hostName: z.string().trim().max(60, 'Host name: 60 characters at most.'),
    storeName: z.string().trim().max(60, 'Store name: 60 characters at most.'),
    controlServer: z
      .object({
        enabled: z.boolean(),
        allowLan: z.boolean(),
        port: portNumber,
        producersMayGoLive: z.boolean(),
      })
      .partial()
      .strict(),
    sfu: z
      .object({
        url: sfuUrl,
        room: sfuRoomSchema,
        port: portNumber,
        allowLan: z.boolean(),
        /**
         * Write-only: the host token of the remote SFU (`studio sfu --host-token`).
         * Stored by main, never returned by getSettings; "" forgets it.
         */
        hostToken: z.string().trim().max(256, 'The host token is at most 256 characters.'),
      })
      .partial()
      .strict(),
    obs: z
      .object({
        address: obsAddressSchema,
        autoConnect: z.boolean(),
        overlayScene: z.string().min(1).max(256).nullable(),
      })
      .partial()
      .strict(),
    selling: z
      .object({
        autoUnpinSeconds: autoUnpinSeconds.nullable(),
        claimsFromChat: z.boolean(),
        claimLimitPerViewer: claimLimit.nullable(),
        bidIncrements: incrementTableSchema,
      })
      .partial()
      .strict(),
    backups: z.object({ keep: backupsKept }).partial().strict(),
    ffmpegPath,
    verticalOutput: z.object({ enabled: z.boolean(), resolution: z.enum(VERTICAL_RESOLUTIONS) }).partial().strict(),
    store: storeSettingsPatchSchema,
  })
  .partial()
  .strict();

export type SettingsPatch = z.input<typeof settingsPatchSchema>;

export const defaultSettings = (): Settings => settingsSchema.parse({});

/** Applies a validated patch to settings, returning a new object (secrets in the patch are left out). */
export function applySettingsPatch(current: Settings, patch: z.output<typeof settingsPatchSchema>): Settings {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the token is stored apart, never in Settings
  const { hostToken, ...sfu } = patch.sfu ?? {};
  return settingsSchema.parse({
    ...current,
    ...(patch.hostName !== undefined ? { hostName: patch.hostName } : {}),
    ...(patch.storeName !== undefined ? { storeName: patch.storeName } : {}),
    ...(patch.ffmpegPath !== undefined ? { ffmpegPath: patch.ffmpegPath } : {}),
    controlServer: { ...current.controlServer, ...patch.controlServer },
    sfu: { ...current.sfu, ...sfu },
    obs: { ...current.obs, ...patch.obs },
    selling: { ...current.selling, ...patch.selling },
    backups: { ...current.backups, ...patch.backups },
    verticalOutput: { ...current.verticalOutput, ...patch.verticalOutput },
    store: { ...current.store, ...patch.store },
  });
}
