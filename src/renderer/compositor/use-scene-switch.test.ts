// @vitest-environment happy-dom
/**
 * Preview and program are main's: a window's Take or refused pick never
 * leaves it showing a preview that main (and every other window) does not.
 */
import { describe, expect, it } from 'vitest';
import { FakeStudio } from '../../../tests/support/fake-studio.js';
import { renderHook, settle } from '../../../tests/support/render-hook.js';
import { useSceneSwitch } from './use-scene-switch.js';

async function started() {
  const studio = new FakeStudio(['getProgramScene', 'getPreviewScene', 'pickPreviewScene', 'takeScene'], ['programSceneChanged', 'previewSceneChanged']);
  const hook = renderHook(studio.api, () => useSceneSwitch());
  await settle(() => {
    studio.next('getProgramScene').answer({ sceneId: 'camera', transition: 'cut', takenAt: 1 });
    studio.next('getPreviewScene').answer({ sceneId: 'camera-card' });
  });
  return { studio, hook };
}

describe('useSceneSwitch', () => {
  it('a Take keeps a pick another window made while it was on its way (main swaps the preview, not the window)', async () => {
    const { studio, hook } = await started();
    let refused: string | null | undefined;
    await settle(() => void hook.current.take('camera-card', 'fade').then((r) => (refused = r)));
    expect(studio.next('takeScene').input).toEqual({ sceneId: 'camera-card', transition: 'fade' });
    // Main: the new program, the old one into preview; then a producer picks "Starting soon"; then the Take's answer.
    await settle(() => {
      studio.emit('programSceneChanged', { sceneId: 'camera-card', transition: 'fade', takenAt: 2 });
      studio.emit('previewSceneChanged', { sceneId: 'camera' });
      studio.emit('previewSceneChanged', { sceneId: 'starting-soon' });
    });
    await settle(() => studio.next('takeScene').answer({ sceneId: 'camera-card', transition: 'fade', takenAt: 2 }));
    expect(refused).toBeNull();
    expect(hook.current.program?.sceneId).toBe('camera-card');
    expect(hook.current.preview?.sceneId).toBe('starting-soon');
    hook.unmount();
  });

  it('a refused Take changes nothing and says why', async () => {
    const { studio, hook } = await started();
    let refused: string | null | undefined;
    await settle(() => void hook.current.take('gone', 'cut').then((r) => (refused = r)));
    await settle(() => studio.next('takeScene').fail({ code: 'not-found', message: 'That scene no longer exists. Pick another one.' }));
    expect(refused).toBe('That scene no longer exists. Pick another one.');
    expect(hook.current.program?.sceneId).toBe('camera');
    expect(hook.current.preview?.sceneId).toBe('camera-card');
    hook.unmount();
  });

  it('a pick shows at once; refused, the window goes back to main’s preview', async () => {
    const { studio, hook } = await started();
    let refused: string | null | undefined;
    await settle(() => void hook.current.pick('deleted-elsewhere').then((r) => (refused = r)));
    expect(hook.current.preview?.sceneId).toBe('deleted-elsewhere');
    expect(studio.pending('getPreviewScene')).toHaveLength(0);
    await settle(() => studio.next('pickPreviewScene').fail({ code: 'not-found', message: 'That scene no longer exists. Pick another one.' }));
    expect(refused).toBe('That scene no longer exists. Pick another one.');
    // Main is asked again, and its answer replaces the refused scene.
    await settle(() => studio.next('getPreviewScene').answer({ sceneId: 'camera-card' }));
    expect(hook.current.preview?.sceneId).toBe('camera-card');
    hook.unmount();
  });

  it('an accepted pick stays without a read back', async () => {
    const { studio, hook } = await started();
    await settle(() => void hook.current.pick('close-up'));
    await settle(() => studio.next('pickPreviewScene').answer({ sceneId: 'close-up' }));
    expect(hook.current.preview?.sceneId).toBe('close-up');
    expect(studio.pending('getPreviewScene')).toHaveLength(0);
    hook.unmount();
  });
});
