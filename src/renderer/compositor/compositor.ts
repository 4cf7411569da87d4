import type { AuctionOverlay } from '../live/auction-view.js';
import { dealPhase } from '../../shared/sfu/deal-clock.js';
import type { ProductCard } from '../../shared/sfu/product-card.js';
import { videoPicture } from '../ui/video-picture.js';
import { cardPictureSrc } from '../ui/safe-url.js';
import { AuctionPainter, type AuctionOnVideo } from './draw-auction.js';
import { GuestPictures, type GuestPicture } from './draw-people.js';
import { drawLowerThird, drawProductCard, drawScreenPlaceholder, drawTextCard, drawWinnerLine } from './draw-overlays.js';
import { FrameClock } from './frame-clock.js';
import { fitSource, toPixels } from './layout.js';
import { drawnCardLayer, type Layer, type Scene } from './scene-model.js';
import { VideoFrames } from './video-frames.js';
import { PaintCache } from './paint-cache.js';
import { FrameWindow, type FrameStats } from './frame-stats.js';

export type { FrameStats } from './frame-stats.js';

/**
 * The built-in compositor (runs in the renderer; no React). It owns the
 * output canvas, the media sources drawn into it and the program/preview
 * scenes, and draws with Canvas 2D at a fixed rate. `outputTrack` is
 * `canvas.captureStream()`'s video track: the PublishClient sends it
 * instead of the raw camera. Canvas 2D was measured to hold 1080p30 with
 * three layers on the 2-core test machine (docs/benchmarks.md), so no WebGL.
 */

export type Resolution = '1280x720' | '1920x1080';
export type Transition = 'cut' | 'fade';
/** Who sees a drawn frame: 'viewers' (program, published) or 'host' (the preview monitor). */
export type Audience = 'viewers' | 'host';

export const FADE_MS = 300;
export const FPS = 30;

/** Live state the overlays read. */
export interface OverlayState {
  readonly card: ProductCard | null;
  readonly hostName: string;
  /** Epoch ms a countdown on title cards runs to; null: no countdown. */
  readonly countdownTo: number | null;
  /** Add to Date.now() for main's clock, on which the card's flash deal counts down (from PinState.now). */
  readonly clockOffset: number;
  /** A giveaway's winner line across the top of the program until `until` (main's clock); null: none. */
  readonly giveawayWinner: { readonly text: string; readonly until: number } | null;
  /** The auction drawn over the pinned card (its words made once per change: live/auction-view.ts). */
  readonly auction: AuctionOverlay | null;
}

/** Another output drawn on the same frame clock (vertical-output.ts), right after the program and inside its measured time. */
export interface ExtraOutput {
  render(now: number): void;
}

interface Fade {
  readonly from: Scene;
  readonly start: number;
}

function videoFor(track: MediaStreamTrack): HTMLVideoElement {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = new MediaStream([track]);
  void video.play().catch(() => undefined);
  return video;
}

export class Compositor {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly stream: MediaStream;
  private readonly clock: FrameClock;
  private program: Scene | null = null;
  private fade: Fade | null = null;
  private preview: { canvas: HTMLCanvasElement; scene: Scene | null; selected: string | null } | null = null;
  private readonly cameras = new Map<number, { track: MediaStreamTrack; video: HTMLVideoElement }>();
  private screen: { track: MediaStreamTrack; video: HTMLVideoElement } | null = null;
  /** Each camera, screen and guest frame converted once a tick for every output that draws it. */
  private readonly frames = new VideoFrames();
  /** Guests on air, in slot order (draw-people.ts). */
  private readonly guests = new GuestPictures(this.frames);
  /** Overlays painted once while they look the same (the card, the lower third, title cards). */
  private readonly paintings = new PaintCache();
  /** The card last drawn and its serial number (a new card object is a new look). */
  private cardLook: { card: ProductCard | null; serial: number } = { card: null, serial: 0 };
  /** The card's picture address, for the card it was worked out for. */
  private pictureSrc: { card: ProductCard | null; url: string | null } = { card: null, url: null };
  private readonly images = new Map<string, HTMLImageElement>();
  private overlay: OverlayState = { card: null, hostName: '', countdownTo: null, clockOffset: 0, giveawayWinner: null, auction: null };
  private readonly auctionPainter = new AuctionPainter();
  private auctionShown: AuctionOnVideo | null = null;
  /** Draw times of the last ticks (frameStats). */
  private readonly timings = new FrameWindow(1000 / FPS);
  private tick = 0;
  private slate = false;
  private extra: ExtraOutput | null = null;

