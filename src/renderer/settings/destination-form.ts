import type { InputOf } from '../../shared/api/contract/index.js';
import { checkDestinationName, checkServerUrl, checkStreamKey, splitKeyFromUrl } from '../../shared/domain/destination-input.js';
import { PLATFORM_PRESETS, PLATFORMS, type Destination, type Platform } from '../../shared/domain/destinations.js';

/**
 * The add/edit destination form, without React (tested in Node): what the
 * host typed, what is wrong with it in the words main would use, and the
 * request it makes. The key is write-only: an edit starts without one
 * ("Key saved" + Replace), and an empty key field keeps the saved key.
 */

export interface DestinationDraft {
  readonly name: string;
  readonly platform: Platform;
  readonly serverUrl: string;
  readonly streamKey: string;
  readonly enabled: boolean;
  /** Editing a destination that has a key: the host asked to replace it (the key field shows). */
  readonly replacingKey: boolean;
}

export interface DraftCheck {
  readonly errors: { readonly name?: string; readonly serverUrl?: string; readonly streamKey?: string };
  /** The server URL ends with what looks like the key: offer to move it into the key field. */
  readonly split: { readonly serverUrl: string; readonly streamKey: string } | null;
  readonly ok: boolean;
}

export type DestinationRequest =
  | { readonly kind: 'create'; readonly input: InputOf<'createDestination'> }
  | { readonly kind: 'update'; readonly input: InputOf<'updateDestination'> };

export function newDraft(platform: Platform = 'youtube'): DestinationDraft {
  const preset = PLATFORM_PRESETS[platform];
  return { name: preset.label, platform, serverUrl: preset.serverUrl ?? '', streamKey: '', enabled: true, replacingKey: false };
}

export function draftOf(destination: Destination): DestinationDraft {
  return {
    name: destination.name,
    platform: destination.platform,
    serverUrl: destination.serverUrl,
    streamKey: '',
    enabled: destination.enabled,
    replacingKey: !destination.hasKey,
  };
}

const presetUrls = new Set(PLATFORMS.map((p) => PLATFORM_PRESETS[p].serverUrl).filter((u): u is string => u !== null));
const presetLabels = new Set(PLATFORMS.map((p) => PLATFORM_PRESETS[p].label));

/** Another platform: its server URL and name replace the old preset's, never what the host typed. */
export function withPlatform(draft: DestinationDraft, platform: Platform): DestinationDraft {
  const preset = PLATFORM_PRESETS[platform];
  const urlIsPreset = draft.serverUrl.trim() === '' || presetUrls.has(draft.serverUrl.trim());
  const nameIsPreset = draft.name.trim() === '' || presetLabels.has(draft.name.trim());
  return {
    ...draft,
    platform,
    serverUrl: urlIsPreset ? (preset.serverUrl ?? '') : draft.serverUrl,
    name: nameIsPreset ? preset.label : draft.name,
  };
}

/** The draft with the key taken out of the URL (the host accepted the offer). */
export function withSplit(draft: DestinationDraft, split: { readonly serverUrl: string; readonly streamKey: string }): DestinationDraft {
  return { ...draft, serverUrl: split.serverUrl, streamKey: split.streamKey, replacingKey: true };
}

/** `editing`: the destination being changed (null for a new one). */
export function checkDraft(draft: DestinationDraft, editing: Destination | null): DraftCheck {
  const errors: { name?: string; serverUrl?: string; streamKey?: string } = {};
  const name = checkDestinationName(draft.name);
  if (!name.ok) errors.name = name.message;
  const url = checkServerUrl(draft.serverUrl, draft.platform);
  if (!url.ok) errors.serverUrl = url.message;
  const needsKey = editing === null || draft.replacingKey || draft.streamKey.trim() !== '';
  if (needsKey) {
    const key = checkStreamKey(draft.streamKey);
    if (!key.ok) errors.streamKey = key.message;
  }
  const split = splitKeyFromUrl(draft.serverUrl, draft.platform);
  // With the key in the URL and none in its field, the split is the way forward: say so where the key goes.
  if (split && draft.streamKey.trim() === '' && errors.streamKey) {
    errors.streamKey = 'The key seems to be at the end of the server URL: use "Move the key" above, or paste the key here.';
  }
  return { errors, split, ok: Object.keys(errors).length === 0 };
}

export function requestOf(draft: DestinationDraft, editing: Destination | null): DestinationRequest {
  const key = draft.streamKey.trim();
  if (editing === null) {
    return {
      kind: 'create',
      input: { name: draft.name, platform: draft.platform, serverUrl: draft.serverUrl, streamKey: draft.streamKey, enabled: draft.enabled },
    };
  }
  return {
    kind: 'update',
    input: {
      id: editing.id,
      name: draft.name,
      platform: draft.platform,
      serverUrl: draft.serverUrl,
      enabled: draft.enabled,
      ...(key !== '' ? { streamKey: draft.streamKey } : {}),
    },
  };
}
