import { viewerCountText } from './card-format.js';
import { ProductCardView } from './product-card-view.js';
import type { ProductCard } from '../../shared/sfu/product-card.js';
import type { VideoFeed } from './feed-choice.js';
import type { WatchPhase, WatchStatus } from './watch-session.js';

/** Runs in the viewer's browser: turns a WatchStatus into the page (markup in index.html). */

const PHASE_TEXT: Readonly<Record<WatchPhase, { title: string; detail: string } | null>> = {
  connecting: { title: 'Connecting…', detail: '' },
  'not-started': { title: 'The show hasn’t started yet', detail: 'Stay on this page: it starts playing by itself.' },
  live: null,
  paused: { title: 'The host will be right back', detail: 'Their connection dropped. The show continues here by itself.' },
  ended: { title: 'The show has ended', detail: 'Thanks for watching!' },
  reconnecting: { title: 'Reconnecting…', detail: 'Your connection dropped. Trying again…' },
  crowded: {
    title: 'Too many viewers on your network',
    detail: 'Your network has as many connections to this show as it may. Close the show in another tab or device; it starts here by itself.',
  },
  unsupported: { title: 'This browser can’t play the show', detail: 'Try the latest Chrome, Safari or Firefox.' },
};

/** An off-screen feed that has painted nothing by then is let go (the session swaps anyway, watch-media.ts). */
const PRELOAD_GIVE_UP_MS = 6_000;

const STARTING_TEXT = { title: 'Starting the show…', detail: '' };

function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`The watch page is missing #${id}.`);
  return node as T;
}

/** What the embedded player (embed-bridge.ts) changes: Buy clicks first go to it; its own words for some phases. */
export interface WatchViewOptions {
  readonly onBuy?: (card: ProductCard, url: string, event: MouseEvent) => void;
  readonly phaseText?: Partial<Record<WatchPhase, { title: string; detail: string }>>;
}

export class WatchView {
  readonly stream = new MediaStream();
  private readonly root = byId<HTMLElement>('watch');
  private readonly video = byId<HTMLVideoElement>('video');
  private readonly overlay = byId<HTMLElement>('status');
  private readonly overlayTitle = byId<HTMLElement>('status-title');
  private readonly overlayDetail = byId<HTMLElement>('status-detail');
  private readonly liveBadge = byId<HTMLElement>('live-badge');
  private readonly viewerCount = byId<HTMLElement>('viewer-count');
  private readonly unmute = byId<HTMLButtonElement>('unmute');
  private readonly card: ProductCardView;
  private phase: WatchPhase = 'connecting';
  private hasFrame = false;
  private firstFrameMarked = false;

  constructor(private readonly options: WatchViewOptions = {}) {
    this.card = new ProductCardView(byId<HTMLElement>('product-card'), options.onBuy);
    this.unmute.addEventListener('click', () => {
      this.video.muted = false;
      void this.video.play().catch(() => undefined);
      this.renderUnmute();
    });
    this.video.addEventListener('volumechange', () => this.renderUnmute());
  }

  render(status: WatchStatus): void {
    this.phase = status.phase;
    this.root.dataset.phase = status.phase;
    this.liveBadge.hidden = status.phase !== 'live';
    this.viewerCount.hidden = status.viewerCount === null;
    if (status.viewerCount !== null) this.viewerCount.textContent = viewerCountText(status.viewerCount);
    this.card.render(status.phase === 'ended' ? null : status.pin, status.serverOffset);
    this.renderOverlay();
    this.renderUnmute();
  }

  private renderOverlay(): void {
    const text = this.phase === 'live' ? (this.hasFrame ? null : STARTING_TEXT) : (this.options.phaseText?.[this.phase] ?? PHASE_TEXT[this.phase]);
    this.overlay.hidden = text === null;
    this.overlay.dataset.busy = String(this.phase === 'connecting' || this.phase === 'reconnecting' || text === STARTING_TEXT);
    if (text) {
      this.overlayTitle.textContent = text.title;
      this.overlayDetail.textContent = text.detail;
    }
  }

  private renderUnmute(): void {
    const hasAudio = this.stream.getAudioTracks().length > 0;
    this.unmute.hidden = !(this.phase === 'live' && this.video.muted && hasAudio);
  }

  /** The feed shown: the page lays the stage out for 16:9 or 9:16 (watch.css, `data-feed`). */
  showFeed(feed: VideoFeed): void {
    this.root.dataset.feed = feed;
  }

  /**
   * Resolves once `track` paints a frame in an off-screen video element, so
   * the session can swap feeds without a black picture in between.
   */
  whenPlaying(track: MediaStreamTrack): Promise<void> {
    const preload = document.createElement('video');
    preload.muted = true;
    preload.playsInline = true;
    preload.className = 'preload-video';
    preload.setAttribute('aria-hidden', 'true');
    preload.srcObject = new MediaStream([track]);
    document.body.append(preload);
    const done = () => {
      preload.srcObject = null;
      preload.remove();
    };
    return new Promise<void>((resolve) => {
      let settled = false;
      const painted = () => {
        if (settled) return;
        settled = true;
        done();
        resolve();
      };
      if ('requestVideoFrameCallback' in preload) preload.requestVideoFrameCallback(painted);
      else (preload as HTMLVideoElement).addEventListener('loadeddata', painted, { once: true });
      void preload.play().catch(() => undefined);
      // Never left decoding a second copy: the session goes ahead without it by then anyway.
      setTimeout(painted, PRELOAD_GIVE_UP_MS);
    });
  }

  /** The session changed the stream's tracks. */
  onTracksChanged(): void {
    // Attached only once there is media: a video element waiting on an empty
    // stream holds back the page's load event (the tab keeps "loading").
    if (this.video.srcObject === null && this.stream.getTracks().length > 0) this.video.srcObject = this.stream;
    // A stream that gained tracks does not always restart playback by itself (Safari).
    if (this.stream.getVideoTracks().length === 0) this.hasFrame = false;
    else void this.video.play().catch(() => undefined);
    this.waitForFrame();
    this.renderOverlay();
    this.renderUnmute();
  }

  private waitForFrame(): void {
    if (this.hasFrame || this.stream.getVideoTracks().length === 0) return;
    const onFrame = () => {
      if (this.stream.getVideoTracks().length === 0) return;
      this.hasFrame = true;
      if (!this.firstFrameMarked) {
        this.firstFrameMarked = true;
        performance.mark('lss:first-frame');
      }
      this.renderOverlay();
    };
    if ('requestVideoFrameCallback' in this.video) this.video.requestVideoFrameCallback(onFrame);
    else (this.video as HTMLVideoElement).addEventListener('loadeddata', onFrame, { once: true });
  }
}
