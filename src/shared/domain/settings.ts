import { z } from 'zod';

/** Default TCP port of the control server (remote producer console). */
export const DEFAULT_CONTROL_PORT = 4780;

const sfuUrl = z
  .string()
  .trim()
  .max(500)
  .refine((v) => v === '' || /^(wss?|https?):\/\/[^\s/]+/i.test(v), {
    message: 'The SFU address must start with wss://, ws://, https:// or http:// (leave it empty to use the built-in local SFU).',
  });

export const settingsSchema = z.object({
  /** The host's name, used for the lower third and chat messages sent by the host. */
  hostName: z.string().trim().max(60).default(''),
  controlServer: z
    .object({
      /** Serve the producer console so a second person can run the show from a browser. */
      enabled: z.boolean().default(true),
      /** Listen on every network interface instead of this computer only. */
      allowLan: z.boolean().default(false),
      port: z.number().int().min(1024).max(65535).default(DEFAULT_CONTROL_PORT),
    })
    .prefault({}),
  sfu: z
    .object({
      /** Empty: the studio runs its own SFU on this computer. */
      url: sfuUrl.default(''),
    })
    .prefault({}),
});

export type Settings = z.output<typeof settingsSchema>;

/** A partial update: every field optional at every level. */
export const settingsPatchSchema = z
  .object({
    hostName: z.string().trim().max(60, 'Host name: 60 characters at most.'),
    controlServer: z
      .object({
        enabled: z.boolean(),
        allowLan: z.boolean(),
        port: z
          .number({ message: 'Port must be a whole number.' })
          .int('Port must be a whole number.')
          .min(1024, 'Port must be between 1024 and 65535.')
          .max(65535, 'Port must be between 1024 and 65535.'),
      })
      .partial()
      .strict(),
    sfu: z.object({ url: sfuUrl }).partial().strict(),
  })
  .partial()
  .strict();

export type SettingsPatch = z.input<typeof settingsPatchSchema>;

export const defaultSettings = (): Settings => settingsSchema.parse({});

/** Applies a validated patch to settings, returning a new object. */
export function applySettingsPatch(current: Settings, patch: z.output<typeof settingsPatchSchema>): Settings {
  return settingsSchema.parse({
    ...current,
    ...(patch.hostName !== undefined ? { hostName: patch.hostName } : {}),
    controlServer: { ...current.controlServer, ...patch.controlServer },
    sfu: { ...current.sfu, ...patch.sfu },
  });
}
