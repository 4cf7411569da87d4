import { describe, expect, it } from 'vitest';
import { READY_MADE_VERTICAL_SCENES, VERTICAL_SAFE_AREA } from '../../shared/domain/vertical-scenes.js';
import { CARD_UNITS, productCardLayout, toPixels } from './layout.js';
import { drawnCardLayer, type Rect } from './scene-model.js';

/** The overlays of the ready-made vertical scenes, laid out on 9:16 frames (pure geometry: what the compositor draws). */

const inside = (r: Rect, area: Rect) => r.x >= area.x && r.y >= area.y && r.x + r.w <= area.x + area.w + 1e-9 && r.y + r.h <= area.y + area.h + 1e-9;
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const OVERLAYS = ['product-card', 'lower-third'];

describe('9:16 overlays', () => {
  for (const scene of READY_MADE_VERTICAL_SCENES) {
    const overlays = scene.layers.filter((l) => OVERLAYS.includes(l.source.kind));

    it(`${scene.name}: card and host name clear of the phone apps' buttons and comments, and of each other`, () => {
      expect(scene.orientation).toBe('vertical');
      expect(overlays.map((l) => l.source.kind).sort()).toEqual(['lower-third', 'product-card']);
      for (const l of overlays) expect(inside(l.rect, VERTICAL_SAFE_AREA), `${l.name} inside the safe area`).toBe(true);
      const [a, b] = overlays;
      expect(overlap(a!.rect, b!.rect)).toBe(false);
      // The card sits in the lower half, under the host's face.
      const card = scene.layers.find((l) => l.source.kind === 'product-card')!;
      expect(card.rect.y).toBeGreaterThanOrEqual(0.5);
    });

    for (const [width, height] of [
      [720, 1280],
      [1080, 1920],
    ] as const) {
      it(`${scene.name} at ${width}x${height}: a card with a picture, a two-line title, the price and the stock fits its rect, in legible type`, () => {
        const layer = scene.layers.find((l) => l.source.kind === 'product-card')!;
        const r = toPixels(layer.rect, width, height);
        const layout = productCardLayout(r, { picture: true, titleLines: 2, variant: false, deal: false, footer: true });
        const textBottom = layout.textTop + layout.unit * (2 * CARD_UNITS.titleLine + 0.4 + CARD_UNITS.price + CARD_UNITS.footer) + layout.pad;
        expect(textBottom).toBeLessThanOrEqual(r.y + r.h + 1);
        expect(layout.imageBox!.h).toBeGreaterThan(r.h * 0.4);
        // The title is drawn at 1.6 units: at least 18 px on a 720-wide frame.
        expect(layout.unit * 1.6).toBeGreaterThanOrEqual((18 * width) / 720);
      });
    }
  }

  it('the card a vertical scene shows is its own 9:16 card (the host can hide it; the split scene starts with it hidden)', () => {
    const shown = READY_MADE_VERTICAL_SCENES.map((s) => drawnCardLayer(s)?.rect ?? null);
    expect(shown.map((r) => r !== null)).toEqual([true, false, true]);
  });
});
