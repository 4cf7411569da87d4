import { useCallback, useMemo } from 'react';
import type { PreviewScene, ProgramScene } from '../../shared/domain/scenes.js';
import { useStudio } from '../api/studio-context.js';
import { useStudioValue } from '../api/studio-value.js';
import type { Transition } from './compositor.js';

/**
 * The scenes in preview and on air, main's (the same in every window: the
 * host's and producer consoles), and the two ways this window changes them.
 * Main is the one source of truth: a window never writes main's answer
 * over an event that may be newer (another window's pick).
 */
export interface SceneSwitch {
  readonly program: ProgramScene | null;
  readonly preview: PreviewScene | null;
  /** Shows the scene in preview at once and asks main; resolves to main's refusal in host words, or null. */
  pick(sceneId: string): Promise<string | null>;
  /** Puts the scene on air; resolves to main's refusal in host words, or null. */
  take(sceneId: string, transition: Transition): Promise<string | null>;
  /** Shows a preview main is about to send anyway (a deleted scene's replacement). */
  showPreview(preview: PreviewScene): void;
}

export function useSceneSwitch(): SceneSwitch {
  const studio = useStudio();
  // The scene on air: a Take in any window (the desktop, a producer console) changes it in all.
  const program = useStudioValue({ event: 'programSceneChanged', read: (api) => api.getProgramScene() });
  // So is the scene in preview: a producer's pick shows in the host's window, and a Take in either swaps them.
  const preview = useStudioValue({ event: 'previewSceneChanged', read: (api) => api.getPreviewScene() });
  const { set: showPreview, reload: reloadPreview } = preview;

  const pick = useCallback(
    async (sceneId: string) => {
      // Shown here at once; main tells every other window (previewSceneChanged).
      showPreview({ sceneId });
      const result = await studio.pickPreviewScene({ sceneId });
      if (result.ok) return null;
      // Refused (the scene was deleted meanwhile): back to what main and every other window show.
      void reloadPreview();
      return result.error.message;
    },
    [studio, showPreview, reloadPreview],
  );

  const take = useCallback(
    async (sceneId: string, transition: Transition) => {
      // Main swaps the old program into preview itself (previewSceneChanged, sent before this answer, as fast as the
      // new program): setting it here too could undo a newer pick a producer made meanwhile.
      const result = await studio.takeScene({ sceneId, transition });
      return result.ok ? null : result.error.message;
    },
    [studio],
  );

  return useMemo(
    () => ({ program: program.value, preview: preview.value, pick, take, showPreview }),
    [program.value, preview.value, pick, take, showPreview],
  );
}
