import { useEffect, useRef, useState } from 'react';
import { useCompositor } from './compositor-context.js';
import { showsPinnedCard, withPinnedCard, type Scene } from './scene-model.js';

/**
 * The preview scene's menu (⋯ next to its name): whether a pin shows on this
 * scene's video, and for a scene that draws a screen, the browser's
 * screen-or-window picker again. A scene on air changes on air at once.
 */
export function SceneMenu({ scene }: { scene: Scene }) {
  const { updateScene, sources } = useCompositor();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const hasScreen = scene.layers.some((l) => l.source.kind === 'screen');
  const cardOn = showsPinnedCard(scene);

  useEffect(() => {
    if (!open) return;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  return (
    <div className="scene-menu" ref={root}>
      <button
        type="button"
        className="scene-menu-button"
        aria-label={`Scene options: ${scene.name}`}
        aria-haspopup="menu"
        aria-expanded={open}
        title="Scene options"
        onClick={() => setOpen(!open)}
      >
        ⋯
      </button>
      {open && (
        <div className="scene-menu-list" role="menu" aria-label={`${scene.name} options`}>
          <button
            type="button"
            role="menuitemcheckbox"
            aria-checked={cardOn}
            title="The pinned product's card on this scene's video (viewers and every platform the show goes to)"
            onClick={() => updateScene(withPinnedCard(scene, !cardOn))}
          >
            <span className="scene-menu-check" aria-hidden="true">
              {cardOn ? '✓' : ''}
            </span>
            Show pinned product card
          </button>
          {hasScreen && (
            <button
              type="button"
              role="menuitem"
              disabled={sources.screenAsking}
              onClick={() => {
                // Straight from the click: the browser opens its picker only from one.
                sources.shareScreen();
                setOpen(false);
              }}
            >
              <span className="scene-menu-check" aria-hidden="true" />
              Share a screen or window…
            </button>
          )}
          {hasScreen && sources.screenOn && (
            <button
              type="button"
              role="menuitem"
              onClick={() => {
                sources.toggleScreen();
                setOpen(false);
              }}
            >
              <span className="scene-menu-check" aria-hidden="true" />
              Stop sharing
            </button>
          )}
        </div>
      )}
    </div>
  );
}
