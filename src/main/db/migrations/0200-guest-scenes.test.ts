import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { READY_MADE_SCENES, sceneSchema, showsPinnedCard, type Scene } from '../../../shared/domain/scenes.js';
import { tempDir } from '../../../../tests/support/temp-dir.js';
import { migrate } from '../open-database.js';
import { migrations } from './index.js';

describe('migration 0200-guest-scenes', () => {
  // The 16:9 scenes (0190 adds the vertical ones before these).
  const scenesOf = (db: Database.Database) =>
    (db.prepare("SELECT id, name, layers FROM scenes WHERE orientation = 'horizontal' ORDER BY position, id").all() as { id: string; name: string; layers: string }[]).map((r) =>
      sceneSchema.parse({ id: r.id, name: r.name, layers: JSON.parse(r.layers) }),
    );

  it('adds the three guest scenes after the ready-made ones in a new studio, each with the pinned card on', () => {
    const db = new Database(path.join(tempDir(), 'fresh.sqlite'));
    migrate(db, migrations);
    const scenes = scenesOf(db);
    // After the first-run scenes (and the vertical ones, migration 0190): the last in the bar.
    expect(scenes.slice(0, READY_MADE_SCENES.length).map((s) => s.id)).toEqual(READY_MADE_SCENES.map((s) => s.id));
    expect(scenes.slice(-3).map((s) => s.id)).toEqual(['host-guest', 'guest-pip', 'people-grid']);
    const byId = new Map(scenes.map((s) => [s.id, s] as const));
    const sourceAt = (scene: Scene, layerId: string) => scene.layers.find((l) => l.id === layerId);
    // Host + guest: camera on the left half, guest slot 0 on the right half.
    expect(sourceAt(byId.get('host-guest')!, 'cam')).toMatchObject({ source: { kind: 'camera', slot: 0 }, rect: { x: 0, y: 0, w: 0.5, h: 1 } });
    expect(sourceAt(byId.get('host-guest')!, 'guest-1')).toMatchObject({ source: { kind: 'guest', slot: 0 }, rect: { x: 0.5, y: 0, w: 0.5, h: 1 } });
    expect(sourceAt(byId.get('guest-pip')!, 'guest-1')!.rect.w).toBeLessThan(0.5);
    expect(sourceAt(byId.get('people-grid')!, 'grid')).toMatchObject({ source: { kind: 'people-grid' }, rect: { x: 0, y: 0, w: 1, h: 1 } });
    for (const id of ['host-guest', 'guest-pip', 'people-grid']) {
      expect(showsPinnedCard(byId.get(id)!)).toBe(true);
      expect(byId.get(id)!.layers.at(-1)!.source.kind).toBe('product-card');
    }
  });

  it("goes after a studio's own scenes and keeps a scene of the host's that has one of the ids", () => {
    const db = new Database(path.join(tempDir(), 'old.sqlite'));
    migrate(db, migrations.filter((m) => m.version < 200));
    const insert = db.prepare('INSERT INTO scenes (id, name, position, layers, updated_at) VALUES (?, ?, ?, ?, 1)');
    insert.run('my-show', 'My show', 20, '[]');
    insert.run('people-grid', 'My grid', 3, '[]');
    migrate(db, migrations);
    const scenes = scenesOf(db);
    expect(scenes.slice(-3).map((s) => s.id)).toEqual(['my-show', 'host-guest', 'guest-pip']);
    expect(scenes.find((s) => s.id === 'people-grid')).toEqual({ id: 'people-grid', name: 'My grid', layers: [] });
  });
});
