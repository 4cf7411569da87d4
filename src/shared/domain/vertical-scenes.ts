import { NO_CROP, sceneOrientation, type Layer, type LayerSource, type PreviewScene, type ProgramScene, type Rect, type Scene } from './scenes.js';

/**
 * The 9:16 output's scenes and how they follow the 16:9 program (pure TS;
 * main keeps the state, the renderer draws it). Geometry is in fractions of
 * the vertical frame, like every scene, so 720x1280 and 1080x1920 look alike.
 *
 * Phone apps (TikTok, Instagram, Shorts) draw their own buttons down the
 * right edge and comments over the bottom: the overlays keep out of
 * VERTICAL_SAFE_AREA so nothing a buyer needs (price, countdown, bid) hides
 * under them.
 */

/** Where overlays may go on a 9:16 frame: clear of the apps' right-hand buttons and bottom comment strip. */
export const VERTICAL_SAFE_AREA: Rect = Object.freeze({ x: 0.04, y: 0.04, w: 0.76, h: 0.86 });

/**
 * The pinned card on a 9:16 frame: low on the picture (under the host's
 * face), left of the apps' buttons; tall enough for the picture, a two-line
 * title, the price and the stock (the card's parts scale with its width).
 */
export const VERTICAL_CARD_RECT: Rect = Object.freeze({ x: 0.05, y: 0.5, w: 0.52, h: 0.39 });
/** The host's name, just above the card. */
export const VERTICAL_LOWER_THIRD_RECT: Rect = Object.freeze({ x: 0.05, y: 0.42, w: 0.7, h: 0.06 });
/** Over a stacked guest (bottom half): a narrower card, so the guest's face stays in sight. */
export const VERTICAL_STACKED_CARD_RECT: Rect = Object.freeze({ x: 0.05, y: 0.58, w: 0.4, h: 0.31 });
/** On a split: the host's name at the foot of the camera half. */
export const VERTICAL_SPLIT_LOWER_THIRD_RECT: Rect = Object.freeze({ x: 0.05, y: 0.41, w: 0.7, h: 0.06 });

const TOP_HALF: Rect = { x: 0, y: 0, w: 1, h: 0.5 };
const BOTTOM_HALF: Rect = { x: 0, y: 0.5, w: 1, h: 0.5 };
const FULL: Rect = { x: 0, y: 0, w: 1, h: 1 };

function layer(id: string, name: string, source: LayerSource, rect: Rect, fit: Layer['fit'] = 'cover', visible = true): Layer {
  return { id, name, source, rect: { ...rect }, crop: NO_CROP, visible, fit };
}

const card = (rect: Rect, visible = true) => layer('pinned-card', 'Pinned product card', { kind: 'product-card' }, rect, 'cover', visible);
const hostName = (rect: Rect) => layer('lower-third', 'Host name', { kind: 'lower-third' }, rect);

export const VERTICAL_CAMERA_CARD = 'vertical-camera-card';
export const VERTICAL_PRODUCT_SPLIT = 'vertical-product-split';
export const VERTICAL_GUEST_STACKED = 'vertical-guest-stacked';

/** The ready-made vertical scenes (migration 0190 stores them once; then they are the host's). */
export const READY_MADE_VERTICAL_SCENES: readonly Scene[] = [
  {
    id: VERTICAL_CAMERA_CARD,
    name: 'Vertical: camera + card',
    orientation: 'vertical',
    layers: [layer('cam', 'Camera', { kind: 'camera', slot: 0 }, FULL), hostName(VERTICAL_LOWER_THIRD_RECT), card(VERTICAL_CARD_RECT)],
  },
  {
    id: VERTICAL_PRODUCT_SPLIT,
    name: 'Vertical: product split',
    orientation: 'vertical',
    layers: [
      layer('bg', 'Backdrop', { kind: 'text', text: '' }, BOTTOM_HALF),
      layer('cam', 'Camera', { kind: 'camera', slot: 0 }, TOP_HALF),
      layer('product', 'Product image', { kind: 'product-image' }, { x: 0.05, y: 0.52, w: 0.9, h: 0.44 }, 'contain'),
      hostName(VERTICAL_SPLIT_LOWER_THIRD_RECT),
      // The picture is the product here; the card (deal countdown, auction) is one toggle away in the scene's menu.
      card(VERTICAL_CARD_RECT, false),
    ],
  },
  {
    id: VERTICAL_GUEST_STACKED,
    name: 'Vertical: guest stacked',
    orientation: 'vertical',
    layers: [
      layer('cam', 'Camera', { kind: 'camera', slot: 0 }, TOP_HALF),
      layer('guest', 'Guest', { kind: 'guest', slot: 0 }, BOTTOM_HALF),
      hostName(VERTICAL_SPLIT_LOWER_THIRD_RECT),
      card(VERTICAL_STACKED_CARD_RECT),
    ],
  },
];

/**
 * The vertical output's switcher, main's like the 16:9 one. Linked: a Take
 * of a 16:9 scene also takes its vertical pair (`pairOf`), so one Take
 * switches both outputs; unlinked: the vertical output has its own preview
 * and Take.
 */
export interface VerticalSwitchState {
  readonly linked: boolean;
  readonly program: ProgramScene;
  readonly preview: PreviewScene;
  /** The host's own choices: 16:9 scene id -> the vertical scene taken with it. The rest follow `pairOf`'s rule. */
  readonly pairs: Readonly<Record<string, string>>;
}

export const INITIAL_VERTICAL_PROGRAM: ProgramScene = Object.freeze({ sceneId: VERTICAL_CAMERA_CARD, transition: 'cut', takenAt: 0 });

const shows = (scene: Scene, kinds: readonly LayerSource['kind'][]) => scene.layers.some((l) => l.visible && kinds.includes(l.source.kind));

/**
 * The vertical scene a linked Take of `horizontal` puts on the 9:16 output:
 * the host's pair while that scene exists; else by what the scene shows —
 * a guest: guest stacked; a product picture or screen without the host's
 * camera: product split; a title card alone (starting soon, be right back):
 * the same scene (its layers are fractions, and a centred title reads on
 * 9:16 too); anything else: camera + card. Null: no vertical scene exists.
 */
export function pairOf(horizontal: Scene, scenes: readonly Scene[], pairs: Readonly<Record<string, string>>): string | null {
  const exists = (id: string | undefined) => id !== undefined && scenes.some((s) => s.id === id);
  const chosen = pairs[horizontal.id];
  if (exists(chosen)) return chosen!;
  const vertical = scenes.filter((s) => sceneOrientation(s) === 'vertical');
  const ready = (id: string) => (vertical.some((s) => s.id === id) ? id : null);
  if (shows(horizontal, ['guest', 'people-grid'])) return ready(VERTICAL_GUEST_STACKED) ?? ready(VERTICAL_CAMERA_CARD) ?? vertical[0]?.id ?? null;
  const hostCamera = horizontal.layers.some((l) => l.visible && l.source.kind === 'camera' && l.source.slot === 0);
  if (!hostCamera && shows(horizontal, ['product-image', 'screen'])) return ready(VERTICAL_PRODUCT_SPLIT) ?? ready(VERTICAL_CAMERA_CARD) ?? vertical[0]?.id ?? null;
  if (!hostCamera && !shows(horizontal, ['camera', 'screen', 'image', 'product-image', 'guest', 'people-grid'])) return horizontal.id;
  return ready(VERTICAL_CAMERA_CARD) ?? vertical[0]?.id ?? null;
}
