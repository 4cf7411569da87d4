import { z } from 'zod';
import { defineChannel, defineEvent } from '../channel.js';
import type { ObsStatus } from '../../domain/obs.js';

/** ws://host:port or wss://host:port, as OBS's "Show Connect Info" gives it (without the password). */
export const obsAddressSchema = z
  .string()
  .trim()
  .max(300)
  .regex(/^wss?:\/\/[^\s/]+\/?$/i, 'The OBS address looks like ws://127.0.0.1:4455.');

const sceneName = z.string().min(1).max(256);

export const obsChannels = {
  getObsStatus: defineChannel<ObsStatus>()('studio:obs:status', z.undefined()),
  /**
   * Saves the address (and the password, when given) and connects. The
   * password is write-only: left out, the saved one is used; "" forgets it.
   */
  connectObs: defineChannel<ObsStatus>()(
    'studio:obs:connect',
    z.object({ address: obsAddressSchema, password: z.string().max(256).optional() }).strict(),
  ),
  disconnectObs: defineChannel<ObsStatus>()('studio:obs:disconnect', z.undefined()),
  setObsProgramScene: defineChannel<ObsStatus>()('studio:obs:program-scene', z.object({ sceneName }).strict()),
  /** Studio mode only: the scene OBS shows in preview, ready for its own Transition. */
  setObsPreviewScene: defineChannel<ObsStatus>()('studio:obs:preview-scene', z.object({ sceneName }).strict()),
  setObsSceneItemEnabled: defineChannel<ObsStatus>()(
    'studio:obs:scene-item-enabled',
    z.object({ sceneName, sceneItemId: z.number().int().min(0), enabled: z.boolean() }).strict(),
  ),
  startObsStream: defineChannel<ObsStatus>()('studio:obs:stream-start', z.undefined()),
  stopObsStream: defineChannel<ObsStatus>()('studio:obs:stream-stop', z.undefined()),
  startObsRecord: defineChannel<ObsStatus>()('studio:obs:record-start', z.undefined()),
  stopObsRecord: defineChannel<ObsStatus>()('studio:obs:record-stop', z.undefined()),
  /**
   * "Sync overlays": the scene that gets the LSS product title, price and
   * image sources (created when missing, updated on every pin); null stops syncing.
   */
  setObsOverlayScene: defineChannel<ObsStatus>()(
    'studio:obs:overlay-scene',
    z.object({ sceneName: sceneName.nullable() }).strict(),
  ),
} as const;

export const obsEvents = {
  obsStatusChanged: defineEvent<ObsStatus>('studio:event:obs-status-changed'),
} as const;
