import { describe, expect, it } from 'vitest';
import { dragRect, fitSource, gripAt, percentile, productCardLayout } from './layout.js';
import { NO_CROP, moveLayer, READY_MADE_SCENES } from './scene-model.js';

describe('fitSource', () => {
  it('letterboxes a 4:3 source into a 16:9 rect (contain)', () => {
    const { dest } = fitSource(640, 480, NO_CROP, { x: 0, y: 0, w: 1280, h: 720 }, 'contain');
    expect(dest).toEqual({ x: 160, y: 0, w: 960, h: 720 });
  });

  it('crops the sides of a 16:9 source to fill a square (cover)', () => {
    const { source, dest } = fitSource(1280, 720, NO_CROP, { x: 10, y: 10, w: 100, h: 100 }, 'cover');
    expect(source).toEqual({ x: 280, y: 0, w: 720, h: 720 });
    expect(dest).toEqual({ x: 10, y: 10, w: 100, h: 100 });
  });

  it('applies the crop before fitting', () => {
    const { source } = fitSource(1000, 1000, { left: 0.1, top: 0, right: 0.1, bottom: 0.2 }, { x: 0, y: 0, w: 800, h: 800 }, 'contain');
    expect(source).toEqual({ x: 100, y: 0, w: 800, h: 800 });
  });
});

describe('handles', () => {
  const rect = { x: 0.5, y: 0.5, w: 0.25, h: 0.25 };
  it('finds corners before the body, and nothing outside', () => {
    expect(gripAt(rect, 0.5, 0.5, 0.01, 16 / 9)).toBe('nw');
    expect(gripAt(rect, 0.751, 0.749, 0.01, 16 / 9)).toBe('se');
    expect(gripAt(rect, 0.6, 0.6, 0.01, 16 / 9)).toBe('move');
    expect(gripAt(rect, 0.2, 0.2, 0.01, 16 / 9)).toBeNull();
  });

  it('resizes from the top-left corner keeping the opposite corner fixed', () => {
    const next = dragRect(rect, 'nw', -0.1, -0.1);
    expect(next.x).toBeCloseTo(0.4);
    expect(next.w).toBeCloseTo(0.35);
    expect(next.y + next.h).toBeCloseTo(0.75);
  });

  it('never shrinks below the minimum or moves fully off screen', () => {
    expect(dragRect(rect, 'se', -1, -1).w).toBeCloseTo(0.04);
    expect(dragRect(rect, 'move', 5, 5).x).toBeLessThan(1);
  });
});

describe('scenes', () => {
  it('moves a layer up the drawing order and stops at the top', () => {
    const scene = READY_MADE_SCENES[1]!;
    const up = moveLayer(scene, 'cam', 1);
    expect(up.layers.map((l) => l.id)).toEqual(['card', 'cam', 'lower-third']);
    expect(moveLayer(scene, 'lower-third', 1)).toBe(scene);
  });

  it('has at most eight ready-made scenes (F1–F8)', () => {
    expect(READY_MADE_SCENES.length).toBeLessThanOrEqual(8);
  });
});

it('percentile', () => {
  expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(6);
  expect(percentile([], 95)).toBe(0);
});

describe('productCardLayout', () => {
  const rect = { x: 806, y: 72, w: 422, h: 576 };
  const content = { picture: true, titleLines: 2, variant: false, deal: false, footer: true };

  it('fills the rect with the picture on top when the picture draws', () => {
    const layout = productCardLayout(rect, content);
    expect(layout.card).toEqual(rect);
    expect(layout.imageBox).not.toBeNull();
    expect(layout.imageBox!.y).toBeGreaterThan(rect.y);
    expect(layout.textTop).toBeGreaterThan(layout.imageBox!.y + layout.imageBox!.h);
  });

  it('without a picture: no picture box, only as tall as the text, at the bottom of the rect', () => {
    const layout = productCardLayout(rect, { ...content, picture: false });
    expect(layout.imageBox).toBeNull();
    expect(layout.card.y + layout.card.h).toBe(rect.y + rect.h);
    expect(layout.card.h).toBeLessThan(rect.h / 2);
    expect(layout.textTop).toBe(layout.card.y + layout.pad);
    // A running deal's badge gets a row of its own above the title.
    const deal = productCardLayout(rect, { ...content, picture: false, deal: true });
    expect(deal.card.h).toBeGreaterThan(layout.card.h);
    expect(deal.badge.y).toBe(deal.card.y + deal.pad);
    expect(deal.textTop).toBeGreaterThan(deal.badge.y + deal.unit * 2.2);
  });

  it('never grows past the rect', () => {
    const flat = { ...rect, h: 60 };
    expect(productCardLayout(flat, { ...content, picture: false, deal: true, variant: true }).card).toEqual(flat);
  });
});
