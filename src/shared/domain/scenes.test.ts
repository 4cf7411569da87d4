import { describe, expect, it } from 'vitest';
import { drawnCardLayer, pinnedCardLayer, PINNED_CARD_LAYER_ID, READY_MADE_SCENES, sceneSchema, showsPinnedCard, usesScreen, withPinnedCard, type Scene } from './scenes.js';

const byId = (id: string) => READY_MADE_SCENES.find((s) => s.id === id)!;

describe('the pinned product card on scenes', () => {
  it('is on in every first-run scene, drawn once, on top of what the scene shows', () => {
    for (const scene of READY_MADE_SCENES) {
      expect(sceneSchema.safeParse(scene).success).toBe(true);
      expect(showsPinnedCard(scene)).toBe(true);
      expect(scene.layers.filter((l) => l.source.kind === 'product-card')).toHaveLength(1);
    }
    // The default program scene: the card above the camera and the host's name.
    expect(byId('camera').layers.at(-1)!.source.kind).toBe('product-card');
    // "Screen + camera" keeps the card off its camera picture-in-picture.
    const pip = byId('screen-pip');
    const cam = pip.layers.find((l) => l.id === 'cam')!.rect;
    const card = drawnCardLayer(pip)!.rect;
    expect(card.y + card.h).toBeLessThanOrEqual(cam.y);
  });

  it('turns off per scene by hiding every card layer, and back on by showing the top one', () => {
    const camera = byId('camera');
    const off = withPinnedCard(camera, false);
    expect(showsPinnedCard(off)).toBe(false);
    expect(off.layers.filter((l) => l.source.kind !== 'product-card')).toEqual(camera.layers.filter((l) => l.source.kind !== 'product-card'));
    const on = withPinnedCard(off, true);
    expect(on).toEqual(camera);

    // An older scene with two card layers draws only the topmost visible one; off hides both, on shows the top one.
    const two: Scene = { id: 'two', name: 'Two', layers: [{ ...pinnedCardLayer(), id: 'low' }, camera.layers[0]!, { ...pinnedCardLayer(), id: 'high', visible: false }] };
    expect(drawnCardLayer(two)!.id).toBe('low');
    expect(withPinnedCard(two, false).layers.filter((l) => l.visible).map((l) => l.id)).toEqual(['cam']);
    expect(drawnCardLayer(withPinnedCard(withPinnedCard(two, false), true))!.id).toBe('high');
  });

  it('adds a card on top of a scene that has none', () => {
    const bare: Scene = { id: 'bare', name: 'Bare', layers: [byId('camera').layers[0]!] };
    expect(showsPinnedCard(bare)).toBe(false);
    const on = withPinnedCard(bare, true);
    expect(on.layers.map((l) => l.id)).toEqual(['cam', PINNED_CARD_LAYER_ID]);
    expect(withPinnedCard(bare, false)).toEqual(bare);
  });
});

describe('usesScreen', () => {
  it('is true for a scene that shows a shared screen, not for one that hides it', () => {
    const pip = byId('screen-pip');
    expect(usesScreen(pip)).toBe(true);
    expect(usesScreen({ ...pip, layers: pip.layers.map((l) => ({ ...l, visible: l.source.kind !== 'screen' })) })).toBe(false);
    expect(usesScreen(byId('camera'))).toBe(false);
  });
});
