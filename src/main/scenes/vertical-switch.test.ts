import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { READY_MADE_SCENES, type Scene } from '../../shared/domain/scenes.js';
import { pairOf, READY_MADE_VERTICAL_SCENES } from '../../shared/domain/vertical-scenes.js';
import { openDatabase } from '../db/open-database.js';
import { StudioEventBus } from '../events/event-bus.js';
import { sceneHandlers } from './scene-handlers.js';
import { SceneStore } from './scene-store.js';
import { VerticalStore } from './vertical-store.js';
import { VerticalSwitch } from './vertical-switch.js';

const ctx = { transport: 'ipc', clientId: 'window' } as const;

function studio(file = path.join(tempDir(), 'studio.sqlite'), clock = { now: 1_000 }) {
  const db = openDatabase(file);
  const events = new StudioEventBus();
  const heard: unknown[] = [];
  events.subscribe((channel, payload) => channel === 'studio:event:vertical-switch-changed' && heard.push(payload));
  const store = new SceneStore(db);
  const vertical = new VerticalSwitch(store, new VerticalStore(db), events, () => clock.now);
  const handlers = { ...sceneHandlers(store, events, () => clock.now, vertical), ...vertical.handlers() };
  return { db, file, handlers, heard, clock };
}

describe('the vertical output’s switcher', () => {
  it('linked (the default): a 16:9 Take also takes its vertical pair, with the same transition, at the same moment', async () => {
    const { handlers, heard, clock } = studio();
    expect(await handlers.getVerticalSwitch(undefined, ctx)).toMatchObject({ linked: true, program: { sceneId: 'vertical-camera-card' } });
    clock.now = 5_000;
    await handlers.takeScene({ sceneId: 'close-up', transition: 'fade' }, ctx);
    const state = await handlers.getVerticalSwitch(undefined, ctx);
    expect(state.program).toEqual({ sceneId: 'vertical-product-split', transition: 'fade', takenAt: 5_000 });
    expect(heard.at(-1)).toEqual(state);
    // A title card goes to both outputs as it is.
    await handlers.takeScene({ sceneId: 'be-right-back', transition: 'cut' }, ctx);
    expect((await handlers.getVerticalSwitch(undefined, ctx)).program.sceneId).toBe('be-right-back');
    // The host's pair wins over the automatic one.
    await handlers.setVerticalPair({ sceneId: 'camera', verticalSceneId: 'vertical-guest-stacked' }, ctx);
    await handlers.takeScene({ sceneId: 'camera', transition: 'cut' }, ctx);
    expect((await handlers.getVerticalSwitch(undefined, ctx)).program.sceneId).toBe('vertical-guest-stacked');
    // Its own Take is refused while linked, in host words.
    expect(() => handlers.takeVerticalScene({ sceneId: 'vertical-camera-card', transition: 'cut' }, ctx)).toThrow(/Turn Linked off/);
  });

  it('unlinked: the vertical output has its own preview and Take, and a 16:9 Take leaves it alone', async () => {
    const { handlers } = studio();
    await handlers.setVerticalLinked({ linked: false }, ctx);
    await handlers.takeScene({ sceneId: 'close-up', transition: 'cut' }, ctx);
    expect((await handlers.getVerticalSwitch(undefined, ctx)).program.sceneId).toBe('vertical-camera-card');
    expect((await handlers.pickVerticalPreview({ sceneId: 'vertical-product-split' }, ctx)).preview).toEqual({ sceneId: 'vertical-product-split' });
    const taken = await handlers.takeVerticalScene({ sceneId: 'vertical-product-split', transition: 'cut' }, ctx);
    expect(taken.program.sceneId).toBe('vertical-product-split');
    // As on the 16:9 switcher, the scene taken off air comes back into preview.
    expect(taken.preview.sceneId).toBe('vertical-camera-card');
    expect((await handlers.getProgramScene(undefined, ctx)).sceneId).toBe('close-up');
    // Each switcher takes only its own scenes.
    expect(() => handlers.takeVerticalScene({ sceneId: 'camera', transition: 'cut' }, ctx)).toThrow(expect.objectContaining({ code: 'invalid-input' }));
    expect(() => handlers.takeScene({ sceneId: 'vertical-camera-card', transition: 'cut' }, ctx)).toThrow(expect.objectContaining({ code: 'invalid-input' }));
    // The scene on the vertical output cannot be deleted.
    expect(() => handlers.deleteScene({ sceneId: 'vertical-product-split' }, ctx)).toThrow(expect.objectContaining({ code: 'conflict' }));
    // Linking again lines the outputs up at once: the pair of the 16:9 scene on air.
    expect((await handlers.setVerticalLinked({ linked: true }, ctx)).program.sceneId).toBe('vertical-product-split');
  });

  it('program, Linked and pairs survive a restart (SQLite)', async () => {
    const first = studio();
    await first.handlers.setVerticalLinked({ linked: false }, ctx);
    await first.handlers.takeVerticalScene({ sceneId: 'vertical-guest-stacked', transition: 'fade' }, ctx);
    await first.handlers.setVerticalPair({ sceneId: 'camera-card', verticalSceneId: 'vertical-product-split' }, ctx);
    first.db.close();
    const again = studio(first.file);
    expect(await again.handlers.getVerticalSwitch(undefined, ctx)).toMatchObject({
      linked: false,
      program: { sceneId: 'vertical-guest-stacked', transition: 'fade' },
      pairs: { 'camera-card': 'vertical-product-split' },
    });
    // A pair back to automatic.
    expect((await again.handlers.setVerticalPair({ sceneId: 'camera-card', verticalSceneId: null }, ctx)).pairs).toEqual({});
  });
});

describe('pairOf: the vertical scene a linked Take chooses', () => {
  const all: Scene[] = [...READY_MADE_SCENES, ...READY_MADE_VERTICAL_SCENES];
  const byId = (id: string) => all.find((s) => s.id === id)!;
  it('by what the 16:9 scene shows', () => {
    expect(pairOf(byId('camera'), all, {})).toBe('vertical-camera-card');
    expect(pairOf(byId('camera-card'), all, {})).toBe('vertical-camera-card');
    expect(pairOf(byId('screen-pip'), all, {})).toBe('vertical-camera-card');
    expect(pairOf(byId('close-up'), all, {})).toBe('vertical-product-split');
    expect(pairOf(byId('starting-soon'), all, {})).toBe('starting-soon');
    const withGuest: Scene = { ...byId('camera'), id: 'host-guest', layers: [...byId('camera').layers, { ...byId('camera').layers[0]!, id: 'g', source: { kind: 'guest', slot: 0 } }] };
    expect(pairOf(withGuest, [...all, withGuest], {})).toBe('vertical-guest-stacked');
  });
  it('the host’s pair while it exists, else the automatic one; null with no vertical scene at all', () => {
    expect(pairOf(byId('camera'), all, { camera: 'vertical-product-split' })).toBe('vertical-product-split');
    expect(pairOf(byId('camera'), all, { camera: 'deleted' })).toBe('vertical-camera-card');
    expect(pairOf(byId('camera'), READY_MADE_SCENES, {})).toBeNull();
  });
});
