import { useCapture } from '../publish/publish-context.js';
import { useCompositor } from './compositor-context.js';
import { moveLayer, replaceLayer } from './scene-model.js';
import { SceneActions } from './SceneActions.js';
import { AddLayerForm } from './AddLayerForm.js';

/** The preview scene's layers, top first: select, show/hide, and move up or down the stack. Plus the extra sources. */
export function LayerList() {
  const { scenes, previewId, selectedLayerId, selectLayer, updateScene, sources } = useCompositor();
  const capture = useCapture();
  const scene = scenes.find((s) => s.id === previewId);
  if (!scene) return null;
  const topFirst = [...scene.layers].reverse();
  return (
    <div className="layer-editor">
      <SceneActions />
      <ul className="layer-list" aria-label={`Layers of ${scene.name}`}>
        {topFirst.map((layer, i) => (
          <li key={layer.id} className={`layer-row${layer.id === selectedLayerId ? ' is-selected' : ''}`}>
            <button
              type="button"
              className="layer-visibility"
              aria-pressed={layer.visible}
              aria-label={`${layer.visible ? 'Hide' : 'Show'} ${layer.name}`}
              onClick={() => updateScene(replaceLayer(scene, { ...layer, visible: !layer.visible }))}
            >
              {layer.visible ? '●' : '○'}
            </button>
            <button type="button" className="layer-name" onClick={() => selectLayer(layer.id)}>
              {layer.name}
            </button>
            <button type="button" className="layer-order" aria-label={`Move ${layer.name} up`} disabled={i === 0} onClick={() => updateScene(moveLayer(scene, layer.id, 1))}>
              ↑
            </button>
            <button
              type="button"
              className="layer-order"
              aria-label={`Move ${layer.name} down`}
              disabled={i === topFirst.length - 1}
              onClick={() => updateScene(moveLayer(scene, layer.id, -1))}
            >
              ↓
            </button>
          </li>
        ))}
      </ul>
      <div className="source-controls">
        <label className="source-field">
          <span>Second camera</span>
          <select className="select" value={sources.secondCameraId ?? ''} onChange={(e) => sources.setSecondCamera(e.target.value || null)}>
            <option value="">None</option>
            {(capture?.cameras ?? []).map((c, i) => (
              <option key={c.deviceId} value={c.deviceId}>
                {c.label || `Camera ${i + 1}`}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button button-small" aria-pressed={sources.screenOn} onClick={sources.toggleScreen}>
          {sources.screenOn ? 'Stop sharing screen' : 'Share screen…'}
        </button>
        {sources.error && (
          <p className="source-error" role="alert">
            {sources.error}
          </p>
        )}
      </div>
      <AddLayerForm />
    </div>
  );
}
