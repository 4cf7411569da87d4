import { useEffect, useState } from 'react';
import { useCompositor } from './compositor-context.js';

/** Rename, duplicate (the way to make a new scene: start from one that is close) and delete the preview scene. */
export function SceneActions() {
  const { scenes, previewId, updateScene, duplicatePreview, deletePreview, sceneError } = useCompositor();
  const scene = scenes.find((s) => s.id === previewId);
  const [name, setName] = useState(scene?.name ?? '');
  useEffect(() => setName(scene?.name ?? ''), [scene?.name]);
  if (!scene) return null;
  const rename = () => {
    const trimmed = name.trim();
    if (trimmed && trimmed !== scene.name) updateScene({ ...scene, name: trimmed.slice(0, 60) });
    else setName(scene.name);
  };
  return (
    <div className="scene-actions">
      <label className="scene-name-field">
        <span className="visually-hidden">Scene name</span>
        <input
          className="input"
          value={name}
          maxLength={60}
          aria-label="Scene name"
          onChange={(e) => setName(e.target.value)}
          onBlur={rename}
          onKeyDown={(e) => {
            if (e.key === 'Enter') e.currentTarget.blur();
            if (e.key === 'Escape') setName(scene.name);
          }}
        />
      </label>
      <button type="button" className="button button-small" onClick={() => void duplicatePreview(`${scene.name} copy`.slice(0, 60))}>
        Duplicate scene
      </button>
      <button type="button" className="button button-small" onClick={deletePreview}>
        Delete scene
      </button>
      {sceneError && (
        <p className="source-error" role="alert">
          {sceneError}
        </p>
      )}
    </div>
  );
}
