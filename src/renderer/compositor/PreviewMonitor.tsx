import { useEffect, useRef, type PointerEvent } from 'react';
import { dragRect, gripAt, type Grip } from './layout.js';
import { replaceLayer, type Rect } from './scene-model.js';
import { useCompositor } from './compositor-context.js';
import { SceneMenu } from './SceneMenu.js';

/** Preview drawn at a third of 1080p: sharp enough to edit, cheap enough to draw every frame next to the program. */
const PREVIEW_WIDTH = 640;
const PREVIEW_HEIGHT = 360;
const HANDLE = 0.015;

/**
 * The preview monitor: the scene picked next, drawn by the compositor into
 * this canvas. Click a layer to select it; drag its body to move it or a
 * corner handle to resize it (changes apply to the scene at once, and to
 * program too if that scene is on air — as in OBS).
 */
export function PreviewMonitor() {
  const { compositor, scenes, previewId, selectedLayerId, selectLayer, updateScene, sources } = useCompositor();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drag = useRef<{ grip: Grip; layerId: string; start: Rect; px: number; py: number } | null>(null);
  const scene = scenes.find((s) => s.id === previewId) ?? null;

  useEffect(() => {
    compositor?.setPreview(canvas.current, scene, selectedLayerId);
  }, [compositor, scene, selectedLayerId]);
  useEffect(() => () => compositor?.setPreview(null, null, null), [compositor]);

  const pointAt = (event: PointerEvent<HTMLCanvasElement>) => {
    // The canvas is letterboxed (object-fit: contain) when the panel is short: map through the drawn area.
    const box = event.currentTarget.getBoundingClientRect();
    const scale = Math.min(box.width / PREVIEW_WIDTH, box.height / PREVIEW_HEIGHT);
    const w = PREVIEW_WIDTH * scale;
    const h = PREVIEW_HEIGHT * scale;
    return { px: (event.clientX - box.left - (box.width - w) / 2) / w, py: (event.clientY - box.top - (box.height - h) / 2) / h };
  };

  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>) => {
    if (!scene) return;
    const { px, py } = pointAt(event);
    const aspect = PREVIEW_WIDTH / PREVIEW_HEIGHT;
    const selected = scene.layers.find((l) => l.id === selectedLayerId && l.visible);
    // The selected layer's handles win; otherwise the topmost visible layer under the pointer.
    let grip = selected ? gripAt(selected.rect, px, py, HANDLE, aspect) : null;
    let layer = grip ? selected : undefined;
    if (!grip) {
      layer = [...scene.layers].reverse().find((l) => l.visible && gripAt(l.rect, px, py, 0, aspect) === 'move');
      grip = layer ? 'move' : null;
    }
    selectLayer(layer?.id ?? null);
    if (!layer || !grip) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { grip, layerId: layer.id, start: layer.rect, px, py };
  };

  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    const current = drag.current;
    const layer = scene?.layers.find((l) => l.id === current?.layerId);
    if (!current || !scene || !layer) return;
    const { px, py } = pointAt(event);
    updateScene(replaceLayer(scene, { ...layer, rect: dragRect(current.start, current.grip, px - current.px, py - current.py) }));
  };

  return (
    <div className="monitor monitor-preview">
      <div className="monitor-label">
        <span className="monitor-tag monitor-tag-preview">Preview</span>
        <span className="monitor-scene">{scene?.name}</span>
        {scene && <SceneMenu scene={scene} />}
      </div>
      {sources.error && scene?.layers.some((l) => l.source.kind === 'screen') && (
        <p className="source-error" role="alert">
          {sources.error}
        </p>
      )}
      <canvas
        ref={canvas}
        className="monitor-canvas"
        width={PREVIEW_WIDTH}
        height={PREVIEW_HEIGHT}
        data-testid="preview-canvas"
        aria-label={`Preview: ${scene?.name ?? 'no scene'}`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={() => (drag.current = null)}
        onPointerCancel={() => (drag.current = null)}
      />
    </div>
  );
}
