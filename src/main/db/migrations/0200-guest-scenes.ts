import type { Migration } from './types.js';

/**
 * Ready-made scenes for guests on air (issue 18), added at the end of the
 * scene bar of every studio, new or old:
 * - "Host + guest": the host's camera on the left half, the first guest on
 *   air on the right half, the host's name bottom left;
 * - "Guest picture-in-picture": the camera full frame, the first guest small
 *   in the bottom right corner;
 * - "Grid": the host and every guest on air tiled (1 full, 2 side by side,
 *   3–4 a 2x2 grid).
 * Each carries the pinned product card on top, visible, as every scene has
 * since 0090 (placed clear of the guest's face where it can be). An empty
 * guest slot draws nothing, so a scene taken before a guest is on air shows
 * the host alone. A studio that already holds a scene with one of these ids
 * keeps its own. Layers are written out here, not imported, so this step
 * stays what it was when released.
 */
const FULL = { x: 0, y: 0, w: 1, h: 1 };
const NO_CROP = { left: 0, top: 0, right: 0, bottom: 0 };

function layer(id: string, name: string, source: Record<string, unknown>, rect: Record<string, number> = FULL) {
  return { id, name, source, rect, crop: NO_CROP, visible: true, fit: 'cover' };
}

const hostName = layer('lower-third', 'Host name', { kind: 'lower-third' }, { x: 0.04, y: 0.8, w: 0.42, h: 0.12 });
/** Over the right edge of the guest's half, above where a name strip sits. */
const CARD_BESIDE_GUEST = { x: 0.74, y: 0.08, w: 0.23, h: 0.6 };
/** Above the corner picture-in-picture (as "Screen + camera" has it). */
const CARD_OVER_PIP = { x: 0.72, y: 0.04, w: 0.25, h: 0.58 };
const card = (rect: Record<string, number>) => layer('pinned-card', 'Pinned product card', { kind: 'product-card' }, rect);

export const GUEST_SCENES: readonly { id: string; name: string; layers: readonly unknown[] }[] = [
  {
    id: 'host-guest',
    name: 'Host + guest',
    layers: [
      layer('cam', 'Camera', { kind: 'camera', slot: 0 }, { x: 0, y: 0, w: 0.5, h: 1 }),
      layer('guest-1', 'Guest 1', { kind: 'guest', slot: 0 }, { x: 0.5, y: 0, w: 0.5, h: 1 }),
      hostName,
      card(CARD_BESIDE_GUEST),
    ],
  },
  {
    id: 'guest-pip',
    name: 'Guest picture-in-picture',
    layers: [
      layer('cam', 'Camera', { kind: 'camera', slot: 0 }),
      layer('guest-1', 'Guest 1', { kind: 'guest', slot: 0 }, { x: 0.72, y: 0.66, w: 0.25, h: 0.3 }),
      hostName,
      card(CARD_OVER_PIP),
    ],
  },
  {
    id: 'people-grid',
    name: 'Grid',
    layers: [layer('grid', 'People grid', { kind: 'people-grid' }), card(CARD_BESIDE_GUEST)],
  },
];

export const guestScenesMigration: Migration = {
  version: 200,
  name: 'guest-scenes',
  up(db) {
    const insert = db.prepare(
      `INSERT OR IGNORE INTO scenes (id, name, position, layers, updated_at)
       VALUES (?, ?, (SELECT coalesce(max(position), -1) + 1 FROM scenes), ?, ?)`,
    );
    const now = Date.now();
    for (const scene of GUEST_SCENES) insert.run(scene.id, scene.name, JSON.stringify(scene.layers), now);
  },
};
