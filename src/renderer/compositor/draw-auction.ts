import { formatCountdown } from '../../shared/sfu/deal-clock.js';
import type { AuctionOverlay } from '../live/auction-view.js';
import type { PixelRect } from './layout.js';

/**
 * The running auction on the program video, over the bottom of the pinned
 * card: the price big, who leads, the countdown; at the end "SOLD to Ana —
 * $42" for a few seconds. Every viewer and every platform sees it (it is in
 * the published frame). Drawn every frame, so the words are measured once
 * per change (a new state, a new second, another canvas width), never per
 * frame.
 */

/** The panel's colours: tests read them back from the output to find it. */
export const AUCTION_PANEL_BACKGROUND = '#14161b';
export const AUCTION_SOLD_BACKGROUND = '#137a4b';
const UNSOLD_BACKGROUND = '#4b5563';
const ACCENT = '#ff4d6d';
const MUTED = '#c7ccd6';
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
const MONO = 'ui-monospace, Menlo, monospace';
/** The panel's height in card units (a unit is the card's width / 24). */
const PANEL_UNITS = 7.4;

interface Measured {
  readonly label: string;
  readonly priceFont: string;
  readonly price: string;
  readonly leader: string;
  readonly result: string;
  readonly resultFont: string;
  countdown: string;
  second: number;
  countdownWidth: number;
}

/** What the last program frame drew, for tests and the host's checks (never the per-frame hot path's business). */
export interface AuctionOnVideo {
  readonly id: number;
  readonly text: string;
}

export class AuctionPainter {
  private overlay: AuctionOverlay | null = null;
  /** Per canvas width (the program and the preview monitor): two entries at most. */
  private readonly measured = new Map<number, Measured>();

  set(overlay: AuctionOverlay | null): void {
    if (overlay === this.overlay) return;
    this.overlay = overlay;
    this.measured.clear();
  }

  /** Whether a panel shows at `now` (main's clock): running, or its result for a few seconds. */
  visible(now: number): boolean {
    const o = this.overlay;
    if (!o) return false;
    return o.status === 'running' || (o.hideAt !== null && now < o.hideAt);
  }

  /** Draws the panel over the bottom of the card's rect; returns what it said, or null when nothing shows. */
  draw(ctx: CanvasRenderingContext2D, r: PixelRect, now: number): AuctionOnVideo | null {
    const o = this.overlay;
    if (!o || !this.visible(now)) return null;
    const unit = r.w / 24;
    const h = Math.min(r.h, unit * PANEL_UNITS);
    const box = { x: r.x, y: r.y + r.h - h, w: r.w, h };
    const pad = unit * 1.2;
    const m = this.measure(ctx, o, r.w, unit);
    ctx.save();
    ctx.beginPath();
    ctx.roundRect(box.x, box.y, box.w, box.h, unit * 0.8);
    if (o.result !== null) {
      ctx.fillStyle = o.sold ? AUCTION_SOLD_BACKGROUND : UNSOLD_BACKGROUND;
      ctx.fill();
      ctx.fillStyle = '#ffffff';
      ctx.font = m.resultFont;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(m.result, box.x + box.w / 2, box.y + box.h / 2);
      ctx.restore();
      return { id: o.id, text: o.result };
    }
    ctx.fillStyle = AUCTION_PANEL_BACKGROUND;
    ctx.fill();
    const remaining = Math.max(0, o.endsAt - now);
    const second = Math.ceil(remaining / 1000);
    if (second !== m.second) {
      m.second = second;
      m.countdown = formatCountdown(remaining);
      ctx.font = `800 ${unit * 2.2}px ${MONO}`;
      m.countdownWidth = ctx.measureText(m.countdown).width;
    }
    ctx.textBaseline = 'top';
    ctx.fillStyle = ACCENT;
    ctx.font = `800 ${unit * 1}px ${FONT}`;
    ctx.fillText(m.label, box.x + pad, box.y + unit * 0.9);
    ctx.fillStyle = '#ffffff';
    ctx.font = m.priceFont;
    ctx.fillText(m.price, box.x + pad, box.y + unit * 2.2);
    ctx.fillStyle = MUTED;
    ctx.font = `600 ${unit * 1.15}px ${FONT}`;
    ctx.fillText(m.leader, box.x + pad, box.y + unit * 5.4);
    // The countdown pill, right; red in the last 5 seconds.
    const pillW = m.countdownWidth + unit * 1.6;
    const pill = { x: box.x + box.w - pad - pillW, y: box.y + unit * 2.2, w: pillW, h: unit * 3 };
    ctx.beginPath();
    ctx.roundRect(pill.x, pill.y, pill.w, pill.h, pill.h / 2);
    ctx.fillStyle = second <= 5 ? ACCENT : '#2a2f3a';
    ctx.fill();
    ctx.fillStyle = '#ffffff';
    ctx.font = `800 ${unit * 2.2}px ${MONO}`;
    ctx.textBaseline = 'middle';
    ctx.fillText(m.countdown, pill.x + unit * 0.8, pill.y + pill.h / 2);
    ctx.restore();
    return { id: o.id, text: `${m.price} ${m.leader} ${m.countdown}` };
  }

  /** The words fitted to this width, once per overlay and width. */
  private measure(ctx: CanvasRenderingContext2D, o: AuctionOverlay, width: number, unit: number): Measured {
    const known = this.measured.get(width);
    if (known) return known;
    const inner = width - unit * 2.4;
    ctx.save();
    ctx.font = `800 ${unit * 1}px ${FONT}`;
    const label = fit(ctx, `AUCTION · ${o.priceLabel}`, inner);
    const priceFont = `800 ${unit * 2.8}px ${FONT}`;
    ctx.font = priceFont;
    // The countdown pill takes the right part of the price row.
    const price = fit(ctx, o.price, inner - unit * 9);
    ctx.font = `600 ${unit * 1.15}px ${FONT}`;
    const leader = fit(ctx, o.leader === 'No bids yet' ? o.leader : `${o.leader} is winning`, inner);
    const resultFont = `800 ${unit * 1.7}px ${FONT}`;
    ctx.font = resultFont;
    const result = o.result === null ? '' : fit(ctx, o.result, inner);
    ctx.restore();
    const m: Measured = { label, priceFont, price, leader, result, resultFont, countdown: '', second: -1, countdownWidth: 0 };
    this.measured.set(width, m);
    return m;
  }
}

function fit(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  let end = text.length;
  while (end > 1 && ctx.measureText(`${text.slice(0, end)}…`).width > maxWidth) end--;
  return `${text.slice(0, end)}…`;
}