  constructor(resolution: Resolution = '1280x720') {
    this.canvas = document.createElement('canvas');
    this.setResolution(resolution);
    // alpha: false lets the browser skip blending the canvas with the page; the output is always opaque.
    this.ctx = this.canvas.getContext('2d', { alpha: false })!;
    this.ctx.fillStyle = '#000';
    this.ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    this.stream = this.canvas.captureStream(FPS);
    this.clock = new FrameClock(FPS, () => this.renderFrame());
  }

  get outputTrack(): MediaStreamTrack {
    return this.stream.getVideoTracks()[0]!;
  }

  setResolution(resolution: Resolution): void {
    const [w, h] = resolution.split('x').map(Number) as [number, number];
    this.canvas.width = w;
    this.canvas.height = h;
  }

  setCamera(slot: number, track: MediaStreamTrack | null): void {
    const current = this.cameras.get(slot);
    if (current?.track === track) return;
    if (current) current.video.srcObject = null;
    if (track) this.cameras.set(slot, { track, video: videoFor(track) });
    else this.cameras.delete(slot);
  }

  setScreen(track: MediaStreamTrack | null): void {
    if (this.screen) this.screen.video.srcObject = null;
    this.screen = track ? { track, video: videoFor(track) } : null;
  }

  /** The guests on air now, in slot order: a `guest` layer's slot n draws guests[n]. */
  setGuests(guests: readonly GuestPicture[]): void {
    this.guests.setOnAir(guests);
  }

  setOverlay(patch: Partial<OverlayState>): void {
    this.overlay = { ...this.overlay, ...patch };
    this.auctionPainter.set(this.overlay.auction);
  }

  /** What the last program frame showed of the auction (null: nothing), for tests and checks. */
  auctionOnVideo(): AuctionOnVideo | null {
    return this.auctionShown;
  }

  /** What is on air. With 'fade' the old scene dissolves into the new one over FADE_MS. */
  setProgram(scene: Scene, transition: Transition = 'cut'): void {
    // The same scene edited (a layer moved) updates in place, without cutting a running fade short.
    if (this.program?.id === scene.id) {
      this.program = scene;
      return;
    }
    if (transition === 'fade' && this.program && this.program.id !== scene.id) this.fade = { from: this.program, start: performance.now() };
    else this.fade = null;
    this.program = scene;
  }

  /** Draws `output` on every program frame (null: none); frameStats then counts both outputs' drawing. */
  setExtraOutput(output: ExtraOutput | null): void {
    this.extra = output;
  }

  /** A scene with this compositor's sources and overlays, into another canvas (the vertical output: one code path for every output). */
  drawSceneOn(ctx: CanvasRenderingContext2D, scene: Scene, width: number, height: number): void {
    this.drawScene(ctx, scene, width, height, 'viewers');
  }

  /** What goes over every published frame whatever the scene (the giveaway winner's line). */
  drawFrameOverlays(ctx: CanvasRenderingContext2D, width: number, height: number): void {
    const winner = this.overlay.giveawayWinner;
    if (winner && Date.now() + this.overlay.clockOffset < winner.until) drawWinnerLine(ctx, width, height, winner.text);
  }

  /** Where the preview scene is drawn (with the selected layer's handles); null hides it. */
  setPreview(canvas: HTMLCanvasElement | null, scene: Scene | null, selectedLayerId: string | null): void {
    this.preview = canvas ? { canvas, scene, selected: selectedLayerId } : null;
  }

  /**
   * Whether the last program frame showed the viewers' slate for a screen
   * layer with nothing shared (the host's monitors say what to do; the
   * published picture never does).
   */
  get programShowsScreenSlate(): boolean {
    return this.slate;
  }

  /** Draw time of the program frame (ms), over the last ten seconds. */
  frameStats(): FrameStats {
    return this.timings.stats();
  }

  /** Starts a new measuring window (after a resolution or scene change). */
  resetFrameStats(): void {
    this.timings.reset();
  }

