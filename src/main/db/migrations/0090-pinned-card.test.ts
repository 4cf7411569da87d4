import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { layerSchema, READY_MADE_SCENES, type Layer } from '../../../shared/domain/scenes.js';
import { tempDir } from '../../../../tests/support/temp-dir.js';
import { migrate } from '../open-database.js';
import { migrations } from './index.js';

/** Layers as a studio from before this step stored them (the first-run scenes had no card outside "Camera + product card"). */
const cam = { id: 'cam', name: 'Camera', source: { kind: 'camera', slot: 0 }, rect: { x: 0, y: 0, w: 1, h: 1 }, crop: { left: 0, top: 0, right: 0, bottom: 0 }, visible: true, fit: 'cover' };
const card = (visible: boolean, id = 'card') => ({ ...cam, id, name: 'Product card', source: { kind: 'product-card' }, rect: { x: 0.1, y: 0.2, w: 0.3, h: 0.5 }, visible });
const screen = { ...cam, id: 'screen', name: 'Screen', source: { kind: 'screen' }, fit: 'contain' };

describe('migration 0090-pinned-card', () => {
  const at80 = (scenes: Record<string, unknown[] | string>) => {
    const db = new Database(path.join(tempDir(), 'scenes.sqlite'));
    migrate(db, migrations.filter((m) => m.version <= 80));
    db.prepare('DELETE FROM scenes').run();
    const insert = db.prepare('INSERT INTO scenes (id, name, position, layers, updated_at) VALUES (?, ?, ?, ?, 1)');
    Object.entries(scenes).forEach(([id, layers], i) => insert.run(id, id, i, typeof layers === 'string' ? layers : JSON.stringify(layers)));
    return db;
  };
  const layersOf = (db: Database.Database, id: string) => JSON.parse(db.prepare('SELECT layers FROM scenes WHERE id = ?').pluck().get(id) as string) as Layer[];

  it('puts a visible card on top of every scene without one, and leaves a scene that had a card layer as the host set it', () => {
    const db = at80({
      camera: [cam],
      'my-look': [cam, card(false)],
      'my-card': [card(true), cam],
      'screen-pip': [screen, { ...cam, rect: { x: 0.72, y: 0.66, w: 0.25, h: 0.3 } }],
      // A host's layer already called "pinned-card" (of another kind) keeps its id.
      clash: [{ ...cam, id: 'pinned-card' }],
    });
    migrate(db, migrations);

    const camera = layersOf(db, 'camera');
    expect(camera).toHaveLength(2);
    expect(camera[1]).toMatchObject({ id: 'pinned-card', name: 'Pinned product card', source: { kind: 'product-card' }, visible: true, rect: { x: 0.63, y: 0.1, w: 0.33, h: 0.8 } });
    // Every added layer is one the store reads back.
    expect(layerSchema.safeParse(camera[1]).success).toBe(true);
    // A card the host hid stays hidden, and nothing is added next to it; a card the host put under the camera stays there.
    expect(layersOf(db, 'my-look')).toEqual([cam, card(false)]);
    expect(layersOf(db, 'my-card')).toEqual([card(true), cam]);
    // "Screen + camera": above its camera in the bottom right, not over it.
    expect(layersOf(db, 'screen-pip')[2]!.rect).toEqual({ x: 0.72, y: 0.04, w: 0.25, h: 0.58 });
    expect(layersOf(db, 'clash').map((l) => l.id)).toEqual(['pinned-card', 'pinned-card-2']);
  });

  it('leaves a scene at the 32-layer limit, and a database that starts fresh has the card in every first-run scene', () => {
    const full = Array.from({ length: 32 }, (_, i) => ({ ...cam, id: `l${i}` }));
    const db = at80({ full });
    migrate(db, migrations);
    expect(layersOf(db, 'full')).toHaveLength(32);

    const fresh = new Database(path.join(tempDir(), 'fresh.sqlite'));
    migrate(fresh, migrations);
    for (const scene of READY_MADE_SCENES) {
      const layers = layersOf(fresh, scene.id);
      expect(layers).toEqual(scene.layers);
      expect(layers.filter((l) => l.source.kind === 'product-card' && l.visible)).toHaveLength(1);
    }
  });
});
