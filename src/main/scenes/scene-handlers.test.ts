import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { StudioEventBus } from '../events/event-bus.js';
import { openDatabase } from '../db/open-database.js';
import { previewOf, sceneHandlers } from './scene-handlers.js';
import { SceneStore } from './scene-store.js';

const ctx = { transport: 'ipc', clientId: 'window' } as const;

describe('the program scene is main’s', () => {
  it('a Take from any window puts the scene on air for every window; an unknown or on-air scene is refused', async () => {
    const events = new StudioEventBus();
    const heard: unknown[] = [];
    events.subscribe((channel, payload) => channel === 'studio:event:program-scene-changed' && heard.push(payload));
    const handlers = sceneHandlers(new SceneStore(openDatabase(path.join(tempDir(), 'studio.sqlite'))), events, () => 5_000);
    expect(await handlers.getProgramScene(undefined, ctx)).toEqual({ sceneId: 'camera', transition: 'cut', takenAt: 0 });

    const taken = await handlers.takeScene({ sceneId: 'starting-soon', transition: 'fade' }, { transport: 'control', clientId: 'c-2' } as never);
    expect(taken).toEqual({ sceneId: 'starting-soon', transition: 'fade', takenAt: 5_000 });
    expect(heard).toEqual([taken]);
    expect(await handlers.getProgramScene(undefined, ctx)).toEqual(taken);

    expect(() => handlers.takeScene({ sceneId: 'gone', transition: 'cut' }, ctx)).toThrow(expect.objectContaining({ code: 'not-found' }));
    expect(() => handlers.deleteScene({ sceneId: 'starting-soon' }, ctx)).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(heard).toHaveLength(1);
  });
});

describe('the preview scene is main’s too', () => {
  it('one preview for every window: a pick tells every UI; a Take swaps preview and program; deleting the preview shows the program there', async () => {
    const events = new StudioEventBus();
    const heard: { channel: string; payload: unknown }[] = [];
    events.subscribe((channel, payload) => heard.push({ channel, payload }));
    const handlers = sceneHandlers(new SceneStore(openDatabase(path.join(tempDir(), 'studio.sqlite'))), events, () => 9_000);
    const producer = { transport: 'control', clientId: 'c-2' } as never;
    const previews = () => heard.filter((e) => e.channel === 'studio:event:preview-scene-changed').map((e) => e.payload);

    expect(await handlers.getPreviewScene(undefined, ctx)).toEqual({ sceneId: 'camera-card' });
    expect(await handlers.pickPreviewScene({ sceneId: 'close-up' }, producer)).toEqual({ sceneId: 'close-up' });
    expect(previews()).toEqual([{ sceneId: 'close-up' }]);
    // Picking what is already in preview tells nobody again.
    await handlers.pickPreviewScene({ sceneId: 'close-up' }, ctx);
    expect(previews()).toHaveLength(1);
    expect(() => handlers.pickPreviewScene({ sceneId: 'gone' }, ctx)).toThrow(expect.objectContaining({ code: 'not-found' }));

    // The host's Take of what the producer put in preview: on air, and the camera comes back into preview.
    await handlers.takeScene({ sceneId: 'close-up', transition: 'fade' }, ctx);
    expect(await handlers.getProgramScene(undefined, producer)).toMatchObject({ sceneId: 'close-up' });
    expect(await handlers.getPreviewScene(undefined, producer)).toEqual({ sceneId: 'camera' });
    expect(heard.slice(-2).map((e) => e.channel)).toEqual(['studio:event:program-scene-changed', 'studio:event:preview-scene-changed']);

    await handlers.pickPreviewScene({ sceneId: 'starting-soon' }, ctx);
    await handlers.deleteScene({ sceneId: 'starting-soon' }, ctx);
    expect(await handlers.getPreviewScene(undefined, ctx)).toEqual({ sceneId: 'close-up' });
    expect(previews().at(-1)).toEqual({ sceneId: 'close-up' });
  });

  it('before any pick: camera + product card, else the first scene off air', () => {
    const scene = (id: string) => ({ id, name: id, layers: [] });
    expect(previewOf([scene('camera'), scene('camera-card')], null, 'camera')).toBe('camera-card');
    expect(previewOf([scene('camera'), scene('camera-card')], null, 'camera-card')).toBe('camera');
    expect(previewOf([scene('a'), scene('b')], 'gone', 'a')).toBe('b');
    expect(previewOf([scene('a')], null, 'a')).toBe('a');
    expect(previewOf([scene('a'), scene('b')], 'a', 'a')).toBe('a');
  });
});

describe('the program scene across a restart', () => {
  it('comes back on the scene last taken; on the camera when that scene is gone from a restored file', async () => {
    const file = path.join(tempDir(), 'studio.sqlite');
    const first = openDatabase(file);
    const before = sceneHandlers(new SceneStore(first), new StudioEventBus(), () => 7_000);
    await before.takeScene({ sceneId: 'be-right-back', transition: 'fade' }, ctx);
    first.close();

    const second = openDatabase(file);
    const after = sceneHandlers(new SceneStore(second), new StudioEventBus());
    expect(await after.getProgramScene(undefined, ctx)).toEqual({ sceneId: 'be-right-back', transition: 'fade', takenAt: 7_000 });
    // The scene on air cannot be deleted through the studio; a file restored without it starts on the camera.
    second.prepare("DELETE FROM scenes WHERE id = 'be-right-back'").run();
    second.close();
    const third = openDatabase(file);
    expect(await sceneHandlers(new SceneStore(third), new StudioEventBus()).getProgramScene(undefined, ctx)).toEqual({ sceneId: 'camera', transition: 'cut', takenAt: 0 });
    third.close();
  });
});
