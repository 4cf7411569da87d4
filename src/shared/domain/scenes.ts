import { z } from 'zod';

/**
 * Compositor scenes as data (pure TS; stored as JSON in SQLite and checked
 * at the IPC boundary). Geometry is in fractions of the output frame (0..1),
 * so a scene looks the same at 1280x720 and 1920x1080. Layers are drawn in
 * array order: the last one is on top.
 */

const fraction = z.number().min(0).max(1);
/** A layer may hang partly off screen (a corner picture-in-picture), never be lost entirely. */
const position = z.number().min(-1).max(2);
const sceneId = z.string().trim().min(1).max(64).regex(/^[a-z0-9-]+$/, 'A scene id is lowercase letters, digits and dashes.');

export const layerSourceSchema = z.discriminatedUnion('kind', [
  /** Slot 0 is the host's main camera (picked under Program); slot 1 a second camera. */
  z.object({ kind: z.literal('camera'), slot: z.number().int().min(0).max(3) }).strict(),
  z.object({ kind: z.literal('screen') }).strict(),
  z.object({ kind: z.literal('image'), url: z.string().max(2_000_000).regex(/^(https:|data:image\/)/, 'An image is an https link or an uploaded picture.') }).strict(),
  z.object({ kind: z.literal('text'), text: z.string().max(120), subtitle: z.string().max(200).optional() }).strict(),
  /** Live state: the pinned product's card, its image alone, and the host's name. */
  z.object({ kind: z.literal('product-card') }).strict(),
  z.object({ kind: z.literal('product-image') }).strict(),
  z.object({ kind: z.literal('lower-third') }).strict(),
  /**
   * A guest on air (issue 18): slot 0 is the first guest the host brought on
   * air, slot 1 the second… (the SFU's on-air order). Nobody in the slot: the
   * layer draws nothing; a hidden camera: the guest's name on a calm tile.
   */
  z.object({ kind: z.literal('guest'), slot: z.number().int().min(0).max(2) }).strict(),
  /** The host's main camera and every guest on air, tiled in its rect (1 full, 2 side by side, 3–4 a grid). */
  z.object({ kind: z.literal('people-grid') }).strict(),
]);

/** Which output a scene is made for: the 16:9 program or the 9:16 vertical one (absent: horizontal). */
export const SCENE_ORIENTATIONS = ['horizontal', 'vertical'] as const;
export type SceneOrientation = (typeof SCENE_ORIENTATIONS)[number];

export const layerSchema = z
  .object({
    id: z.string().min(1).max(64),
    name: z.string().trim().min(1).max(60),
    source: layerSourceSchema,
    rect: z.object({ x: position, y: position, w: z.number().min(0.01).max(2), h: z.number().min(0.01).max(2) }).strict(),
    /** Fractions cut from each edge of the source. */
    crop: z.object({ left: fraction, top: fraction, right: fraction, bottom: fraction }).strict(),
    visible: z.boolean(),
    /** cover fills the rect (cropping the overflow); contain letterboxes. */
    fit: z.enum(['cover', 'contain']),
  })
  .strict();

export const sceneSchema = z
  .object({
    id: sceneId,
    name: z.string().trim().min(1, 'Give the scene a name.').max(60, 'A scene name is 60 characters at most.'),
    layers: z.array(layerSchema).max(32, 'A scene holds 32 layers at most.'),
    /** Absent in scenes stored before vertical output: horizontal. */
    orientation: z.enum(SCENE_ORIENTATIONS).optional(),
  })
  .strict();

export type LayerSource = z.infer<typeof layerSourceSchema>;
export type Layer = z.infer<typeof layerSchema>;
export type Rect = Layer['rect'];
export type Crop = Layer['crop'];
export type Scene = z.infer<typeof sceneSchema>;

export const NO_CROP: Crop = { left: 0, top: 0, right: 0, bottom: 0 };
const FULL: Rect = { x: 0, y: 0, w: 1, h: 1 };

function layer(id: string, name: string, source: LayerSource, rect: Rect = FULL, fit: Layer['fit'] = 'cover'): Layer {
  return { id, name, source, rect, crop: NO_CROP, visible: true, fit };
}

const lowerThird = layer('lower-third', 'Host name', { kind: 'lower-third' }, { x: 0.04, y: 0.8, w: 0.42, h: 0.12 });

/**
 * The pinned product's card. Every ready-made scene has it as its top layer
 * (an overlay over whatever the scene shows, as OBS users put a browser
 * source on top of every scene), so a pin reaches the video whatever is on
 * air. "Show pinned product card" in a scene's menu is that layer's
 * visibility; the compositor draws one card per scene (the topmost visible
 * card layer), never two.
 */
export const PINNED_CARD_LAYER_ID = 'pinned-card';
export const PINNED_CARD_NAME = 'Pinned product card';
/** The right third of the frame: clear of the host name (bottom left) and of a centred face. */
export const PINNED_CARD_RECT: Rect = Object.freeze({ x: 0.63, y: 0.1, w: 0.33, h: 0.8 });
/** Above the camera picture-in-picture of "Screen + camera" (bottom right). */
const CARD_OVER_PIP: Rect = { x: 0.72, y: 0.04, w: 0.25, h: 0.58 };

