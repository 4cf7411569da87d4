import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { StudioEventBus } from '../core/event-bus.js';
import { openDatabase } from '../db/open-database.js';
import { sceneHandlers } from './scene-handlers.js';
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
