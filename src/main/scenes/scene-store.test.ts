import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { READY_MADE_SCENES, type Scene } from '../../shared/domain/scenes.js';
import { READY_MADE_VERTICAL_SCENES } from '../../shared/domain/vertical-scenes.js';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { openDatabase } from '../db/open-database.js';
import { GUEST_SCENES } from '../db/migrations/0200-guest-scenes.js';
import { SCENE_QUERIES, SceneStore } from './scene-store.js';
import { queryPlan } from '../../../tests/support/query-plan.js';

describe('SceneStore', () => {
  const open = () => {
    const db = openDatabase(path.join(tempDir(), 'studio.sqlite'));
    return { db, store: new SceneStore(db) };
  };
  /** A new studio's scenes: the first-run ones, the vertical ones (migration 0190), then the guest scenes (migration 0200). */
  const firstRun = [...READY_MADE_SCENES, ...READY_MADE_VERTICAL_SCENES, ...GUEST_SCENES];
  const mine: Scene = { id: 'my-intro', name: 'My intro', layers: [READY_MADE_SCENES[0]!.layers[0]!] };

  it('starts with the ready-made scenes, the vertical ones read back with their orientation', () => {
    const list = open().store.list();
    expect(list.map((s) => s.name)).toEqual(firstRun.map((s) => s.name));
    expect(list).toEqual(firstRun);
  });

  it('keeps a saved scene’s orientation; a save that does not say one (an older window, the layer editor) leaves it as it was', () => {
    const { store } = open();
    store.save({ ...mine, orientation: 'vertical' });
    expect(store.list().at(-1)).toEqual({ ...mine, orientation: 'vertical' });
    store.save({ ...mine, name: 'Renamed' });
    expect(store.list().at(-1)).toEqual({ ...mine, name: 'Renamed', orientation: 'vertical' });
    store.save({ ...mine, orientation: 'horizontal' });
    expect(store.list().at(-1)).toEqual(mine);
  });

  it('adds a new scene at the end, replaces it by id, and deletes it', () => {
    const { store } = open();
    store.save(mine);
    expect(store.list().at(-1)).toEqual(mine);
    store.save({ ...mine, name: 'Intro', layers: [] });
    expect(store.list().at(-1)).toEqual({ ...mine, name: 'Intro', layers: [] });
    expect(store.list()).toHaveLength(firstRun.length + 1);
    expect(store.delete('my-intro')).toBe(true);
    expect(store.delete('my-intro')).toBe(false);
  });

  it('reorders: listed ids first, the rest after them, unknown ids ignored', () => {
    const { store } = open();
    const ids = store.reorder(['starting-soon', 'nope', 'camera-card']).map((s) => s.id);
    expect(ids.slice(0, 3)).toEqual(['starting-soon', 'camera-card', 'camera']);
    expect(ids).toHaveLength(firstRun.length);
  });

  it('drops a layer a hand-edited file broke, keeping the scene', () => {
    const { db, store } = open();
    db.prepare("UPDATE scenes SET layers = json_insert(layers, '$[#]', json('{\"kind\":\"bogus\"}')) WHERE id = 'camera'").run();
    expect(store.list()[0]!.layers).toEqual(READY_MADE_SCENES[0]!.layers);
  });

  it('lists scenes by the position index', () => {
    const { db } = open();
    const plan = queryPlan(db, SCENE_QUERIES.list);
    expect(plan).toMatch(/scenes_by_position/);
  });
});
