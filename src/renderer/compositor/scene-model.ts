import type { Layer, Scene } from '../../shared/domain/scenes.js';

/**
 * Scene editing in the renderer: the shapes live in shared/domain/scenes.ts
 * (main stores them); these are the edits the layer list and handles make.
 */
export {
  drawnCardLayer,
  NO_CROP,
  READY_MADE_SCENES,
  showsPinnedCard,
  usesScreen,
  withPinnedCard,
  type Crop,
  type Layer,
  type LayerSource,
  type Rect,
  type Scene,
} from '../../shared/domain/scenes.js';

export function replaceLayer(scene: Scene, next: Layer): Scene {
  return { ...scene, layers: scene.layers.map((l) => (l.id === next.id ? next : l)) };
}

/** Moves a layer one step up (towards the top, +1) or down (-1) in the drawing order. */
export function moveLayer(scene: Scene, layerId: string, step: 1 | -1): Scene {
  const index = scene.layers.findIndex((l) => l.id === layerId);
  const target = index + step;
  if (index < 0 || target < 0 || target >= scene.layers.length) return scene;
  const layers = [...scene.layers];
  [layers[index], layers[target]] = [layers[target]!, layers[index]!];
  return { ...scene, layers };
}

/** A new scene id from its name ("My intro" -> "my-intro-k3f9"); the suffix keeps copies apart. */
export function newSceneId(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'scene';
  return `${slug}-${Math.random().toString(36).slice(2, 6)}`;
}
