import type { VerticalResolution } from '../../shared/domain/settings.js';
import { FADE_MS, FPS, type Compositor, type ExtraOutput, type Transition } from './compositor.js';
import type { Scene } from './scene-model.js';

/**
 * The 9:16 output (runs in the renderer; no React): a second canvas beside
 * the 16:9 program, drawn by the same Compositor on the same frame clock
 * (its cameras, guests, pictures and overlays: one code path for both
 * outputs), right after each program frame. `outputTrack` is its
 * captureStream track, published as the `vertical` feed.
 *
 * Draw cost: nothing is allocated per frame here (the fade is two numbers;
 * the scene is drawn straight from the stored object). The compositor's
 * frameStats count both outputs together (bench: one output against two).
 */
export class VerticalOutput implements ExtraOutput {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly stream: MediaStream;
  private program: Scene | null = null;
  private fadeFrom: Scene | null = null;
  private fadeStart = 0;
  private drawn = 0;

  constructor(
    private readonly compositor: Compositor,
    resolution: VerticalResolution,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'vertical-output-canvas';
    this.setResolution(resolution);
    this.ctx = this.canvas.getContext('2d', { alpha: false })!;
    this.ctx.fillStyle = '#000';
    this.ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    this.stream = this.canvas.captureStream(FPS);
    compositor.setExtraOutput(this);
  }

  get outputTrack(): MediaStreamTrack {
    return this.stream.getVideoTracks()[0]!;
  }

  /** Frames drawn so far (tests wait for a few after a change). */
  get framesDrawn(): number {
    return this.drawn;
  }

  get programId(): string | null {
    return this.program?.id ?? null;
  }

  setResolution(resolution: VerticalResolution): void {
    const [w, h] = resolution.split('x').map(Number) as [number, number];
    if (this.canvas.width === w && this.canvas.height === h) return;
    this.canvas.width = w;
    this.canvas.height = h;
  }

  /** What the vertical output shows. With 'fade' the old scene dissolves into the new one, as on the 16:9 program. */
  setProgram(scene: Scene, transition: Transition = 'cut'): void {
    if (this.program?.id === scene.id) {
      this.program = scene;
      return;
    }
    this.fadeFrom = transition === 'fade' && this.program ? this.program : null;
    this.fadeStart = performance.now();
    this.program = scene;
  }

  render(now: number): void {
    const { ctx } = this;
    const { width, height } = this.canvas;
    ctx.globalAlpha = 1;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, width, height);
    const progress = this.fadeFrom ? (now - this.fadeStart) / FADE_MS : 1;
    if (this.fadeFrom && progress < 1) {
      this.compositor.drawSceneOn(ctx, this.fadeFrom, width, height);
      ctx.globalAlpha = Math.max(0, progress);
    } else {
      this.fadeFrom = null;
    }
    if (this.program) this.compositor.drawSceneOn(ctx, this.program, width, height);
    ctx.globalAlpha = 1;
    this.compositor.drawFrameOverlays(ctx, width, height);
    this.drawn++;
  }

  /** Stops drawing and sending; the canvas is not used again. */
  dispose(): void {
    this.compositor.setExtraOutput(null);
    this.outputTrack.stop();
  }
}
