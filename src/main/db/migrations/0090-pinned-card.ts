import type { Migration } from './types.js';

/**
 * The pinned product's card on every scene's video (issue 15). Until now a
 * pin showed on the video only in scenes with a "Product card" layer, and
 * the first-run program scene (Camera) had none, so viewers of the video
 * never saw it. From here every scene carries the card as a layer, and
 * "Show pinned product card" in the scene's menu is that layer's visibility.
 *
 * For each stored scene:
 * - no product-card layer: one is added on top, visible (the card is on by
 *   default); the host turns it off per scene;
 * - a product-card layer already there: left exactly as the host placed,
 *   stacked and showed or hid it — that layer was already the host's
 *   explicit choice, so nothing is added and a hidden card stays hidden;
 * - a scene already at the 32-layer limit gets nothing (it would no longer
 *   save); its menu's switch adds the card once a layer is gone.
 * The rects are written out here, not imported, so this step stays what it
 * was when released.
 */
const CARD = { x: 0.63, y: 0.1, w: 0.33, h: 0.8 };
/** "Screen + camera": above its camera picture-in-picture in the bottom right. */
const CARD_OVER_PIP = { x: 0.72, y: 0.04, w: 0.25, h: 0.58 };
const MAX_LAYERS = 32;

function pinnedCardLayerFor(sceneId: string, layerIds: ReadonlySet<string>): Record<string, unknown> {
  let id = 'pinned-card';
  for (let n = 2; layerIds.has(id); n++) id = `pinned-card-${n}`;
  return {
    id,
    name: 'Pinned product card',
    source: { kind: 'product-card' },
    rect: sceneId === 'screen-pip' ? CARD_OVER_PIP : CARD,
    crop: { left: 0, top: 0, right: 0, bottom: 0 },
    visible: true,
    fit: 'cover',
  };
}

export const pinnedCardMigration: Migration = {
  version: 90,
  name: 'pinned-card',
  up(db) {
    const rows = db.prepare('SELECT id, layers FROM scenes').all() as { id: string; layers: string }[];
    const update = db.prepare('UPDATE scenes SET layers = ? WHERE id = ?');
    for (const row of rows) {
      let layers: unknown;
      try {
        layers = JSON.parse(row.layers);
      } catch {
        continue; // the CHECK keeps bad JSON out; a broken row is left to the store's reader
      }
      if (!Array.isArray(layers) || layers.length >= MAX_LAYERS) continue;
      const kinds = layers.map((l: unknown) => (l as { source?: { kind?: unknown } } | null)?.source?.kind);
      if (kinds.includes('product-card')) continue;
      const ids = new Set(layers.map((l: unknown) => String((l as { id?: unknown } | null)?.id)));
      update.run(JSON.stringify([...layers, pinnedCardLayerFor(row.id, ids)]), row.id);
    }
  },
};
