import { pairOf } from '../../shared/domain/vertical-scenes.js';
import { useCompositor } from './compositor-context.js';
import { useVertical } from './vertical-context.js';

const FEED_WORDS = {
  off: '',
  waiting: 'Goes out with the show',
  starting: 'Starting…',
  live: 'Sending',
  stopped: 'Stopped (16:9 goes on)',
  error: 'Not sent',
} as const;

/**
 * The vertical output's switcher, under the 16:9 one: "Linked" (one Take
 * switches both outputs), the vertical scenes (preview green, on air red,
 * as above), its own Take when unlinked, which vertical scene goes with the
 * 16:9 scene in preview, and Stop / Start of the vertical feed alone.
 */
export function VerticalBar() {
  const vertical = useVertical();
  const { scenes: horizontalScenes, previewId: horizontalPreview } = useCompositor();
  const { enabled, state, scenes, feed } = vertical;
  if (!enabled) return null;
  const linked = state?.linked ?? true;
  const programId = state?.program.sceneId;
  const previewId = state?.preview.sceneId;
  const paired = horizontalScenes.find((s) => s.id === horizontalPreview);
  const automatic = paired && state ? pairOf(paired, [...horizontalScenes, ...scenes], {}) : null;
  const automaticName = [...horizontalScenes, ...scenes].find((s) => s.id === automatic)?.name ?? 'no change';
  return (
    <div className="vertical-bar" role="group" aria-label="Vertical output">
      <label className="vertical-linked">
        <input type="checkbox" checked={linked} onChange={(e) => vertical.setLinked(e.target.checked)} />
        <span>Linked</span>
      </label>
      <div className="scene-list" role="toolbar" aria-label="Vertical scenes">
        {scenes.map((scene) => {
          const shown = scene.id === programId ? 'program' : !linked && scene.id === previewId ? 'preview' : 'idle';
          return (
            <button
              key={scene.id}
              type="button"
              className={`scene-button scene-${shown}`}
              data-vertical-scene={scene.id}
              aria-pressed={!linked && scene.id === previewId}
              disabled={linked}
              title={linked ? 'Linked: the vertical output follows the 16:9 Take. Untick Linked to switch it on its own.' : `${scene.name}: put in vertical preview`}
              onClick={() => vertical.pick(scene.id)}
            >
              <span className="scene-name">{scene.name}</span>
            </button>
          );
        })}
      </div>
      {!linked && (
        <button type="button" className="button take-button" onClick={vertical.take} disabled={previewId === programId}>
          Take vertical
        </button>
      )}
      {linked && paired && (
        <label className="vertical-pair">
          <span>With “{paired.name}”:</span>
          <select value={state?.pairs[paired.id] ?? ''} onChange={(e) => vertical.setPair(paired.id, e.target.value === '' ? null : e.target.value)}>
            <option value="">Automatic ({automaticName})</option>
            {scenes.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <span className={`vertical-feed vertical-feed-${feed.phase}`} data-testid="vertical-feed" data-state={feed.phase}>
        {FEED_WORDS[feed.phase]}
      </span>
      {(feed.phase === 'live' || feed.phase === 'starting') && (
        <button type="button" className="button button-small" onClick={vertical.stopFeed}>
          Stop vertical
        </button>
      )}
      {(feed.phase === 'stopped' || feed.phase === 'error') && (
        <button type="button" className="button button-small" onClick={vertical.startFeed}>
          Start vertical
        </button>
      )}
      {feed.error && (
        <p className="banner banner-error" role="alert">
          {feed.error}
        </p>
      )}
      {vertical.error && (
        <p className="banner banner-error" role="alert">
          {vertical.error}
        </p>
      )}
    </div>
  );
}
