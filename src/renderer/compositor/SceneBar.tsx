import { useCompositor } from './compositor-context.js';

/**
 * The scene buttons (F1–F8 pick into preview) and Take (Space or Enter).
 * Red marks the scene on air, green the one in preview, as in OBS and
 * hardware switchers.
 */
export function SceneBar() {
  const { scenes, previewId, programId, pickPreview, take, transition, setTransition } = useCompositor();
  return (
    <div className="scene-bar">
      <div className="scene-list" role="toolbar" aria-label="Scenes">
        {scenes.map((scene, index) => {
          const state = scene.id === programId ? 'program' : scene.id === previewId ? 'preview' : 'idle';
          return (
            <button
              key={scene.id}
              type="button"
              className={`scene-button scene-${state}`}
              aria-pressed={scene.id === previewId}
              data-scene={scene.id}
              title={index < 8 ? `${scene.name} (F${index + 1}: put in preview)` : scene.name}
              onClick={() => pickPreview(scene.id)}
            >
              {index < 8 && <kbd className="scene-key">F{index + 1}</kbd>}
              <span className="scene-name">{scene.name}</span>
            </button>
          );
        })}
      </div>
      <div className="take-controls">
        <div className="segmented" role="radiogroup" aria-label="Transition">
          {(['cut', 'fade'] as const).map((t) => (
            <button key={t} type="button" role="radio" aria-checked={transition === t} className="segmented-option" onClick={() => setTransition(t)}>
              {t === 'cut' ? 'Cut' : 'Fade'}
            </button>
          ))}
        </div>
        <button type="button" className="button take-button" onClick={take} disabled={previewId === programId} title="Space or Enter">
          Take
        </button>
      </div>
    </div>
  );
}
