import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VideoFrames } from './video-frames.js';

/**
 * Which picture each output draws (video-frames.ts): the video itself, or
 * the tick's one converted copy. Node has no canvas: the copy's canvas is a
 * stand-in that counts the conversions (drawImage of the video into it).
 */

let conversions: number;

beforeEach(() => {
  conversions = 0;
  vi.stubGlobal('document', {
    createElement: () => ({ width: 0, height: 0, getContext: () => ({ drawImage: () => conversions++ }) }),
  });
});

afterEach(() => vi.unstubAllGlobals());

const camera = { readyState: 4, videoWidth: 1280, videoHeight: 720 } as HTMLVideoElement;

describe('video frames', () => {
  it('draws a video used by one output straight, without a copy', () => {
    const frames = new VideoFrames();
    for (let tick = 0; tick < 6; tick++) {
      frames.nextTick();
      expect(frames.pictureOf(camera)?.source).toBe(camera);
    }
    expect(conversions).toBe(0);
  });

  it('converts a camera on the program every tick and the preview every second tick once a tick, and every draw takes the copy', () => {
    const frames = new VideoFrames();
    const sources: unknown[][] = [];
    for (let tick = 0; tick < 8; tick++) {
      frames.nextTick();
      const drawn = [frames.pictureOf(camera)?.source];
      if (tick % 2 === 1) drawn.push(frames.pictureOf(camera)?.source);
      sources.push(drawn);
    }
    // From the first tick after the preview drew it, no output draws the video straight (a second conversion).
    for (const drawn of sources.slice(2)) for (const source of drawn) expect(source).not.toBe(camera);
    // Ticks 1..7 convert once each; tick 0 drew it straight.
    expect(conversions).toBe(7);
  });

  it('goes back to drawing straight two ticks after the second output stopped', () => {
    const frames = new VideoFrames();
    frames.nextTick();
    frames.pictureOf(camera);
    frames.pictureOf(camera);
    frames.nextTick();
    expect(frames.pictureOf(camera)?.source).not.toBe(camera);
    frames.nextTick();
    expect(frames.pictureOf(camera)?.source).not.toBe(camera);
    frames.nextTick();
    expect(frames.pictureOf(camera)?.source).toBe(camera);
  });
});