  dispose(): void {
    this.clock.stop();
    for (const slot of [...this.cameras.keys()]) this.setCamera(slot, null);
    this.setScreen(null);
    this.guests.dispose();
    this.outputTrack.stop();
  }

  private renderFrame(): void {
    const started = performance.now();
    this.frames.nextTick();
    const { width, height } = this.canvas;
    this.ctx.globalAlpha = 1;
    this.ctx.fillStyle = '#000';
    this.ctx.fillRect(0, 0, width, height);
    this.slate = false;
    this.auctionShown = null;
    const fade = this.fade;
    const progress = fade ? (started - fade.start) / FADE_MS : 1;
    if (fade && progress < 1) {
      this.drawScene(this.ctx, fade.from, width, height, 'viewers');
      this.ctx.globalAlpha = Math.max(0, progress);
    } else {
      this.fade = null;
    }
    if (this.program) this.drawScene(this.ctx, this.program, width, height, 'viewers');
    this.ctx.globalAlpha = 1;
    this.drawFrameOverlays(this.ctx, width, height);
    this.extra?.render(started);
    const programMs = performance.now() - started;
    // The preview is for the host's eyes only: 15 fps is smooth enough to edit and leaves the CPU to the encoder.
    if (++this.tick % 2 === 0) this.renderPreview();
    this.timings.add(started, programMs, performance.now() - started);
  }