export function pinnedCardLayer(rect: Rect = PINNED_CARD_RECT): Layer {
  return layer(PINNED_CARD_LAYER_ID, PINNED_CARD_NAME, { kind: 'product-card' }, { ...rect });
}

/** The card layer the compositor draws: the topmost visible one (a scene may hold older copies). */
export function drawnCardLayer(scene: Scene): Layer | undefined {
  return scene.layers.findLast((l) => l.visible && l.source.kind === 'product-card');
}

/** "Show pinned product card" is on: a pin shows on this scene's video. */
export function showsPinnedCard(scene: Scene): boolean {
  return drawnCardLayer(scene) !== undefined;
}

/**
 * Turns the pinned card on or off for a scene: on shows its topmost card
 * layer (or adds one on top where the scene has none; only the topmost
 * visible one is drawn), off hides every card layer it has. The card's place
 * and stacking stay the host's.
 */
export function withPinnedCard(scene: Scene, show: boolean): Scene {
  const top = scene.layers.findLastIndex((l) => l.source.kind === 'product-card');
  if (show && top < 0) return { ...scene, layers: [...scene.layers, pinnedCardLayer()] };
  return {
    ...scene,
    layers: scene.layers.map((l, i) => (l.source.kind !== 'product-card' ? l : show ? (i === top ? { ...l, visible: true } : l) : { ...l, visible: false })),
  };
}

export function sceneOrientation(scene: Pick<Scene, 'orientation'>): SceneOrientation {
  return scene.orientation ?? 'horizontal';
}

/** Scenes that draw a shared screen or window: taking one asks for it the first time. */
export function usesScreen(scene: Scene): boolean {
  return scene.layers.some((l) => l.visible && l.source.kind === 'screen');
}

/** The ready-made scenes, in hotkey order (F1…); stored once into a new database. */
export const READY_MADE_SCENES: readonly Scene[] = [
  { id: 'camera', name: 'Camera', layers: [layer('cam', 'Camera', { kind: 'camera', slot: 0 }), lowerThird, pinnedCardLayer()] },
  {
    id: 'camera-card',
    name: 'Camera + product card',
    layers: [
      layer('cam', 'Camera', { kind: 'camera', slot: 0 }),
      layer('card', 'Product card', { kind: 'product-card' }, { x: 0.63, y: 0.1, w: 0.33, h: 0.8 }),
      { ...lowerThird, rect: { x: 0.04, y: 0.8, w: 0.4, h: 0.12 } },
    ],
  },
  {
    id: 'close-up',
    name: 'Product close-up',
    layers: [
      layer('bg', 'Backdrop', { kind: 'text', text: '' }),
      layer('product', 'Product image', { kind: 'product-image' }, { x: 0.05, y: 0.05, w: 0.9, h: 0.9 }, 'contain'),
      // Draws only when a second camera is connected; it then replaces the still image.
      layer('cam2', 'Second camera', { kind: 'camera', slot: 1 }),
      pinnedCardLayer(),
    ],
  },
  {
    id: 'screen-pip',
    name: 'Screen + camera',
    layers: [
      layer('screen', 'Screen', { kind: 'screen' }, FULL, 'contain'),
      layer('cam', 'Camera', { kind: 'camera', slot: 0 }, { x: 0.72, y: 0.66, w: 0.25, h: 0.3 }),
      pinnedCardLayer(CARD_OVER_PIP),
    ],
  },
  {
    id: 'starting-soon',
    name: 'Starting soon',
    layers: [layer('card', 'Title card', { kind: 'text', text: 'Starting soon', subtitle: 'Grab a coffee — the show begins in a moment' }), pinnedCardLayer()],
  },
  {
    id: 'be-right-back',
    name: 'Be right back',
    layers: [layer('card', 'Title card', { kind: 'text', text: 'Be right back', subtitle: 'Stay tuned — more deals coming up' }), pinnedCardLayer()],
  },
];

export type SceneTransition = 'cut' | 'fade';

/**
 * The scene on air (main's, so a Take in any window changes the program
 * everywhere; the publishing window's compositor draws it).
 */
export interface ProgramScene {
  readonly sceneId: string;
  /** How the last Take went to air. */
  readonly transition: SceneTransition;
  /** Main's clock when it was taken (epoch ms); 0 before any Take. */
  readonly takenAt: number;
}

/**
 * The scene in preview: the one a Take puts on air next. Main's too (one
 * preview, as on a vision mixer), so the host and a producer's console pick
 * and take the same scene.
 */
export interface PreviewScene {
  readonly sceneId: string;
}

export const INITIAL_PROGRAM_SCENE: ProgramScene = Object.freeze({ sceneId: 'camera', transition: 'cut', takenAt: 0 });
