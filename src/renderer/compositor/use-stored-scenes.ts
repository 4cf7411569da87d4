import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStudio } from '../api/studio-context.js';
import { useStudioValue } from '../api/studio-value.js';
import { newSceneId, READY_MADE_SCENES, type Scene } from './scene-model.js';

/**
 * The scene list as main stores it (SQLite), with local edits on top: a
 * drag changes a scene thirty times a second, so edits show at once and are
 * saved after a short pause; until then, the list main sends back never
 * overwrites the scene being edited.
 */

const SAVE_AFTER_MS = 400;

export interface StoredScenes {
  readonly scenes: readonly Scene[];
  /** The last save or delete main refused, in host words. */
  readonly error: string | null;
  updateScene(scene: Scene): void;
  /** A copy of `from` under a new name; resolves to the new scene's id. */
  duplicateScene(from: Scene, name: string): Promise<string | null>;
  deleteScene(sceneId: string): void;
}

export function useStoredScenes(): StoredScenes {
  const studio = useStudio();
  // The ready-made scenes show until main answers, so the picture never waits for the database.
  const stored = useStudioValue({ event: 'scenesChanged', read: (api) => api.listScenes() }).value ?? READY_MADE_SCENES;
  const [edits, setEdits] = useState<ReadonlyMap<string, Scene>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((t) => clearTimeout(t));
  }, []);

  const updateScene = useCallback(
    (scene: Scene) => {
      setEdits((all) => new Map(all).set(scene.id, scene));
      clearTimeout(timers.current.get(scene.id));
      timers.current.set(
        scene.id,
        setTimeout(() => {
          timers.current.delete(scene.id);
          void studio.saveScene({ scene }).then((r) => {
            setError(r.ok ? null : r.error.message);
            // Keep the local copy if the host edited again meanwhile.
            setEdits((all) => {
              if (all.get(scene.id) !== scene) return all;
              const next = new Map(all);
              next.delete(scene.id);
              return next;
            });
          });
        }, SAVE_AFTER_MS),
      );
    },
    [studio],
  );

  const duplicateScene = useCallback(
    async (from: Scene, name: string) => {
      const scene: Scene = { ...from, id: newSceneId(name), name };
      const result = await studio.saveScene({ scene });
      setError(result.ok ? null : result.error.message);
      return result.ok ? scene.id : null;
    },
    [studio],
  );

  const deleteScene = useCallback(
    (sceneId: string) => {
      // An edit still waiting to be saved would bring the deleted scene back: drop it first.
      clearTimeout(timers.current.get(sceneId));
      timers.current.delete(sceneId);
      setEdits((all) => {
        if (!all.has(sceneId)) return all;
        const next = new Map(all);
        next.delete(sceneId);
        return next;
      });
      void studio.deleteScene({ sceneId }).then((r) => setError(r.ok ? null : r.error.message));
    },
    [studio],
  );

  const scenes = useMemo(() => stored.map((s) => edits.get(s.id) ?? s), [stored, edits]);
  return useMemo(() => ({ scenes, error, updateScene, duplicateScene, deleteScene }), [scenes, error, updateScene, duplicateScene, deleteScene]);
}