  private renderPreview(): void {
    const preview = this.preview;
    if (!preview) return;
    const ctx = preview.canvas.getContext('2d');
    if (!ctx) return;
    const { width, height } = preview.canvas;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, width, height);
    if (!preview.scene) return;
    this.drawScene(ctx, preview.scene, width, height, 'host');
    const selected = preview.scene.layers.find((l) => l.id === preview.selected);
    if (selected) drawHandles(ctx, toPixels(selected.rect, width, height));
  }

  /** `audience`: the program frame is published ('viewers'); the preview monitor is the host's own ('host'). */
  private drawScene(ctx: CanvasRenderingContext2D, scene: Scene, width: number, height: number, audience: Audience): void {
    // One pinned card per scene: an older scene may hold two card layers; the topmost visible one is drawn.
    const card = drawnCardLayer(scene);
    for (const layer of scene.layers) {
      if (layer.visible && (layer.source.kind !== 'product-card' || layer === card)) this.drawLayer(ctx, layer, width, height, audience);
    }
  }

  private drawLayer(ctx: CanvasRenderingContext2D, layer: Layer, width: number, height: number, audience: Audience): void {
    const rect = toPixels(layer.rect, width, height);
    const source = layer.source;
    switch (source.kind) {
      case 'camera':
        return this.drawVideo(ctx, this.cameras.get(source.slot)?.video, layer, rect);
      case 'screen':
        if (this.screen) return this.drawVideo(ctx, this.screen.video, layer, rect);
        // Nothing shared (not yet, cancelled, or the share ended): never black. Viewers get a calm slate; only the host is told what to do.
        if (audience === 'viewers') this.slate = true;
        return drawScreenPlaceholder(ctx, rect, audience);
      case 'image':
        return this.drawImage(ctx, this.image(source.url), layer, rect);
      case 'product-image': {
        const picture = this.productPicture();
        return picture ? this.drawImage(ctx, picture, layer, rect) : undefined;
      }
      case 'product-card': {
        if (!this.overlay.card) return;
        const now = Date.now() + this.overlay.clockOffset;
        this.drawCard(ctx, rect, this.overlay.card, now);
        const shown = this.auctionPainter.draw(ctx, rect, now);
        if (audience === 'viewers' && shown) this.auctionShown = shown;
        return;
      }
      case 'lower-third': {
        const hostName = this.overlay.hostName;
        if (!hostName) return;
        // Painted once per name and place; a pixel of bleed for the edges' smoothing.
        return this.paintings.draw(ctx, layer.id, rect, 1, [hostName], (target) => drawLowerThird(target, rect, hostName));
      }
      case 'text': {
        // Repainted when its words change and each second of a countdown.
        const left = this.countdownSeconds();
        return this.paintings.draw(ctx, layer.id, rect, 1, [source.text, source.subtitle ?? null, left], (target) =>
          drawTextCard(target, rect, source.text, source.subtitle, left === null ? null : countdownText(left)),
        );
      }
      case 'guest':
        return this.guests.drawSlot(ctx, source.slot, layer, rect);
      case 'people-grid':
        return this.guests.drawGrid(ctx, this.frames.pictureOf(this.cameras.get(0)?.video), rect);
    }
  }

  private drawVideo(ctx: CanvasRenderingContext2D, video: HTMLVideoElement | undefined, layer: Layer, rect: ReturnType<typeof toPixels>): void {
    const picture = this.frames.pictureOf(video);
    if (!picture) return;
    const { source, dest } = fitSource(picture.width, picture.height, layer.crop, rect, layer.fit);
    ctx.drawImage(picture.source, source.x, source.y, source.w, source.h, dest.x, dest.y, dest.w, dest.h);
  }

  /** The card from its stored painting while it looks the same: it changes with the card, its picture's arrival and a deal's second. */
  private drawCard(ctx: CanvasRenderingContext2D, rect: ReturnType<typeof toPixels>, card: ProductCard, now: number): void {
    const picture = this.productPicture();
    const pictureReady = picture !== null && picture.complete && picture.naturalWidth > 0;
    const deal = dealPhase(card.deal, now);
    // The countdown's shown second (formatCountdown's: whole seconds rounded up), or the deal's phase.
    const dealLook = deal.kind === 'running' ? Math.max(0, Math.ceil(deal.remainingMs / 1000)) : deal.kind;
    if (this.cardLook.card !== card) this.cardLook = { card, serial: this.cardLook.serial + 1 };
    // The shadow reaches a unit (rect.w / 24) beyond the card's box.
    this.paintings.draw(ctx, CARD_SLOT, rect, Math.ceil(rect.w / 12), [this.cardLook.serial, pictureReady, dealLook], (target) =>
      drawProductCard(target, rect, card, picture, now),
    );
  }

  private drawImage(ctx: CanvasRenderingContext2D, image: HTMLImageElement, layer: Layer, rect: ReturnType<typeof toPixels>): void {
    if (!image.complete || image.naturalWidth === 0) return;
    const { source, dest } = fitSource(image.naturalWidth, image.naturalHeight, layer.crop, rect, layer.fit);
    ctx.drawImage(image, source.x, source.y, source.w, source.h, dest.x, dest.y, dest.w, dest.h);
  }

  /** The pinned product's picture once it loaded for the canvas; null while loading, or when its website refuses (no CORS). */
  private productPicture(): HTMLImageElement | null {
    const card = this.overlay.card;
    // The kept picture comes from the studio's own origin: it always draws (the store's address needs CORS).
    // Worked out once per card (it parses a URL), not on every frame.
    if (this.pictureSrc.card !== card) this.pictureSrc = { card, url: card ? cardPictureSrc(card) : null };
    const url = this.pictureSrc.url;
    if (!url) return null;
    const picture = videoPicture(url);
    return picture.state === 'ready' ? picture.image : null;
  }

  private image(url: string): HTMLImageElement {
    let image = this.images.get(url);
    if (!image) {
      image = new Image();
      // Anonymous CORS keeps the canvas untainted; an image without CORS headers simply does not load (product pictures: ui/video-picture.ts).
      image.crossOrigin = 'anonymous';
      image.src = url;
      this.images.set(url, image);
    }
    return image;
  }

  /** Whole seconds left on title cards' countdown; null: none. */
  private countdownSeconds(): number | null {
    const to = this.overlay.countdownTo;
    if (to === null) return null;
    return Math.max(0, Math.ceil((to - Date.now()) / 1000));
  }
}

/** The pinned card's painting (one card per scene). */
const CARD_SLOT = '\u0000card';

/** "4:05": a title card's countdown. */
function countdownText(left: number): string {
  return `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
}

function drawHandles(ctx: CanvasRenderingContext2D, r: ReturnType<typeof toPixels>): void {
  ctx.strokeStyle = '#4da3ff';
  ctx.lineWidth = 2;
  ctx.strokeRect(r.x, r.y, r.w, r.h);
  ctx.fillStyle = '#4da3ff';
  const s = 8;
  for (const [x, y] of [
    [r.x, r.y],
    [r.x + r.w, r.y],
    [r.x, r.y + r.h],
    [r.x + r.w, r.y + r.h],
  ] as const) {
    ctx.fillRect(x - s / 2, y - s / 2, s, s);
  }
}
